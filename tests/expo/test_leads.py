"""Lead scanning: consent, no consent, withdrawal, isolation between exhibitors, CSV, privacy."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from casa.accounts import personal_data
from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import editions, exhibitors, leads, registration
from casa.expo.exceptions_exhibitors import BadgeRefused
from casa.expo.models.exhibitors import Lead
from tests.expo.factories import NOW, YEAR
from tests.expo.factories_exhibitors import make_staff, make_trade_show, make_visitor
from tests.factories import bearer, make_user
from tests.test_cli import run

pytestmark = pytest.mark.integration
BASE = f"/api/v1/expo/editions/{YEAR}"


def _scan(db: Database, slug: str, secret: str) -> tuple[int, bool, bool, str | None]:
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        stand = exhibitors.get_exhibitor(session=session, edition=edition, slug=slug)
        lead, created = leads.scan(
            session=session, edition=edition, exhibitor=stand, code=secret, user_id=None, now=NOW
        )
        return lead.id, created, lead.shared, lead.name


def _lead(db: Database, ident: int) -> tuple[str, bool, str | None, str | None, str | None]:
    with db.session() as session:
        row = session.get(Lead, ident)
        assert row is not None
        return row.category, row.shared, row.name, row.organisation, row.email


def test_consent_no_consent_rescan_and_withdrawal(db: Database) -> None:
    make_trade_show(db)
    amina, amina_secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    _, omar_secret = make_visitor(db, email="omar@casa.ma", name="Omar Alaoui", share=False)

    first = _scan(db, "atlas-mobility", amina_secret)
    again = _scan(db, "atlas-mobility", amina_secret)
    other_stand = _scan(db, "anfa-data", amina_secret)
    anonymous = _scan(db, "atlas-mobility", omar_secret)
    shared_before = _lead(db, first[0])
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        person = registration.of_user(session=session, edition=edition, user_id=amina)
        assert person is not None
        leads.set_consent(session=session, person=person, share=False, now=NOW)

    assert (first[1:], again, other_stand[1:], anonymous[1:]) == (
        (True, True, "Amina Tazi"),
        (first[0], False, True, "Amina Tazi"),
        (True, True, "Amina Tazi"),
        (True, False, None),
    )
    assert shared_before == ("professional", True, "Amina Tazi", "Lydec", "amina@casa.ma")
    assert [_lead(db, i) for i in (first[0], other_stand[0], anonymous[0])] == [
        ("professional", False, None, None, None)
    ] * 3


def test_forged_and_cancelled_badges_are_refused_with_the_reason(db: Database) -> None:
    make_trade_show(db)
    amina, secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    body, signature = secret.split(".")
    forged = body + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        person = registration.of_user(session=session, edition=edition, user_id=amina)
        assert person is not None
        registration.cancel(session=session, edition=edition, ident=person.id, now=NOW)

    answers = []
    for code in (forged, secret, "not a badge"):
        with pytest.raises(BadgeRefused) as caught:
            _scan(db, "atlas-mobility", code)
        answers.append(caught.value.describe("en"))

    assert answers == [
        "Forged or altered ticket: the signature does not match: "
        "scan the badge again or type the code under its QR",
        "This ticket was cancelled: scan the badge again or type the code under its QR",
        "This is not a ticket of the Expo: scan the badge again or type the code under its QR",
    ]


def test_two_phones_scanning_one_badge_at_once_make_one_lead(db: Database) -> None:
    make_trade_show(db)
    _, secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    barrier = threading.Barrier(6)
    created: list[bool] = []
    lock = threading.Lock()

    def phone() -> None:
        barrier.wait()
        outcome = _scan(db, "atlas-mobility", secret)[1]
        with lock:
            created.append(outcome)

    threads = [threading.Thread(target=phone) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(Lead))

    assert (sorted(created), stored) == ([False] * 5 + [True], 1)


def test_an_exhibitor_never_sees_another_exhibitors_leads(client: TestClient, db: Database) -> None:
    make_trade_show(db)
    make_staff(db, slug="atlas-mobility", email="atlas@casa.ma")
    make_staff(db, slug="anfa-data", email="anfa@casa.ma")
    make_user(db, email="org@casa.ma", roles=("organizer",))
    _, secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    atlas, anfa = bearer(client, "atlas@casa.ma"), bearer(client, "anfa@casa.ma")
    org = bearer(client, "org@casa.ma")
    scanned = client.post(
        f"{BASE}/exhibitors/atlas-mobility/leads", json={"code": secret}, headers=atlas
    )
    lead_id = scanned.json()["lead"]["id"]

    answers = {
        "anfa lists atlas": client.get(f"{BASE}/exhibitors/atlas-mobility/leads", headers=anfa),
        "anfa exports atlas": client.get(
            f"{BASE}/exhibitors/atlas-mobility/leads.csv", headers=anfa
        ),
        "anfa scans for atlas": client.post(
            f"{BASE}/exhibitors/atlas-mobility/leads", json={"code": secret}, headers=anfa
        ),
        "anfa notes atlas's lead": client.patch(
            f"{BASE}/exhibitors/anfa-data/leads/{lead_id}", json={"notes": "x"}, headers=anfa
        ),
        "organizer lists atlas": client.get(f"{BASE}/exhibitors/atlas-mobility/leads", headers=org),
        "anonymous lists atlas": client.get(f"{BASE}/exhibitors/atlas-mobility/leads"),
        "anfa lists its own": client.get(f"{BASE}/exhibitors/anfa-data/leads", headers=anfa),
    }

    assert scanned.status_code == 201
    assert {
        k: (r.status_code, r.json().get("type") if r.status_code >= 400 else r.json())
        for k, r in answers.items()
    } == {
        "anfa lists atlas": (403, "https://casa.ma/problems/expo-not-exhibitor-staff"),
        "anfa exports atlas": (403, "https://casa.ma/problems/expo-not-exhibitor-staff"),
        "anfa scans for atlas": (403, "https://casa.ma/problems/expo-not-exhibitor-staff"),
        "anfa notes atlas's lead": (404, "https://casa.ma/problems/expo-not-found"),
        "organizer lists atlas": (403, "https://casa.ma/problems/permission-denied"),
        "anonymous lists atlas": (401, "https://casa.ma/problems/not-authenticated"),
        "anfa lists its own": (200, []),
    }


def test_scan_notes_and_csv_export(client: TestClient, db: Database) -> None:
    make_trade_show(db)
    make_staff(db, slug="atlas-mobility", email="atlas@casa.ma")
    _, amina = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    _, omar = make_visitor(db, email="omar@casa.ma", name="Omar Alaoui", share=False)
    _, eve = make_visitor(
        db, email="eve@casa.ma", name="=HYPERLINK(1)", share=True, organisation="+Evil"
    )
    atlas = bearer(client, "atlas@casa.ma")
    url = f"{BASE}/exhibitors/atlas-mobility/leads"
    ids = [
        client.post(url, json={"code": c}, headers=atlas).json()["lead"]["id"]
        for c in (amina, omar, eve)
    ]
    rescan = client.post(url, json={"code": amina}, headers=atlas)
    noted = client.patch(
        f"{url}/{ids[0]}",
        json={"notes": "Veut une démo, bus électriques", "rating": 5},
        headers=atlas,
    )
    bad_rating = client.patch(f"{url}/{ids[1]}", json={"rating": 9}, headers=atlas)
    csv = client.get(f"{url}.csv", headers={**atlas, "Accept-Language": "fr"})

    assert (rescan.status_code, rescan.json()["created"], rescan.json()["lead"]["id"]) == (
        200,
        False,
        ids[0],
    )
    assert noted.json() == {
        "id": ids[0],
        "category": "professional",
        "shared": True,
        "name": "Amina Tazi",
        "organisation": "Lydec",
        "email": "amina@casa.ma",
        "notes": "Veut une démo, bus électriques",
        "rating": 5,
        "scanned_at": "2026-04-18T09:00:00Z",
    }
    assert (bad_rating.status_code, bad_rating.json()["field"]) == (422, "rating")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.headers["content-disposition"] == (
        f'attachment; filename="leads-atlas-mobility-{YEAR}.csv"'
    )
    assert csv.content.decode("utf-8") == (
        "\ufeffScanné le,Catégorie,Nom,Organisation,E-mail,Partagé par le visiteur,"
        "Appréciation,Notes\r\n"
        "2026-04-18 10:00,Visiteur professionnel,'=HYPERLINK(1),'+Evil,eve@casa.ma,oui,,\r\n"
        "2026-04-18 10:00,Visiteur professionnel,,,,non,,\r\n"
        "2026-04-18 10:00,Visiteur professionnel,Amina Tazi,Lydec,amina@casa.ma,oui,5,"
        '"Veut une démo, bus électriques"\r\n'
    )


def test_visitor_withdraws_consent_through_the_api(client: TestClient, db: Database) -> None:
    make_trade_show(db)
    make_staff(db, slug="atlas-mobility", email="atlas@casa.ma")
    _, secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    make_user(db, email="nobody@casa.ma")
    atlas = bearer(client, "atlas@casa.ma")
    url = f"{BASE}/exhibitors/atlas-mobility/leads"
    client.post(url, json={"code": secret}, headers=atlas)

    withdrawn = client.put(
        f"{BASE}/exhibitor-consent", json={"share": False}, headers=bearer(client, "amina@casa.ma")
    )
    unregistered = client.put(
        f"{BASE}/exhibitor-consent", json={"share": True}, headers=bearer(client, "nobody@casa.ma")
    )
    listed = client.get(url, headers=atlas).json()

    assert (withdrawn.status_code, withdrawn.json()) == (200, {"share": False})
    assert (unregistered.status_code, unregistered.json()["type"]) == (
        422,
        "https://casa.ma/problems/expo-not-registered",
    )
    assert [(r["shared"], r["name"], r["organisation"], r["email"]) for r in listed] == [
        (False, None, None, None)
    ]


def test_leads_take_part_in_export_erasure_and_purge(db: Database) -> None:
    make_trade_show(db)
    amina, secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    _, omar_secret = make_visitor(db, email="omar@casa.ma", name="Omar Alaoui", share=True)
    staff = make_staff(db, slug="atlas-mobility", email="atlas@casa.ma")
    first = _scan(db, "atlas-mobility", secret)[0]
    second = _scan(db, "atlas-mobility", omar_secret)[0]
    with db.session() as session:
        exported = personal_data.export_all(session, amina)["expo_exhibitors"]
        staff_export = personal_data.export_all(session, staff)["expo_exhibitors"]
        personal_data.erase_all(session, amina)
    erased = _lead(db, first)
    kept = _lead(db, second)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        too_soon = leads.purge(session=session, now=NOW)
        end = NOW.replace(month=edition.ends_on.month, day=edition.ends_on.day)
        purged = leads.purge(session=session, now=end + timedelta(days=367))
        twice = leads.purge(session=session, now=end + timedelta(days=367))

    assert exported == {
        "leads": [
            {
                "exhibitor": "Atlas Mobility",
                "scanned_at": "2026-04-01T08:00:00+00:00",
                "shared": True,
                "name": "Amina Tazi",
                "organisation": "Lydec",
                "email": "amina@casa.ma",
                "notes": "",
                "rating": None,
            }
        ],
        "staff_of": [],
    }
    assert staff_export == {"leads": [], "staff_of": ["Atlas Mobility"]}
    assert (erased, kept) == (
        ("professional", False, None, None, None),
        ("professional", True, "Omar Alaoui", "Lydec", "omar@casa.ma"),
    )
    assert (too_soon, purged, twice, _lead(db, second)) == (
        0,
        1,
        0,
        ("professional", False, None, None, None),
    )


def test_casa_expo_purge_strips_the_leads_of_old_editions(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    make_trade_show(db)
    _, secret = make_visitor(db, email="amina@casa.ma", name="Amina Tazi", share=True)
    lead = _scan(db, "atlas-mobility", secret)[0]
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        edition.starts_on, edition.ends_on = date(2020, 4, 20), date(2020, 4, 21)

    done = run(["expo", "purge"], settings.database_url, tmp_path)

    assert (done.returncode, done.stdout.splitlines()[1], _lead(db, lead)) == (
        0,
        "1 exhibitor leads stripped of personal data",
        ("professional", False, None, None, None),
    )
