"""Building garages shared by their owners: listing, windows, rules, the concierge, revenue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.parking.garage_schemas import ShareWindow
from casa.parking.garages import opening_hours_of
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration

GARAGE: dict[str, Any] = {
    "name": "Résidence Al Manar",
    "lat": 33.5901,
    "lon": -7.6312,
    "shared_places": 2,
    "windows": [{"days": ["Mo", "Tu", "We", "Th", "Fr"], "opens": "08:00", "closes": "18:00"}],
    "price_per_hour": "6",
    "daily_cap": "40",
}


@pytest.fixture
def owner(client: TestClient, db: Database) -> dict[str, str]:
    make_user(db, email="owner@casa.ma", roles=("garage_owner",))
    return bearer(client, "owner@casa.ma")


@pytest.fixture
def driver(client: TestClient, db: Database) -> dict[str, str]:
    make_user(db, email="driver@casa.ma", roles=("driver",))
    return bearer(client, "driver@casa.ma")


def _share(client: TestClient, owner: dict[str, str], **changes: Any) -> str:
    response = client.post("/api/v1/parking/garages", json={**GARAGE, **changes}, headers=owner)
    assert response.status_code == 201, response.text
    return str(response.json()["ref"])


def _book(client: TestClient, who: dict[str, str], ref: str, at: Any, minutes: int = 60) -> Any:
    body = {"site": ref, "starts_at": at.isoformat(), "stay_minutes": minutes}
    return client.post("/api/v1/parking/reservations", json=body, headers=who)


def test_windows_are_written_as_opening_hours() -> None:
    windows = [
        ShareWindow.model_validate({"days": ["Fr", "Mo"], "opens": "08:00", "closes": "18:00"}),
        ShareWindow.model_validate({"days": ["Sa"], "opens": "09:30", "closes": "13:00"}),
    ]

    assert opening_hours_of(windows) == "Mo,Fr 08:00-18:00; Sa 09:30-13:00"


def test_listed_garage_is_a_bookable_building_garage(
    client: TestClient, owner: dict[str, str]
) -> None:
    ref = _share(client, owner)

    site = client.get(f"/api/v1/parking/sites/{ref}").json()

    assert (
        site["kind"],
        site["capacity"],
        site["reservable"],
        site["opening_hours"],
        site["tariff"]["unit_price"],
    ) == ("building_garage", 2, 2, "Mo,Tu,We,Th,Fr 08:00-18:00", "6")


def test_booking_outside_the_sharing_window_is_refused(
    client: TestClient, owner: dict[str, str], driver: dict[str, str], clock: FrozenClock
) -> None:
    ref = _share(client, owner)
    saturday = clock() + timedelta(days=(5 - clock().weekday()) % 7)  # 2026-04-18 is a Saturday

    response = _book(client, driver, ref, saturday.replace(hour=10))

    assert (response.status_code, response.json()["type"].rsplit("/", 1)[-1]) == (
        409,
        "parking-site-closed",
    )


def test_whitelisted_garage_refuses_others(
    client: TestClient, owner: dict[str, str], driver: dict[str, str], clock: FrozenClock
) -> None:
    ref = _share(client, owner, rules={"whitelist": ["friend@casa.ma"]})
    monday = clock() + timedelta(days=2, hours=1)  # Monday 2026-04-20, 10:00 local

    response = _book(client, driver, ref, monday)

    assert response.status_code == 403


def test_residents_book_first_others_only_a_day_ahead(
    client: TestClient,
    db: Database,
    owner: dict[str, str],
    driver: dict[str, str],
    clock: FrozenClock,
) -> None:
    make_user(db, email="resident@casa.ma", roles=("citizen",))
    resident = bearer(client, "resident@casa.ma")
    ref = _share(client, owner, rules={"residents_first": True, "residents": ["resident@casa.ma"]})
    monday = clock() + timedelta(days=2, hours=1)  # 49 hours ahead

    early_other = _book(client, driver, ref, monday)
    early_resident = _book(client, resident, ref, monday)
    clock.advance(hours=26)  # Sunday 11:00 local: 23 hours ahead
    later_other = _book(client, bearer(client, "driver@casa.ma"), ref, monday)

    assert (early_other.status_code, early_resident.status_code, later_other.status_code) == (
        409,
        201,
        201,
    )
    assert early_other.json()["type"].endswith("parking-residents-first")


def test_owner_sees_occupancy_and_revenue(
    client: TestClient, owner: dict[str, str], driver: dict[str, str], clock: FrozenClock
) -> None:
    ref = _share(client, owner)
    monday = clock() + timedelta(days=2, hours=1)
    assert _book(client, driver, ref, monday, 120).status_code == 201
    clock.advance(days=2, hours=1, minutes=30)

    again = bearer(client, "owner@casa.ma")
    stats = client.get("/api/v1/parking/owner/garages", headers=again).json()

    assert stats == [
        {
            "ref": ref,
            "name": "Résidence Al Manar",
            "shared_places": 2,
            "opening_hours": "Mo,Tu,We,Th,Fr 08:00-18:00",
            "open_now": True,
            "free": None,
            "held_now": 1,
            "occupancy": None,
            "upcoming": 1,
            "reservations_30d": 1,
            "revenue_30d": 12.0,
            "currency": "MAD",
        }
    ]


def test_concierge_steps_the_count_within_capacity(
    client: TestClient, db: Database, owner: dict[str, str]
) -> None:
    make_user(db, email="concierge@casa.ma", roles=("citizen",))
    concierge = bearer(client, "concierge@casa.ma")
    ref = _share(client, owner, rules={"concierges": ["concierge@casa.ma"]})
    step = f"/api/v1/parking/sites/{ref}/count/step"

    seen = [
        client.post(step, json={"delta": d}, headers=concierge).json()["live"]["free"]
        for d in (-1, -1, -1, 1)
    ]

    assert seen == [1, 0, 0, 1]


def test_garage_permissions_answer_401_and_403(
    client: TestClient, owner: dict[str, str], driver: dict[str, str]
) -> None:
    ref = _share(client, owner)

    answers = (
        client.post("/api/v1/parking/garages", json=GARAGE).status_code,
        client.post("/api/v1/parking/garages", json=GARAGE, headers=driver).status_code,
        client.get("/api/v1/parking/owner/garages", headers=driver).status_code,
        client.put(f"/api/v1/parking/garages/{ref}", json=GARAGE).status_code,
        client.post(f"/api/v1/parking/sites/{ref}/count/step", json={"delta": 1}).status_code,
        client.post(
            f"/api/v1/parking/sites/{ref}/count/step", json={"delta": 1}, headers=driver
        ).status_code,
    )

    assert answers == (401, 403, 403, 401, 401, 403)


def test_only_the_owner_changes_a_garage(
    client: TestClient, db: Database, owner: dict[str, str]
) -> None:
    make_user(db, email="other@casa.ma", roles=("garage_owner",))
    other = bearer(client, "other@casa.ma")
    ref = _share(client, owner)

    refused = client.put(f"/api/v1/parking/garages/{ref}", json=GARAGE, headers=other)
    changed = client.put(
        f"/api/v1/parking/garages/{ref}", json={**GARAGE, "shared_places": 3}, headers=owner
    )

    assert (refused.status_code, changed.status_code, changed.json()["capacity"]) == (403, 200, 3)
