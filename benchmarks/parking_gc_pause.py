"""A worker's full garbage collection, with its heap frozen after warm-up and without.

A served worker holds the parking index of 10,000 sites, the gazetteer, the catalogues and
its modules; every full collection walks all of it. ``casa serve`` warms the caches and then
freezes that heap (``casa.app.warm_up``), so the collector skips it. Prints the pause of a
full collection before (the baseline) and after the freeze.
"""

from __future__ import annotations

import atexit
import gc
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from parking_endpoint import prepare  # type: ignore[import-not-found]

from casa.app import create_app, warm_up
from casa.core.config import Settings
from casa.parking import search_index

RUNS = 5


def pause_ms() -> float:
    """Return the median time of a full collection, in milliseconds."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        gc.collect()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-gc-"))
    atexit.register(shutil.rmtree, folder, True)
    url, _ = prepare(folder)
    app = create_app(Settings(database_url=url, var_dir=folder, log_level="WARNING"))
    db = app.state.db
    # The same caches as a served worker's, first without the freeze: the baseline.
    with db.session() as session:
        search_index.warm(session)
    tracked = len(gc.get_objects())
    before = pause_ms()
    warm_up(db)
    after = pause_ms()
    gc.unfreeze()
    print(
        json.dumps(
            {
                "bench": "parking_gc_pause",
                "metric": "full_collection_ms",
                "value": round(after, 2),
                "unit": "ms",
                "baseline": round(before, 1),
                "baseline_is": "the same heap, not frozen",
                "ratio": round(after / before, 4) if before else None,
                "tracked_objects": tracked,
                "sites": 10_000,
            }
        )
    )


if __name__ == "__main__":
    main()
