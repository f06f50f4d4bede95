"""What a scheduled forecast refit costs on the demo data: every site, 28 days of history.

Runs on a scratch SQLite database: ``casa parking load`` (the bundled and demo sites),
``casa parking simulate --sites 1000 --backfill-days 28 --step-minutes 15`` (history for every
site), then one refit of every site as the scheduled task does it (one unit of work per site).
The baseline, measured in the same run, is reading the same history alone (the slot series of
every site), so the ratio says how much of a refit is the fit itself.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from casa.core import migrate
from casa.core.db import Database
from casa.parking import forecast
from casa.parking.models import Observation, Site
from casa.parking.tasks import refit_all

HISTORY_DAYS = 28
ROUNDS = 3


def _read_history(db: Database, now: datetime) -> None:
    with db.session() as session:
        for site in session.scalars(select(Site).where(Site.capacity > 0)):
            forecast.series_of(
                session=session,
                site_id=site.id,
                capacity=site.capacity,
                since=now - forecast.HISTORY,
                until=now,
            )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-refit-"))
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{folder / 'casa.db'}"
    env = {**os.environ, "CASA_DATABASE_URL": url, "CASA_VAR_DIR": str(folder)}
    casa = str(Path(sys.executable).parent / "casa")
    migrate.upgrade(url)
    subprocess.run([casa, "parking", "load"], env=env, check=True, capture_output=True)
    simulate = ["simulate", "--sites", "1000", "--backfill-days", str(HISTORY_DAYS)]
    subprocess.run(
        [casa, "parking", *simulate, "--step-minutes", "15"],
        env=env,
        check=True,
        capture_output=True,
    )
    db = Database(url)
    now = datetime.now(UTC) + timedelta(minutes=1)
    with db.session() as session:
        sites = session.scalar(select(func.count()).select_from(Site).where(Site.capacity > 0))
        observations = session.scalar(select(func.count()).select_from(Observation))
    refits, reads, fitted = [], [], 0
    for _ in range(ROUNDS):
        started = time.perf_counter()
        _read_history(db, now)
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        report = refit_all(db=db, now=now)
        refits.append(time.perf_counter() - started)
        fitted = report.fitted
    db.dispose()
    refit, read = sorted(refits)[ROUNDS // 2], sorted(reads)[ROUNDS // 2]
    print(
        json.dumps(
            {
                "bench": "parking_refit",
                "metric": "refit_all_sites_s",
                "value": round(refit, 2),
                "unit": "s",
                "baseline": round(read, 2),
                "ratio": round(refit / read, 2),
                "baseline_is": "reading the same history alone",
                "per_site_ms": round(1000 * refit / max(1, sites or 0), 1),
                "sites": sites,
                "fitted": fitted,
                "observations": observations,
                "history_days": HISTORY_DAYS,
                "rounds": ROUNDS,
            }
        )
    )


if __name__ == "__main__":
    main()
