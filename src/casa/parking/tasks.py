"""Background work of IPARK: every site's forecast refitted on a schedule, by one worker.

Every worker of every machine runs the same loop beside the app. A lease row in
``parking_tasks`` decides which of them refits: it is claimed with one conditional UPDATE on
its expiry time, so a single claimant wins per interval, on SQLite as on PostgreSQL, with or
without Redis. The fit runs in a thread (never on the event loop), one unit of work per site,
so a site whose fit fails is logged and counted and the others are still refitted; a refit
that fails as a whole is logged and counted too, and the loop tries again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import structlog
from prometheus_client import Counter, Histogram
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casa.core.clock import Clock
from casa.core.config import Settings
from casa.core.db import Database
from casa.core.metrics import REGISTRY
from casa.parking import forecast
from casa.parking.models import ForecastModel, Meta, Site, TaskLease

REFIT_TASK = "forecast_refit"
RETRY_AFTER_S = 60.0
"""After a refit that failed as a whole (the database away), try again this soon at most."""
log = structlog.get_logger("casa.parking.tasks")

REFITS = Counter(
    "casa_parking_refits_total",
    "Scheduled forecast refits, by outcome: done, elsewhere (another worker holds the lease), "
    "failed.",
    ["outcome"],
    registry=REGISTRY,
)
REFIT_SITES = Counter(
    "casa_parking_refit_sites_total",
    "Sites handled by scheduled forecast refits, by outcome: fitted, skipped, failed.",
    ["outcome"],
    registry=REGISTRY,
)
REFIT_SECONDS = Histogram(
    "casa_parking_refit_duration_seconds",
    "Time a scheduled forecast refit of every site took.",
    registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0),
)

FitSite = Callable[..., ForecastModel | None]


@dataclass(slots=True)
class RefitReport:
    """What one refit did: sites fitted, skipped for too little history, and failed."""

    fitted: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


def claim(*, session: Session, name: str, holder: str, now: datetime, lease: timedelta) -> bool:
    """Take a task's lease until ``now + lease`` if it has run out; tell whether it was taken.

    A task never seen is not run at once: its lease starts running for nobody, so the first
    scheduled run of a new deployment comes one interval after its first start.
    """
    taken = session.execute(
        update(TaskLease)
        .where(TaskLease.name == name, TaskLease.leased_until <= now)
        .values(holder=holder, leased_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount == 1:  # type: ignore[attr-defined]
        return True
    if session.get(TaskLease, name) is None:
        try:
            with session.begin_nested():
                session.add(TaskLease(name=name, holder="", leased_until=now + lease))
        except IntegrityError:  # another claimant created it first
            pass
    return False


def lease_until(*, session: Session, name: str) -> datetime | None:
    """Return when a task's lease runs out, or None for a task never seen."""
    return session.scalar(select(TaskLease.leased_until).where(TaskLease.name == name))


def refit_all(
    *,
    db: Database,
    now: datetime,
    fit_site: FitSite = forecast.fit_site,
    halt: threading.Event | None = None,
) -> RefitReport:
    """Fit every site's forecast, one unit of work per site; a failing site stops no other."""
    report = RefitReport()
    with db.session() as session:
        sites = list(
            session.execute(select(Site.id, Site.ref).where(Site.capacity > 0).order_by(Site.id))
        )
    for site_id, ref in sites:
        if halt is not None and halt.is_set():
            break
        try:
            with db.session() as session:
                site = session.get(Site, site_id)
                if site is None:  # removed since the list was read
                    continue
                if fit_site(session=session, site=site, now=now) is None:
                    session.execute(delete(ForecastModel).where(ForecastModel.site_id == site_id))
                    report.skipped += 1
                else:
                    report.fitted += 1
        except Exception:  # one site's failure must not stop the others
            log.exception("parking_refit_site_failed", site=ref)
            report.failed.append(ref)
    with db.session() as session:
        # A new version makes every worker read the models again (forecast.models).
        meta = session.get(Meta, forecast.FORECAST_VERSION)
        if meta is None:
            session.add(Meta(key=forecast.FORECAST_VERSION, value=uuid.uuid4().hex))
        else:
            meta.value = uuid.uuid4().hex
    REFIT_SITES.labels("fitted").inc(report.fitted)
    REFIT_SITES.labels("skipped").inc(report.skipped)
    REFIT_SITES.labels("failed").inc(len(report.failed))
    return report


def holder_id() -> str:
    """Return a name for this worker that no other worker of any machine shares."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Refitter:
    """One worker's scheduled refit: claim the lease, refit, wait until the lease runs out."""

    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        interval_s: float,
        holder: str | None = None,
        fit_site: FitSite = forecast.fit_site,
    ) -> None:
        if interval_s <= 0:
            raise ValueError("the refit interval must be positive")
        self.db = db
        self.clock = clock
        self.interval_s = interval_s
        self.holder = holder or holder_id()
        self.fit_site = fit_site
        self.halt = threading.Event()
        self._wake: asyncio.Event | None = None

    def tick(self) -> tuple[RefitReport | None, float]:
        """Refit if this worker takes the lease; return the report and the seconds to wait."""
        lease = timedelta(seconds=self.interval_s)
        with self.db.session() as session:
            taken = claim(
                session=session, name=REFIT_TASK, holder=self.holder, now=self.clock(), lease=lease
            )
            until = lease_until(session=session, name=REFIT_TASK)
        report = None
        if taken:
            started = time.perf_counter()
            report = refit_all(db=self.db, now=self.clock(), fit_site=self.fit_site, halt=self.halt)
            seconds = time.perf_counter() - started
            REFIT_SECONDS.observe(seconds)
            REFITS.labels("done").inc()
            log.info(
                "parking_refit_done",
                fitted=report.fitted,
                skipped=report.skipped,
                failed=len(report.failed),
                seconds=round(seconds, 3),
            )
        else:
            REFITS.labels("elsewhere").inc()
        remaining = (until - self.clock()).total_seconds() if until else self.interval_s
        return report, min(self.interval_s, max(remaining, min(1.0, self.interval_s)))

    async def run(self) -> None:
        """Refit in turn with the other workers until stopped; never raise."""
        self._wake = asyncio.Event()
        while not self.halt.is_set():
            try:
                _, delay = await asyncio.to_thread(self.tick)
            except Exception:  # the database away, say: log, count, try again later
                log.exception("parking_refit_failed")
                REFITS.labels("failed").inc()
                delay = min(self.interval_s, RETRY_AFTER_S)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=delay)

    def stop(self) -> None:
        """Ask the loop to end; a refit under way stops before its next site."""
        self.halt.set()
        if self._wake is not None:
            self._wake.set()


async def _nothing() -> None:
    return None


def start_refits(
    settings: Settings, db: Database, clock: Clock, **kwargs: Any
) -> Callable[[], Awaitable[None]]:
    """Start the scheduled refit when an interval is set; return the coroutine that stops it."""
    if settings.parking_fit_interval_s <= 0:
        return _nothing
    refitter = Refitter(db=db, clock=clock, interval_s=settings.parking_fit_interval_s, **kwargs)
    task = asyncio.create_task(refitter.run(), name="parking-refit")

    async def stop() -> None:
        refitter.stop()
        await task

    return stop
