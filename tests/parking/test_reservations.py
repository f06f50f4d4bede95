"""Reservations: prices, windows, expiry, cancellation, and capacity under concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from casa.accounts.models import User
from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.parking import reservations, sites
from casa.parking.exceptions import SiteFull
from casa.parking.models import Reservation
from casa.parking.schemas import ReservationIn
from tests.factories import bearer, make_user
from tests.parking.factories import count, make_site

pytestmark = pytest.mark.integration


def _ask(at: datetime, minutes: int = 60, site: str = "a") -> dict[str, object]:
    return {"site": site, "starts_at": at.isoformat(), "stay_minutes": minutes}


@pytest.fixture
def driver(client: TestClient, db: Database) -> dict[str, str]:
    make_user(db, email="driver@casa.ma", roles=("driver",))
    return bearer(client, "driver@casa.ma")


def test_reservation_is_priced_and_held(
    client: TestClient, db: Database, clock: FrozenClock, driver: dict[str, str]
) -> None:
    make_site(db, "a", capacity=50)
    start = clock() + timedelta(hours=1)

    response = client.post("/api/v1/parking/reservations", json=_ask(start, 90), headers=driver)

    body = response.json()
    assert response.status_code == 201
    assert {
        k: body[k]
        for k in ("site", "status", "price", "currency", "starts_at", "ends_at", "expires_at")
    } == {
        "site": "a",
        "status": "confirmed",
        "price": 10.0,
        "currency": "MAD",
        "starts_at": "2026-04-18T10:00:00Z",
        "ends_at": "2026-04-18T11:30:00Z",
        "expires_at": "2026-04-18T10:15:00Z",
    }


def test_reservation_needs_a_login(client: TestClient, db: Database, clock: FrozenClock) -> None:
    make_site(db, "a")

    response = client.post("/api/v1/parking/reservations", json=_ask(clock()))

    assert response.status_code == 401


def test_full_window_is_refused_and_a_cancellation_frees_it(
    client: TestClient, db: Database, clock: FrozenClock, driver: dict[str, str]
) -> None:
    make_site(db, "a", capacity=10, reservable=1)
    first = client.post("/api/v1/parking/reservations", json=_ask(clock()), headers=driver)

    refused = client.post("/api/v1/parking/reservations", json=_ask(clock()), headers=driver)
    cancelled = client.post(
        f"/api/v1/parking/reservations/{first.json()['ref']}/cancel", headers=driver
    )
    again = client.post("/api/v1/parking/reservations", json=_ask(clock()), headers=driver)

    assert (refused.status_code, refused.json()["type"]) == (
        409,
        "https://casa.ma/problems/parking-site-full",
    )
    assert (cancelled.json()["status"], again.status_code) == ("cancelled", 201)


def test_held_and_released_are_announced_once_committed(
    app: FastAPI, client: TestClient, db: Database, clock: FrozenClock, driver: dict[str, str]
) -> None:
    make_site(db, "a", capacity=10)
    heard: list[tuple[str, list[str]]] = []

    class Listener:
        """A bus whose listener reads the reservations from its own connection on each event."""

        def publish_sync(self, _channel: str, event: dict[str, object]) -> None:
            with db.session() as session:
                states = session.scalars(select(Reservation.status)).all()
            heard.append((str(event["type"]), sorted(states)))

        async def close(self) -> None:
            """Nothing to release."""

    app.state.bus = Listener()
    made = client.post("/api/v1/parking/reservations", json=_ask(clock()), headers=driver)
    client.post(f"/api/v1/parking/reservations/{made.json()['ref']}/cancel", headers=driver)

    assert heard == [("held", ["confirmed"]), ("released", ["cancelled"])]


def test_reservation_lowers_the_free_count_others_see(
    client: TestClient, db: Database, clock: FrozenClock, driver: dict[str, str]
) -> None:
    make_site(db, "a", capacity=10)
    count(db, "a", 6, clock())

    client.post("/api/v1/parking/reservations", json=_ask(clock()), headers=driver)

    live = client.get("/api/v1/parking/sites/a").json()["live"]
    assert (live["free"], live["held"]) == (5, 1)


def test_unclaimed_reservation_lapses_and_frees_its_place(db: Database, clock: FrozenClock) -> None:
    make_site(db, "a", reservable=1)
    user = make_user(db, email="late@casa.ma")
    with db.session() as session:
        made = reservations.create(
            session=session,
            user_id=user,
            user_email="late@casa.ma",
            data=ReservationIn.model_validate(_ask(clock(), 120)),
            now=clock(),
        )
    later = clock() + timedelta(minutes=20)
    with db.session() as session:
        expired = reservations.expire_overdue(session=session, now=later)
        live = sites.describe(session=session, ref="a", now=later).live
        again = reservations.create(
            session=session,
            user_id=user,
            user_email="late@casa.ma",
            data=ReservationIn.model_validate(_ask(later, 30)),
            now=later,
        )

    assert (made.status, expired, live.held, again.status) == ("confirmed", 1, 0, "confirmed")


def test_garage_is_booked_only_within_its_sharing_hours(
    client: TestClient, db: Database, driver: dict[str, str]
) -> None:
    make_site(
        db, "g", kind="building_garage", capacity=3, reservable=3, opening_hours="Mo-Fr 08:00-18:00"
    )
    monday_9h = datetime(2026, 4, 20, 8, 0, tzinfo=UTC)  # 09:00 local

    inside = client.post(
        "/api/v1/parking/reservations", json=_ask(monday_9h, 120, "g"), headers=driver
    )
    past_closing = client.post(
        "/api/v1/parking/reservations",
        json=_ask(monday_9h + timedelta(hours=8), 120, "g"),
        headers=driver,
    )

    assert (inside.status_code, past_closing.status_code, past_closing.json()["type"]) == (
        201,
        409,
        "https://casa.ma/problems/parking-site-closed",
    )


def test_whitelisted_garage_refuses_others(
    client: TestClient, db: Database, clock: FrozenClock, driver: dict[str, str]
) -> None:
    make_site(
        db,
        "g",
        kind="building_garage",
        capacity=2,
        reservable=2,
        rules={"whitelist": ["neighbour@casa.ma"]},
    )

    response = client.post(
        "/api/v1/parking/reservations", json=_ask(clock(), 60, "g"), headers=driver
    )

    assert response.status_code == 403


def test_hundred_concurrent_requests_on_ten_places_confirm_exactly_ten(
    db: Database, clock: FrozenClock
) -> None:
    make_site(db, "a", capacity=10, reservable=10)
    with db.session() as session:
        # Plain rows: hashing a hundred passwords would only slow the test down.
        people = [
            User(
                email=f"d{i}@casa.ma",
                name="Driver",
                password_hash="-",
                language="fr",
                created_at=clock(),
                is_active=True,
            )
            for i in range(100)
        ]
        session.add_all(people)
        session.flush()
        users = [p.id for p in people]
    start = clock() + timedelta(minutes=30)
    barrier = threading.Barrier(100)
    outcomes: list[str] = []
    lock = threading.Lock()

    def claim(user_id: int) -> None:
        barrier.wait()
        try:
            with db.session() as session:
                reservations.create(
                    session=session,
                    user_id=user_id,
                    user_email="x@casa.ma",
                    data=ReservationIn.model_validate(_ask(start, 120)),
                    now=clock(),
                )
            outcome = "confirmed"
        except SiteFull:
            outcome = "full"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=claim, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    with db.session() as session:
        stored = len(reservations.of_user(session=session, user_id=users[0])) + sum(
            len(reservations.of_user(session=session, user_id=u)) for u in users[1:]
        )
    assert (outcomes.count("confirmed"), outcomes.count("full"), stored) == (10, 90, 10)
