"""Finding a place: radius, needs, hours, ranking, freshness, and the index agreeing with a scan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.parking import search
from casa.parking.demo_data import random_sites
from casa.parking.sites import upsert_site
from tests.parking.factories import CREATED_AT, TWIN_CENTER, count, make_site

pytestmark = pytest.mark.unit

# 100 m of latitude, in degrees.
DLAT_100M = 100 / 111_195


def _north(metres: float) -> float:
    return TWIN_CENTER[0] + metres / 100 * DLAT_100M


def _refs(client: TestClient, **params: object) -> list[str]:
    response = client.get("/api/v1/parking/sites", params={"near": "33.58658,-7.63229", **params})
    assert response.status_code == 200, response.text
    return [hit["ref"] for hit in response.json()["results"]]


def test_results_are_within_the_radius_nearest_first(client: TestClient, db: Database) -> None:
    make_site(db, "far", lat=_north(900))
    make_site(db, "near", lat=_north(200))
    make_site(db, "mid", lat=_north(500))

    assert (_refs(client, radius_m=600), _refs(client, radius_m=1000)) == (
        ["near", "mid"],
        ["near", "mid", "far"],
    )


def test_needs_and_height_filter_sites(client: TestClient, db: Database) -> None:
    make_site(db, "plain", lat=_north(100))
    make_site(db, "ev", lat=_north(200), capacity_ev=4, covered=True)
    make_site(db, "low", lat=_north(300), capacity_ev=2, max_height_cm=180)

    assert (
        _refs(client, needs="ev"),
        _refs(client, needs="ev,covered"),
        _refs(client, needs="ev", max_height=190),
    ) == (["ev", "low"], ["ev"], ["ev"])


def test_unknown_need_is_refused_with_the_field(client: TestClient) -> None:
    response = client.get("/api/v1/parking/sites", params={"near": "33.5,-7.6", "needs": "boat"})

    assert (response.status_code, response.json()["field"]) == (422, "needs")


def test_search_needs_a_destination(client: TestClient) -> None:
    response = client.get("/api/v1/parking/sites")

    assert (response.status_code, response.json()["field"]) == (422, "near")


def test_sites_closed_at_arrival_are_left_out(client: TestClient, db: Database) -> None:
    # The test clock is Saturday 10:00 in Casablanca.
    make_site(
        db, "weekdays", lat=_north(100), kind="building_garage", opening_hours="Mo-Fr 08:00-18:00"
    )
    make_site(db, "always", lat=_north(200))

    monday = datetime(2026, 4, 20, 9, 0, tzinfo=UTC).isoformat()

    assert (_refs(client), _refs(client, arrive_at=monday)) == (["always"], ["weekdays", "always"])


def test_result_carries_free_count_freshness_and_price(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "a", lat=_north(100), capacity=50)
    count(db, "a", 12, clock() - timedelta(minutes=2))

    hit = client.get(
        "/api/v1/parking/sites", params={"near": "33.58658,-7.63229", "stay_minutes": 90}
    ).json()["results"][0]

    assert {
        k: hit[k]
        for k in (
            "ref",
            "distance_m",
            "walk_m",
            "walk_minutes",
            "free",
            "price",
            "currency",
            "p_free_at_arrival",
        )
    } == {
        "ref": "a",
        "distance_m": 100,
        "walk_m": 130,
        "walk_minutes": 2,
        "free": 12,
        "price": 10.0,
        "currency": "MAD",
        "p_free_at_arrival": 1.0,
    }
    assert hit["freshness"] == {
        "state": "live",
        "observed_at": "2026-04-18T08:58:00Z",
        "age_s": 120,
    }


def test_best_sort_prefers_a_free_site_a_little_further(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "full", lat=_north(100), capacity=50)
    make_site(db, "free", lat=_north(300), capacity=50)
    count(db, "full", 0, clock())
    count(db, "free", 30, clock())

    arrive = (clock() + timedelta(minutes=10)).isoformat()

    assert (_refs(client, arrive_at=arrive), _refs(client, arrive_at=arrive, sort="best")) == (
        ["full", "free"],
        ["free", "full"],
    )


def test_probability_falls_with_fewer_places_and_more_time() -> None:
    p = search.p_free_at_arrival

    assert (p(None, 10, 5), p(0, 10, 0), p(3, 10, 0)) == (None, 0.0, 1.0)
    assert p(1, 100, 30) < p(5, 100, 30) < p(5, 100, 5)


def test_place_is_looked_up_in_the_gazetteer(client: TestClient, db: Database) -> None:
    from casa.city import service as city

    with db.session() as session:
        city.load_bundled(session=session)
    make_site(db, "beside", lat=_north(300))

    response = client.get(
        "/api/v1/parking/sites", params={"place": "Twin Center", "radius_m": 1500}
    )

    body = response.json()
    assert (response.status_code, body["origin"], [h["ref"] for h in body["results"]]) == (
        200,
        {"lat": 33.58658, "lon": -7.63229, "place": "Twin Center"},
        ["beside"],
    )


def test_index_finds_what_a_full_scan_finds(db: Database) -> None:
    with db.session() as session:
        for data in random_sites(400, seed=3):
            upsert_site(session=session, data=data, now=CREATED_AT)
    now = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)
    origins = [(33.55 + i * 0.01, -7.65 + i * 0.012) for i in range(6)]

    with db.session() as session:
        indexed = [
            search.search(session=session, origin=o, now=now, radius_m=1500, limit=100)
            for o in origins
        ]
        scanned = [
            search.search(
                session=session,
                origin=o,
                now=now,
                radius_m=1500,
                limit=100,
                finder=search.table_scan_finder,
            )
            for o in origins
        ]

    assert indexed == scanned
    assert sum(r.count for r in indexed) > 0


def test_index_is_rebuilt_when_a_site_is_added(db: Database) -> None:
    make_site(db, "first")
    with db.session() as session:
        before = len(search.site_index(session).entries)
    make_site(db, "second", lat=_north(50))
    with db.session() as session:
        after = len(search.site_index(session).entries)

    assert (before, after) == (1, 2)


def test_refusal_title_is_in_the_callers_language(client: TestClient) -> None:
    response = client.get(
        "/api/v1/parking/sites",
        params={"near": "33.5,-7.6", "needs": "boat"},
        headers={"Accept-Language": "ar"},
    )

    assert (response.json()["title"], response.json()["type"]) == (
        "بحث غير صالح",
        "https://casa.ma/problems/parking-invalid-search",
    )
