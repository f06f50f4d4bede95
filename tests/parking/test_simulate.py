"""The simulator: daily profiles, and counts that reach the live state."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from casa.core.clock import FrozenClock
from casa.core.db import Database
from casa.parking import simulate
from casa.parking.occupancy import live_of
from tests.parking.factories import make_site

pytestmark = pytest.mark.unit


def test_profiles_follow_the_day() -> None:
    morning = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)  # 10:00 local
    night = datetime(2026, 4, 20, 2, 0, tzinfo=UTC)  # 03:00 local

    assert (
        simulate.target_occupancy("centre", morning) > simulate.target_occupancy("centre", night),
        simulate.target_occupancy("building_garage", morning)
        < simulate.target_occupancy("building_garage", night),
    ) == (True, True)


def test_events_stay_within_capacity() -> None:
    sites = [simulate.SimSite("a", "centre", 5, 5), simulate.SimSite("b", "on_street", 3, 0)]
    rng = random.Random(4)
    at = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)

    seen = {(s.ref, s.free) for s in (simulate.next_event(sites, rng, at) for _ in range(500))}

    assert {ref for ref, _ in seen} == {"a", "b"}
    assert all(0 <= free <= {"a": 5, "b": 3}[ref] for ref, free in seen)


def test_run_drives_live_counts_through_the_ingest(db: Database, clock: FrozenClock) -> None:
    ids = [make_site(db, f"s{i}", capacity=20) for i in range(3)]
    sites = simulate.load_sites(db, 3)

    sent = list(
        simulate.run(
            sites,
            simulate.DatabaseSink(db, clock=clock),
            rate=1e6,
            count=50,
            clock=clock,
            sleep=lambda _s: None,
        )
    )
    with db.session() as session:
        live = live_of(session=session, sites=[(i, 20) for i in ids], now=clock())

    assert (sent[-1], sorted(s.free for s in sites)) == (50, sorted(live[i].free for i in ids))  # type: ignore[type-var]


def test_simulate_command_reports_what_it_sent(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casa.cli import app
    from casa.core.config import get_settings

    make_site(db, "s0", capacity=20)
    monkeypatch.setenv("CASA_DATABASE_URL", db.url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            app, ["parking", "simulate", "--sites", "1", "--rate", "500", "--count", "25"]
        )
    finally:
        get_settings.cache_clear()

    assert (result.exit_code, result.stdout.strip().splitlines()[-1]) == (
        0,
        "25 events sent for 1 sites",
    )
