"""The forecast's backtest against the naive "same as now" forecast, by horizon.

Runs what the documentation shows on a scratch SQLite database: ``casa parking load``,
``casa parking simulate --sites 20 --backfill-days 28 --step-minutes 15`` (simulated history)
and the backtest of the last 7 days. Prints one JSON line per horizon: the forecast's MAE in
places, with the naive forecast's MAE as the baseline, and the MAE of the same model whose
weekly profile is not smoothed. Simulated history: the figures say the
method works on a known pattern, not how well it forecasts real car parks.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from casa.core import migrate
from casa.core.db import Database
from casa.parking import backtest

SITES = 20
HISTORY_DAYS = 28
TEST_DAYS = 7


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-forecast-"))
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{folder / 'casa.db'}"
    env = {**os.environ, "CASA_DATABASE_URL": url, "CASA_VAR_DIR": str(folder)}
    casa = str(Path(sys.executable).parent / "casa")
    migrate.upgrade(url)
    subprocess.run([casa, "parking", "load"], env=env, check=True, capture_output=True)
    simulate = ["simulate", "--sites", str(SITES), "--backfill-days", str(HISTORY_DAYS)]
    subprocess.run(
        [casa, "parking", *simulate, "--step-minutes", "15"],
        env=env,
        check=True,
        capture_output=True,
    )
    db = Database(url)
    now = datetime.now(UTC)
    with db.session() as session:
        report = backtest.backtest(session=session, now=now, days=TEST_DAYS)
        # The same backtest with the profile never smoothed: what the smoothing buys.
        plain = backtest.backtest(session=session, now=now, days=TEST_DAYS, half_widths=(0,))
    db.dispose()
    unsmoothed = {h.minutes: h.mae for h in plain.horizons}
    for h in report.horizons:
        print(
            json.dumps(
                {
                    "bench": "parking_forecast",
                    "metric": f"mae_{h.minutes}min",
                    "value": round(h.mae, 2),
                    "unit": "places",
                    "baseline": round(h.naive_mae, 2),
                    "ratio": round(h.mae / h.naive_mae, 2) if h.naive_mae else None,
                    "baseline_is": "same as now",
                    "rmse": round(h.rmse, 2),
                    "naive_rmse": round(h.naive_rmse, 2),
                    "unsmoothed_profile_mae": round(unsmoothed[h.minutes], 2),
                    "forecasts": h.n,
                    "sites": report.sites,
                    "history_days": HISTORY_DAYS,
                    "test_days": TEST_DAYS,
                }
            )
        )


if __name__ == "__main__":
    main()
