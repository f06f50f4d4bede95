"""Observations in: de-duplication, late arrivals, validation, freshness, sources."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY as _unused  # noqa: F401

from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.core.metrics import REGISTRY
from casa.parking import ingest, sites
from casa.parking.schemas import BatchResult, RejectedObservation
from tests.parking.factories import count, make_site, make_source

pytestmark = pytest.mark.unit

T0 = datetime(2026, 4, 18, 9, 0, tzinfo=UTC)


def _ingest(db: Database, items: list[dict[str, object]], now: datetime = T0) -> BatchResult:
    with db.session() as session:
        return ingest.ingest(session=session, items=items, channel="http", now=now)


def _live(db: Database, ref: str, now: datetime = T0) -> tuple[int | None, str]:
    with db.session() as session:
        site = sites.describe(session=session, ref=ref, now=now)
    return site.live.free, site.live.freshness.state


def _obs(free: int, at: datetime, site: str = "a") -> dict[str, object]:
    return {"site": site, "free": free, "observed_at": at.isoformat()}


def test_count_becomes_the_live_state(db: Database) -> None:
    make_site(db, "a")

    result = _ingest(db, [_obs(12, T0 - timedelta(minutes=1))])

    assert result == BatchResult(
        received=1, accepted=1, duplicates=0, late=0, rejected=0, errors=[]
    )
    assert _live(db, "a") == (12, "live")


def test_repeated_observation_is_a_duplicate(db: Database) -> None:
    make_site(db, "a")
    _ingest(db, [_obs(12, T0)])

    result = _ingest(db, [_obs(12, T0), _obs(12, T0)])

    assert (result.accepted, result.duplicates) == (0, 2)


def test_late_observation_never_overwrites_a_newer_count(db: Database) -> None:
    make_site(db, "a")
    _ingest(db, [_obs(30, T0)])

    result = _ingest(db, [_obs(5, T0 - timedelta(minutes=10))])

    assert (result.accepted, result.late, _live(db, "a")) == (0, 1, (30, "live"))


def test_newest_of_a_batch_wins_whatever_its_order(db: Database) -> None:
    make_site(db, "a")

    _ingest(db, [_obs(7, T0), _obs(3, T0 - timedelta(minutes=2))])

    assert _live(db, "a") == (7, "live")


def test_impossible_and_unknown_and_malformed_are_rejected_alone(db: Database) -> None:
    make_site(db, "a", capacity=50)

    result = _ingest(
        db,
        [
            _obs(51, T0),
            _obs(3, T0, site="nowhere"),
            {"site": "a", "free": "many", "observed_at": T0.isoformat()},
            {"site": "a", "free": 3, "observed_at": "2026-04-18T09:00:00"},
            _obs(4, T0 + timedelta(hours=1)),
            _obs(9, T0),
        ],
    )

    assert result.model_dump(exclude={"errors"}) == {
        "received": 6,
        "accepted": 1,
        "duplicates": 0,
        "late": 0,
        "rejected": 5,
    }
    assert [(e.index, e.reason) for e in result.errors] == [
        (0, "impossible"),
        (1, "unknown-site"),
        (2, "malformed"),
        (3, "malformed"),
        (4, "future"),
    ]
    assert _live(db, "a") == (9, "live")


def test_rejections_are_counted_in_metrics(db: Database) -> None:
    make_site(db, "a", capacity=50)

    def value() -> float:
        return (
            REGISTRY.get_sample_value(
                "casa_parking_observations_rejected_total",
                {"channel": "http", "reason": "impossible"},
            )
            or 0.0
        )

    before = value()
    _ingest(db, [_obs(51, T0), _obs(60, T0)])

    assert value() - before == 2.0


def test_count_older_than_30_minutes_is_shown_as_unknown(db: Database) -> None:
    make_site(db, "a")
    _ingest(db, [_obs(12, T0)])

    assert (
        _live(db, "a", T0 + timedelta(minutes=30)),
        _live(db, "a", T0 + timedelta(minutes=31)),
    ) == ((12, "live"), (None, "stale"))


def test_spot_sensors_give_the_count_of_free_spots(db: Database) -> None:
    make_site(db, "a", capacity=3, reservable=0)

    _ingest(
        db,
        [
            {
                "site": "a",
                "kind": "spot",
                "spot": "s1",
                "status": "free",
                "observed_at": T0.isoformat(),
            },
            {
                "site": "a",
                "kind": "spot",
                "spot": "s2",
                "status": "free",
                "observed_at": T0.isoformat(),
            },
            {
                "site": "a",
                "kind": "spot",
                "spot": "s3",
                "status": "taken",
                "observed_at": T0.isoformat(),
            },
        ],
    )
    late = _ingest(
        db,
        [
            {
                "site": "a",
                "kind": "spot",
                "spot": "s1",
                "status": "taken",
                "observed_at": (T0 - timedelta(minutes=1)).isoformat(),
            }
        ],
    )
    _ingest(
        db,
        [
            {
                "site": "a",
                "kind": "spot",
                "spot": "s2",
                "status": "taken",
                "observed_at": (T0 + timedelta(seconds=5)).isoformat(),
            }
        ],
        now=T0 + timedelta(1),
    )

    assert (late.late, _live(db, "a", T0 + timedelta(seconds=10))) == (1, (1, "live"))


def test_gate_events_move_the_count_from_a_known_base(db: Database) -> None:
    make_site(db, "a", capacity=10)
    _ingest(db, [_obs(5, T0)])

    _ingest(
        db,
        [
            {
                "site": "a",
                "kind": "entry",
                "event": "e1",
                "observed_at": (T0 + timedelta(seconds=1)).isoformat(),
            },
            {
                "site": "a",
                "kind": "entry",
                "event": "e2",
                "observed_at": (T0 + timedelta(seconds=2)).isoformat(),
            },
            {
                "site": "a",
                "kind": "exit",
                "event": "x1",
                "observed_at": (T0 + timedelta(seconds=3)).isoformat(),
            },
        ],
        now=T0 + timedelta(seconds=5),
    )

    assert _live(db, "a", T0 + timedelta(seconds=5)) == (4, "live")


# --- over HTTP ---------------------------------------------------------------------------------


def test_http_push_needs_a_known_key(client: TestClient, db: Database) -> None:
    make_site(db, "a")
    body = {"observations": [_obs(3, T0)]}

    missing = client.post("/api/v1/parking/observations", json=body)
    wrong = client.post("/api/v1/parking/observations", json=body, headers={"X-Api-Key": "nope"})

    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert missing.headers["content-type"] == "application/problem+json"


def test_http_push_stores_and_reports_each_observation(
    client: TestClient, db: Database, clock: FrozenClock
) -> None:
    make_site(db, "a", capacity=20)
    key = make_source(db, site_refs=["a"])

    response = client.post(
        "/api/v1/parking/observations",
        json={"observations": [_obs(3, clock()), _obs(99, clock())]},
        headers={"X-Api-Key": key},
    )

    assert response.status_code == 200
    assert BatchResult.model_validate(response.json()) == BatchResult(
        received=2,
        accepted=1,
        duplicates=0,
        late=0,
        rejected=1,
        errors=[
            RejectedObservation(
                index=1,
                reason="impossible",
                detail="free must be between 0 and the capacity 20, not 99",
            )
        ],
    )


def test_source_may_report_only_for_its_sites(db: Database) -> None:
    make_site(db, "a")
    make_site(db, "b")
    make_source(db, site_refs=["a"])
    with db.session() as session:
        source = ingest.source_for_key(
            session=session, key=make_source(db, "other", site_refs=["b"])
        )
        result = ingest.ingest(
            session=session,
            items=[_obs(1, T0, "a"), _obs(1, T0, "b")],
            channel="http",
            now=T0,
            source=source,
        )

    assert [(e.index, e.reason) for e in result.errors] == [(0, "forbidden")]


def test_http_batch_over_1000_is_refused(client: TestClient, db: Database) -> None:
    key = make_source(db, all_sites=True)

    response = client.post(
        "/api/v1/parking/observations",
        json={"observations": [{}] * 1001},
        headers={"X-Api-Key": key},
    )

    assert (response.status_code, response.json()["field"]) == (422, "observations")


def test_declared_count_needs_an_owner_or_operator(client: TestClient, db: Database) -> None:
    from tests.factories import bearer, make_user

    make_site(db, "a")
    make_user(db, email="owner@casa.ma", roles=("garage_owner",))
    make_user(db, email="op@casa.ma", roles=("parking_operator",))

    refused = client.post(
        "/api/v1/parking/sites/a/count", json={"free": 4}, headers=bearer(client, "owner@casa.ma")
    )
    done = client.post(
        "/api/v1/parking/sites/a/count", json={"free": 4}, headers=bearer(client, "op@casa.ma")
    )

    assert (refused.status_code, done.status_code, done.json()["live"]["free"]) == (403, 200, 4)
    assert count is not None
