"""Figures as open data: the data package, the CSV it describes, and the figures page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from lxml import html

from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import editions, kpis, registration
from casa.expo.models import Registration, Scan
from casa.expo.schemas import RegistrationIn
from tests.expo.factories import NOW, YEAR, make_edition

pytestmark = pytest.mark.integration


def _edition_with_scans(db: Database) -> None:
    """Two confirmed visitors; one enters at the Twin Center twice over two days, none else."""
    make_edition(db, sessions=0)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        for i, city in enumerate(("Casablanca", "Rabat")):
            registration.register(
                session=session,
                edition=edition,
                data=RegistrationIn(
                    category="citizen",
                    name=f"P{i}",
                    email=f"p{i}@casa.ma",
                    city=city,
                    country="MA",
                    consent=True,
                ),
                now=NOW,
            )
        first = session.query(Registration).order_by(Registration.id).first()
        assert first is not None
        venue = editions.get_venue(session=session, slug="twin-center")
        for n, at in enumerate(
            (datetime(2026, 4, 20, 9, 30, tzinfo=UTC), datetime(2026, 4, 21, 23, 30, tzinfo=UTC))
        ):
            session.add(
                Scan(
                    nonce=f"n{n}",
                    edition_id=edition.id,
                    ticket=first.ticket,
                    venue_id=venue.id,
                    gate="a",
                    kind="entry",
                    accepted=True,
                    reason="ok",
                    at=at,
                )
            )
        kpis.enter(
            session=session, edition=edition, metric="exhibitors", value=42, source="catalogue"
        )


def test_datapackage_describes_the_csv_with_sources_and_licence(
    db: Database, settings: Settings, client: TestClient
) -> None:
    _edition_with_scans(db)
    root = settings.base_url.rstrip("/") + "/"

    body = client.get("/api/v1/expo/kpis/datapackage.json").json()
    csv_lines = client.get("/api/v1/expo/kpis.csv").text.splitlines()

    figures, sources, checkins = body.pop("resources")
    assert body == {
        "profile": "tabular-data-package",
        "name": "casablanca-smart-city-expo-figures",
        "title": "Smart City Expo Casablanca: figures of every edition",
        "homepage": f"{root}expo/figures",
        "licenses": [kpis.LICENCE],
        "sources": [
            {"title": "catalogue"},
            {"title": "Casa: computed from registrations and gate scans", "path": root},
        ],
    }
    assert [f["name"] for f in figures["schema"]["fields"]] == csv_lines[0].split(",")
    assert (figures["path"], figures["schema"]["primaryKey"]) == (
        f"{root}api/v1/expo/kpis.csv",
        ["year"],
    )
    assert csv_lines[1:] == ["2026,2,0,0,1,0,3,0,42,2,0.5"]  # cities: none sent a delegation
    assert sources["data"] == [
        {
            "year": 2026,
            "metric": m,
            "source": "entered: catalogue" if m == "exhibitors" else "computed",
        }
        for m in kpis.METRICS
    ]
    # 23:30 UTC on the 21st is already the 22nd in Casablanca (UTC+1 in April 2026).
    assert checkins["data"] == [
        {"year": 2026, "venue": "twin-center", "day": "2026-04-20", "entries": 1},
        {"year": 2026, "venue": "twin-center", "day": "2026-04-22", "entries": 1},
    ]


def test_figures_page_links_the_package_and_lists_checkins(
    db: Database, client: TestClient
) -> None:
    _edition_with_scans(db)

    page = html.fromstring(client.get("/expo/figures?lang=fr").text)
    rows = [
        [cell.text_content() for cell in row.findall("td")]
        for row in page.get_element_by_id(f"checkins-{YEAR}").findall("tbody/tr")
    ]

    assert page.get_element_by_id("figures-datapackage").get("href") == (
        "/api/v1/expo/kpis/datapackage.json"
    )
    assert page.get_element_by_id("checkins-by-venue-day").text_content() == (
        "Entrées par lieu et par jour"
    )
    assert rows == [["twin-center", "2026-04-20", "1"], ["twin-center", "2026-04-22", "1"]]
