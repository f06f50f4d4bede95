"""The search's in-memory state and lean path: what changes shows in the next search, and the
JSON the API sends is what the validated model gives."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from casa.core.clock import CASABLANCA, FrozenClock
from casa.core.db import Database
from casa.parking import search, search_live
from casa.parking.demo_data import random_sites
from casa.parking.occupancy import judge
from casa.parking.search_index import Entry
from casa.parking.sites import upsert_site
from tests.parking.factories import CREATED_AT, TWIN_CENTER, count, make_site, site_in

pytestmark = pytest.mark.unit

NEAR = {"near": f"{TWIN_CENTER[0]},{TWIN_CENTER[1]}"}


def _hits(client: TestClient, **params: object) -> list[tuple[str, int | None]]:
    response = client.get("/api/v1/parking/sites", params={**NEAR, **params})
    assert response.status_code == 200, response.text
    return [(hit["ref"], hit["free"]) for hit in response.json()["results"]]


def test_new_observation_shows_in_the_next_search(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "a")
    count(db, "a", 12, clock() - timedelta(minutes=2))
    before = _hits(client)

    count(db, "a", 7, clock() - timedelta(minutes=1))

    assert (before, _hits(client)) == ([("a", 12)], [("a", 7)])


def test_site_change_shows_in_the_next_search(client: TestClient, db: Database) -> None:
    make_site(db, "a")
    make_site(db, "b", lat=TWIN_CENTER[0] + 0.001)
    before = _hits(client, needs="ev")

    with db.session() as session:
        upsert_site(session=session, data=site_in("b", capacity_ev=4), now=CREATED_AT)
    added = _hits(client, needs="ev")
    make_site(db, "c", lat=TWIN_CENTER[0] + 0.002, capacity_ev=2)

    assert (before, added, _hits(client, needs="ev")) == (
        [],
        [("b", None)],
        [("b", None), ("c", None)],
    )


def test_api_json_is_the_validated_model(db: Database) -> None:
    # Every sort, needs, heights, a stay over the night, an arrival given in local time, fresh
    # and stale counts, held places: the JSON sent unvalidated equals the model's own JSON.
    now = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)
    with db.session() as session:
        generated = random_sites(300, seed=8)
        for data in generated:
            upsert_site(session=session, data=data, now=CREATED_AT)
    for i, data in enumerate(generated[::3]):
        count(db, data.ref, i % (data.capacity + 1), now - timedelta(minutes=i % 45))
    origins = [(s.lat, s.lon) for s in generated[:4]]
    options = itertools.product(
        ("distance", "best", "price", "free"),
        ((), ("covered",), ("ev", "guarded")),
        (None, 190),
        (None, datetime(2026, 4, 20, 23, 30, tzinfo=CASABLANCA)),
    )
    compared = 0
    with db.session() as session:
        for origin, (sort, needs, height, arrive) in zip(
            itertools.cycle(origins), options, strict=False
        ):
            query: dict[str, Any] = {
                "session": session,
                "origin": origin,
                "now": now,
                "radius_m": 1500,
                "arrive_at": arrive,
                "stay_minutes": 600,
                "needs": needs,
                "vehicle_height_cm": height,
                "sort": sort,
                "limit": 15,
                "place": "Derb Ghallef",
            }
            expected = search.search(**query).model_dump_json().encode()
            assert search.search_json(search.ranked(**query)) == expected
            compared += 1

    assert compared == 48


def _entry(capacity: int) -> Entry:
    return Entry(
        id=1,
        ref="x",
        name="x",
        kind="surface",
        operator=None,
        lat=TWIN_CENTER[0],
        lon=TWIN_CENTER[1],
        address=None,
        capacity=capacity,
        capacity_disabled=0,
        capacity_ev=0,
        capacity_motorcycle=0,
        capacity_family=0,
        reservable=0,
        covered=False,
        guarded=False,
        max_height_cm=None,
        opening_hours="24/7",
        tariff=None,
    )


def test_scoring_follows_the_freshness_rule_and_first_model() -> None:
    # The scoring of all candidates at once gives, one by one, what ``judge`` and
    # ``p_free_at_arrival`` say.
    now = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)
    cases = itertools.product(
        (0, 1, 40),
        (None, 0, 1, 5, 40),
        (None, timedelta(0), timedelta(minutes=29), timedelta(minutes=31)),
        (0, 2),
        (timedelta(0), timedelta(minutes=45)),
    )
    got, wanted = [], []
    for capacity, free, age, held, wait in cases:
        observed_at = None if age is None else now - age
        entry = _entry(capacity)
        live = {1: (free, observed_at, held)}
        scored = search_live.score_candidates(
            [(entry, 240.0)],
            live,
            fitted={},
            now=now,
            arrive=now + wait,
            leave=now + wait + timedelta(hours=1),
            detour=1.3,
        )[0]
        shown, state, age_s = judge(
            capacity=capacity, free=free, observed_at=observed_at, held=held, now=now
        )
        minutes = wait.total_seconds() / 60 + (age_s or 0) / 60
        p = search_live.p_free_at_arrival(shown, capacity, minutes)
        risk = (1 - (0.5 if p is None else p)) * search_live.MISS_PENALTY_MIN
        score = round(240.0 * 1.3 / search_live.WALK_M_PER_MIN + 5.0 + risk, 2)
        got.append((scored.free, scored.state, scored.age_s, scored.p, scored.score))
        wanted.append((shown, state, age_s, p, score))

    assert got == wanted
