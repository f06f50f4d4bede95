"""Forecasts: on a history with a known weekly pattern they beat "same as now"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.parking import backtest, forecast, simulate
from casa.parking.ingest import ingest
from casa.parking.models import Site
from tests.parking.factories import count, make_site

pytestmark = pytest.mark.integration

NOW = datetime(2026, 4, 22, 9, 0, tzinfo=UTC)


def _history(db: Database, refs: list[str], days: int = 21) -> None:
    sites = [
        simulate.SimSite(ref, kind, 80, 40)
        for ref, kind in zip(refs, ("centre", "building_garage"), strict=False)
    ]
    with db.session() as session:
        for batch in simulate.backfill(sites, days=days, now=NOW, step_minutes=15, seed=3):
            ingest(session=session, items=batch, channel="sim", now=NOW)


@pytest.fixture
def fitted(db: Database) -> Database:
    make_site(db, "fc-centre", capacity=80)
    make_site(db, "fc-garage", capacity=80, kind="building_garage")
    _history(db, ["fc-centre", "fc-garage"])
    with db.session() as session:
        assert forecast.fit_all(session=session, now=NOW) == (2, 0)
    return db


def test_backtest_beats_naive_forecast_at_every_horizon(fitted: Database) -> None:
    with fitted.session() as session:
        report = backtest.backtest(session=session, now=NOW, days=7)

    beaten = {h.minutes: h.mae < h.naive_mae for h in report.horizons}
    assert (report.sites, report.skipped) == (2, 0)
    assert beaten == {15: True, 60: True, 180: True, 360: True, 720: True, 1440: True}


def test_probability_is_within_bounds_and_grows_with_free_places(fitted: Database) -> None:
    with fitted.session() as session:
        model = forecast.models(session)[session.query(Site).filter_by(ref="fc-centre").one().id]

    arrive = NOW + timedelta(minutes=45)
    ps = [
        forecast.p_at_least_one(model, free=free, capacity=80, observed_at=NOW, at=arrive)
        for free in range(0, 81, 4)
    ]

    assert all(0.0 <= p <= 1.0 for p in ps)
    assert ps == sorted(ps)
    assert (ps[0] < ps[-1], ps[-1]) == (True, 1.0)


def test_forecast_endpoint_gives_96_steps_within_capacity(
    fitted: Database, client: TestClient, clock: FrozenClock
) -> None:
    clock.at = NOW + timedelta(minutes=1)
    count(fitted, "fc-centre", 10, clock())

    body = client.get("/api/v1/parking/sites/fc-centre/forecast").json()

    steps = body["steps"]
    assert (len(steps), body["based_on_live_count"], steps[0]["at"]) == (
        96,
        True,
        "2026-04-22T09:15:00Z",
    )
    assert all(0 <= s["low"] <= s["free"] <= s["high"] <= 80 for s in steps)


def test_forecast_of_a_site_without_history_is_404(db: Database, client: TestClient) -> None:
    make_site(db, "fc-empty")

    response = client.get("/api/v1/parking/sites/fc-empty/forecast")

    assert (response.status_code, response.json()["type"].rsplit("/", 1)[-1]) == (
        404,
        "parking-no-forecast",
    )


def test_search_uses_the_forecast_probability(
    fitted: Database, client: TestClient, clock: FrozenClock
) -> None:
    clock.at = NOW + timedelta(minutes=1)
    count(fitted, "fc-centre", 2, clock())
    with fitted.session() as session:
        model = forecast.models(session)[session.query(Site).filter_by(ref="fc-centre").one().id]
    arrive = NOW + timedelta(minutes=30)
    expected = forecast.p_at_least_one(model, free=2, capacity=80, observed_at=clock(), at=arrive)

    body = client.get(
        "/api/v1/parking/sites",
        params={
            "near": "33.58658,-7.63229",
            "arrive_at": arrive.isoformat(),
            "sort": "best",
        },
    ).json()

    ranked = [r["ref"] for r in body["results"]]
    p = {r["ref"]: r["p_free_at_arrival"] for r in body["results"]}
    assert (ranked, p["fc-centre"], p["fc-centre"] < p["fc-garage"]) == (
        ["fc-garage", "fc-centre"],
        expected,
        True,
    )
