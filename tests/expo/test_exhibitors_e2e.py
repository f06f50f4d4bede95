"""The trade show in a browser: the 2018 floor plan shows every booth allocated, then a stand
scans a consenting visitor's badge, sees the lead and downloads it as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from casa.core.db import Database
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.e2e

YEAR = 2018
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _route(route: Any) -> None:
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


def _token(http: httpx.Client, email: str) -> dict[str, str]:
    answer = http.post("/api/v1/auth/token", data={"username": email, "password": DEFAULT_PASSWORD})
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture(scope="module")
def stand(live_server: Any) -> dict[str, str]:
    db = Database(live_server.env["CASA_DATABASE_URL"])
    make_user(db, email="org-stand@casa.ma", roles=("organizer",), name="Organizer")
    make_user(db, email="stand@casa.ma", name="Stand Staff")
    make_user(db, email="visitor-stand@casa.ma", name="Salma Berrada")
    db.dispose()
    with httpx.Client(base_url=live_server.url) as http:
        org = _token(http, "org-stand@casa.ma")
        village = http.get(f"/api/v1/expo/editions/{YEAR}/exhibitors?kind=startup").json()
        slug = village[0]["slug"]
        linked = http.post(
            f"/api/v1/expo/editions/{YEAR}/exhibitors/{slug}/staff",
            json={"email": "stand@casa.ma"},
            headers=org,
        )
        assert linked.status_code == 200, linked.text
        registered = http.post(
            f"/api/v1/expo/editions/{YEAR}/registrations",
            json={
                "category": "citizen",
                "name": "Salma Berrada",
                "email": "visitor-stand@casa.ma",
                "organisation": "Lydec",
                "consent": True,
                "share_with_exhibitors": True,
            },
            headers=_token(http, "visitor-stand@casa.ma"),
        )
        assert registered.status_code == 201, registered.text
    return {"slug": slug, "secret": registered.json()["secret"]}


def test_floor_plan_shows_allocated_booths(live_server: Any, page: Any) -> None:
    page.route("**/*", _route)
    page.goto(f"{live_server.url}/expo/{YEAR}/floor-plan")

    statuses = page.locator("svg .expo-booth").evaluate_all(
        "nodes => nodes.map(n => n.dataset.status)"
    )
    first = page.locator("svg .expo-booth[data-code='A01']")
    first.focus()
    label = first.locator(".expo-booth__who")

    assert (len(statuses), statuses.count("free"), statuses.count("agora_stage")) == (61, 0, 1)
    assert (
        label.is_visible(),
        label.text_content()
        == page.locator("#booths-grande-halle tr[data-code='A01'] a").text_content(),
    ) == (True, True)


def test_stand_scans_a_consenting_badge_and_downloads_the_csv(
    live_server: Any, page: Any, stand: dict[str, str], tmp_path: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("**/*", _route)
    page.goto(f"{live_server.url}/login?next=/expo/{YEAR}/leads")
    page.fill("#email", "stand@casa.ma")
    page.fill("#password", DEFAULT_PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/expo/{YEAR}/leads")
    camera_offered = page.locator("#lead-camera").is_visible()

    page.fill("#lead-code", stand["secret"])
    page.press("#lead-code", "Enter")
    page.wait_for_selector("#scan-outcome")
    outcome = " ".join(page.locator("#scan-outcome").inner_text().split())
    names = page.locator("#leads .lead-name").all_inner_texts()
    with page.expect_download() as download:
        page.click("#leads-csv")
    saved = tmp_path / "leads.csv"
    download.value.save_as(saved)
    rows = saved.read_text(encoding="utf-8-sig").splitlines()

    assert (camera_offered, errors) == (True, [])
    assert (outcome, names) == ("Contact enregistré: Salma Berrada (Lydec)", ["Salma Berrada"])
    assert (len(rows), rows[1].split(",")[1:6]) == (
        2,
        ["Citoyen·ne", "Salma Berrada", "Lydec", "visitor-stand@casa.ma", "oui"],
    )
