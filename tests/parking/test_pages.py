"""IPARK's pages through the test client: French first, Arabic right-to-left, messages for bad
input, login and roles, booking and the concierge's buttons."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from casa.core.clock import FrozenClock, local
from casa.core.db import Database
from tests.accounts.conftest import csrf_of, log_in
from tests.factories import make_user
from tests.parking.factories import TWIN_CENTER, count, make_site

pytestmark = pytest.mark.integration


def _near() -> str:
    return f"{TWIN_CENTER[0]},{TWIN_CENTER[1]}"


def test_map_page_is_french_by_default_and_lists_results(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "pg-a", name="Parking Alpha")
    count(db, "pg-a", 42, clock())

    page = client.get("/parking", params={"near": _near()})

    items = re.findall(r'<li data-ref="([^"]+)">', page.text)
    assert (page.status_code, 'lang="fr"' in page.text, items) == (200, True, ["pg-a"])
    assert "Places libres : 42" in page.text


def test_map_page_in_arabic_is_right_to_left(client: TestClient) -> None:
    page = client.get("/parking", params={"lang": "ar"})

    assert (page.status_code, re.search(r'<html lang="(\w+)" dir="(\w+)"', page.text).groups()) == (  # type: ignore[union-attr]
        200,
        ("ar", "rtl"),
    )


def test_map_page_shows_a_message_for_an_unknown_place(client: TestClient) -> None:
    page = client.get("/parking", params={"place": "zzzz qqqq xxxx"})

    assert (page.status_code, 'role="alert"' in page.text, "Recherche invalide" in page.text) == (
        422,
        True,
        True,
    )


def test_map_page_shows_a_message_for_a_bad_radius(client: TestClient) -> None:
    page = client.get("/parking", params={"near": _near(), "radius_m": "abc"})

    assert (page.status_code, 'id="radius_m"' in page.text, 'aria-invalid="true"' in page.text) == (
        422,
        True,
        True,
    )


def test_site_page_shows_live_count_and_booking_form(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "pg-b", name="Parking Beta")
    count(db, "pg-b", 7, clock())

    page = client.get("/parking/sites/pg-b")
    shown = re.search(
        r'class="parking-count__label">([^<]+)</span>\s*<strong class="parking-count__value">'
        r"(\d+)</strong>\s*<span class=\"parking-count__of\">([^<]+)</span>",
        page.text,
    )

    assert (
        page.status_code,
        shown.groups() if shown else None,
        "compté à l&#39;instant" in page.text,
        "Ouvert jour et nuit, tous les jours" in page.text,
        'action="/parking/sites/pg-b/book"' in page.text,
    ) == (200, ("Places libres", "7", "sur 100 places"), True, True, True)
    assert re.findall(r'href="(https://www.openstreetmap.org/directions[^"]*)"', page.text) == [
        f"https://www.openstreetmap.org/directions?to={TWIN_CENTER[0]:.6f}%2C{TWIN_CENTER[1]:.6f}"
    ]


def test_booking_form_offers_the_next_hour_the_garage_is_open(
    client: TestClient, db: Database
) -> None:
    make_site(db, "pg-w", kind="building_garage", reservable=2, opening_hours="Mo-Fr 08:00-18:00")
    make_site(db, "pg-x", reservable=2)

    closed = client.get("/parking/sites/pg-w").text
    always = client.get("/parking/sites/pg-x").text
    offered = [
        re.search(r'id="starts_at"[^>]*value="([^"]+)"', page, re.S) for page in (closed, always)
    ]

    # Saturday 10:00 in Casablanca: the garage opens on Monday at 08:00; the car park is open
    # now, so it offers 10:30.
    assert [m.group(1) if m else None for m in offered] == ["2026-04-20T08:00", "2026-04-18T10:30"]


def test_site_page_lists_the_opening_hours_of_the_next_seven_days(
    client: TestClient, db: Database
) -> None:
    make_site(db, "pg-h", opening_hours="Mo-Fr 08:00-18:00; Sa 09:00-12:00,14:00-18:00; Su off")

    page = client.get("/parking/sites/pg-h", params={"lang": "fr"})
    days = re.findall(
        r'<li( aria-current="date")?><span>([^<]+)</span> <span dir="ltr">(.+?)</span></li>',
        page.text,
    )
    days = [(now, name, re.sub(r"</?bdi>", "", hours)) for now, name, hours in days]

    # The test clock stands on Saturday 18 April 2026, 10:00 in Casablanca.
    assert days == [
        (' aria-current="date"', "Samedi", "09:00–12:00, 14:00–18:00"),
        ("", "Dimanche", "fermé"),
        ("", "Lundi", "08:00–18:00"),
        ("", "Mardi", "08:00–18:00"),
        ("", "Mercredi", "08:00–18:00"),
        ("", "Jeudi", "08:00–18:00"),
        ("", "Vendredi", "08:00–18:00"),
    ]


def test_booking_from_the_page_lists_it_under_my_reservations(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "pg-c", name="Parking Gamma")
    make_user(db, email="d@casa.ma", roles=("driver",))
    log_in(client, "d@casa.ma")
    token = csrf_of(client.get("/parking/sites/pg-c").text)
    start = local(clock() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

    booked = client.post(
        "/parking/sites/pg-c/book",
        data={"starts_at": start, "stay_minutes": "60", "plate": "", "csrf_token": token},
        follow_redirects=False,
    )
    mine = client.get("/parking/reservations")

    assert (booked.status_code, booked.headers["location"]) == (303, "/parking/reservations")
    assert re.findall(r'href="/parking/sites/([^"]+)" dir="auto">', mine.text) == ["pg-c"]


def test_booking_with_a_bad_stay_shows_a_message(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "pg-d")
    make_user(db, email="e@casa.ma", roles=("driver",))
    log_in(client, "e@casa.ma")
    token = csrf_of(client.get("/parking/sites/pg-d").text)
    start = local(clock() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

    page = client.post(
        "/parking/sites/pg-d/book",
        data={"starts_at": start, "stay_minutes": "5", "csrf_token": token},
    )

    assert (page.status_code, 'id="parking-error"' in page.text) == (422, True)


def test_private_pages_send_anonymous_visitors_to_login(client: TestClient, db: Database) -> None:
    make_site(db, "pg-e")

    locations = [
        client.get(path, follow_redirects=False).headers.get("location")
        for path in ("/parking/reservations", "/parking/owner", "/parking/concierge/pg-e")
    ]

    assert locations == [
        "/login?next=/parking/reservations",
        "/login?next=/parking/owner",
        "/login?next=/parking/concierge/pg-e",
    ]


def test_owner_and_concierge_pages_refuse_other_roles(client: TestClient, db: Database) -> None:
    make_site(db, "pg-f")
    make_user(db, email="f@casa.ma", roles=("driver",))
    log_in(client, "f@casa.ma")

    codes = (
        client.get("/parking/owner").status_code,
        client.get("/parking/concierge/pg-f").status_code,
    )

    assert codes == (403, 403)


def test_owner_shares_a_garage_and_its_concierge_page_counts(
    client: TestClient, db: Database
) -> None:
    make_user(db, email="o@casa.ma", roles=("garage_owner",))
    log_in(client, "o@casa.ma")
    token = csrf_of(client.get("/parking/owner").text)
    form = {
        "name": "Garage Anfa",
        "address": "",
        "lat": "33.59",
        "lon": "-7.63",
        "shared_places": "3",
        "price_per_hour": "5",
        "days": ["Mo", "Tu"],
        "opens": "08:00",
        "closes": "18:00",
        "csrf_token": token,
    }
    shared = client.post("/parking/owner/garages", data=form, follow_redirects=False)
    dashboard = client.get("/parking/owner").text
    ref = re.findall(r'href="/parking/concierge/([^"]+)"', dashboard)[0]

    tapped = client.post(
        f"/parking/concierge/{ref}",
        data={"delta": "-1", "csrf_token": token},
        headers={"HX-Request": "true"},
    )

    recounted = client.post(
        f"/parking/concierge/{ref}",
        data={"free": "1", "csrf_token": token},
        headers={"HX-Request": "true"},
    )

    assert (shared.status_code, "Mo,Tu 08:00-18:00" in dashboard) == (303, True)
    assert '<strong class="parking-count__value">1</strong>' in recounted.text
    assert re.sub(r"\s+", " ", tapped.text).strip() == (
        '<p class="parking-count" id="concierge-count" role="status" aria-live="polite">'
        '<strong class="parking-count__value">2</strong> '
        '<span class="parking-count__of">sur 3 places</span></p>'
    )


def test_owner_form_with_missing_days_shows_a_message(client: TestClient, db: Database) -> None:
    make_user(db, email="p@casa.ma", roles=("garage_owner",))
    log_in(client, "p@casa.ma")
    token = csrf_of(client.get("/parking/owner").text)

    page = client.post(
        "/parking/owner/garages",
        data={
            "name": "G",
            "lat": "33.5",
            "lon": "-7.6",
            "shared_places": "2",
            "price_per_hour": "5",
            "opens": "08:00",
            "closes": "18:00",
            "csrf_token": token,
        },
    )

    assert (page.status_code, 'id="parking-error"' in page.text) == (422, True)
