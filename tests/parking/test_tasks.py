"""Scheduled forecast refits: one worker per interval holds the lease; failures never stop it."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.app import create_app
from casa.core.config import Settings
from casa.core.db import Database
from casa.core.metrics import REGISTRY
from casa.parking import forecast, simulate
from casa.parking.ingest import ingest
from casa.parking.models import ForecastModel, Site, TaskLease
from casa.parking.tasks import REFIT_TASK, RefitReport, Refitter, claim, refit_all
from tests.parking.factories import make_site

pytestmark = pytest.mark.integration

NOW = datetime(2026, 4, 22, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


class TickingClock:
    """A clock that moves one minute forward each time it is read."""

    def __init__(self, at: datetime) -> None:
        self.at = at
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            self.at += timedelta(minutes=1)
            return self.at


def _sites_with_history(db: Database, refs: list[str], days: int = 3) -> None:
    for ref in refs:
        make_site(db, ref, capacity=60)
    sims = [simulate.SimSite(ref, "centre", 60, 30) for ref in refs]
    with db.session() as session:
        for batch in simulate.backfill(sims, days=days, now=NOW, step_minutes=15, seed=5):
            ingest(session=session, items=batch, channel="sim", now=NOW)


def _fitted_refs(db: Database) -> list[str]:
    with db.session() as session:
        query = select(Site.ref).join(ForecastModel, ForecastModel.site_id == Site.id)
        return sorted(session.scalars(query))


def _lease(db: Database) -> tuple[str, datetime] | None:
    with db.session() as session:
        row = session.get(TaskLease, REFIT_TASK)
        return None if row is None else (row.holder, row.leased_until)


def _claim(db: Database, holder: str, now: datetime) -> bool:
    with db.session() as session:
        return claim(session=session, name=REFIT_TASK, holder=holder, now=now, lease=HOUR)


def _metric(name: str, outcome: str) -> float:
    return REGISTRY.get_sample_value(name, {"outcome": outcome}) or 0.0


def _wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_first_sight_of_the_task_starts_its_lease_for_nobody(db: Database) -> None:
    first = _claim(db, "worker-a", NOW)
    lease_after_first = _lease(db)
    before_expiry = _claim(db, "worker-a", NOW + HOUR - timedelta(seconds=1))
    at_expiry = _claim(db, "worker-b", NOW + HOUR)

    assert (first, lease_after_first) == (False, ("", NOW + HOUR))
    assert (before_expiry, at_expiry) == (False, True)
    assert _lease(db) == ("worker-b", NOW + 2 * HOUR)


def test_lease_goes_to_exactly_one_of_two_concurrent_claimants(db: Database) -> None:
    _claim(db, "setup", NOW)
    rounds: list[dict[str, bool]] = []
    for turn in range(1, 6):
        now = NOW + turn * HOUR
        barrier = threading.Barrier(2)
        results: dict[str, bool] = {}

        def contend(
            holder: str,
            at: datetime = now,
            gate: threading.Barrier = barrier,
            won: dict[str, bool] = results,
        ) -> None:
            gate.wait()
            won[holder] = _claim(db, holder, at)

        threads = [threading.Thread(target=contend, args=(h,)) for h in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        winners = [h for h, won in results.items() if won]
        assert _lease(db) == (winners[0] if winners else "", now + HOUR)
        rounds.append(results)

    assert [sorted(r.values()) for r in rounds] == [[False, True]] * 5


def test_failing_site_does_not_stop_the_others(db: Database) -> None:
    _sites_with_history(db, ["good", "broken"])
    make_site(db, "new", capacity=40)

    def fit_site(*, session: Session, site: Site, now: datetime) -> ForecastModel | None:
        if site.ref == "broken":
            raise ValueError("a corrupt history")
        return forecast.fit_site(session=session, site=site, now=now)

    before = _metric("casa_parking_refit_sites_total", "failed")
    report = refit_all(db=db, now=NOW, fit_site=fit_site)

    assert report == RefitReport(fitted=1, skipped=1, failed=["broken"])
    assert _fitted_refs(db) == ["good"]
    assert _metric("casa_parking_refit_sites_total", "failed") - before == 1.0


def test_scheduled_refit_in_the_app_fits_sites_with_history(
    settings: Settings, db: Database
) -> None:
    _sites_with_history(db, ["hist-a", "hist-b"])
    make_site(db, "no-history", capacity=40)
    fast = settings.model_copy(update={"parking_fit_interval_s": 0.05})
    done_before = _metric("casa_parking_refits_total", "done")

    with TestClient(create_app(fast, clock=TickingClock(NOW))) as client:
        # The counter moves after the refit's last commit: wait for both.
        fitted = _wait_for(
            lambda: (
                _fitted_refs(db) == ["hist-a", "hist-b"]
                and _metric("casa_parking_refits_total", "done") > done_before
            )
        )
        metrics = client.get("/metrics").text

    done = [line for line in metrics.splitlines() if 'refits_total{outcome="done"}' in line]
    assert fitted is True
    assert len(done) == 1 and float(done[0].split()[-1]) > done_before
    lease = _lease(db)
    assert lease is not None and lease[0].count(":") == 2


def test_refit_loop_survives_a_database_without_tables(tmp_path: Path) -> None:
    empty = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    refitter = Refitter(db=empty, clock=TickingClock(NOW), interval_s=0.05)
    before = _metric("casa_parking_refits_total", "failed")

    async def drive() -> Any:
        task = asyncio.create_task(refitter.run())
        failed_twice = await asyncio.to_thread(
            _wait_for, lambda: _metric("casa_parking_refits_total", "failed") - before >= 2
        )
        refitter.stop()
        await task
        return failed_twice, task.exception()

    try:
        assert asyncio.run(drive()) == (True, None)
    finally:
        empty.dispose()


def test_zero_interval_starts_no_refit(settings: Settings, db: Database) -> None:
    off = settings.model_copy(update={"parking_fit_interval_s": 0})

    with TestClient(create_app(off, clock=TickingClock(NOW))) as client:
        health = client.get("/healthz").status_code

    assert (health, _lease(db)) == (200, None)


def test_refitter_refuses_a_zero_interval(db: Database) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        Refitter(db=db, clock=TickingClock(NOW), interval_s=0)
