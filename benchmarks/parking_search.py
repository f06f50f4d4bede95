"""Search for free places near a point among 10,000 sites: the k-d tree against full scans.

Prints one JSON line per figure. The baseline ``table scan`` is the same search reading every
row of the sites table (a search without an index); ``memory scan`` measures the distance to
every cached site instead of asking the tree. Both must return exactly what the index returns.
"""

from __future__ import annotations

import atexit
import json
import random
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from casa.core import migrate
from casa.core.db import Database
from casa.parking import ingest, search, sites
from casa.parking.demo_data import CASABLANCA_BBOX, random_sites

N_SITES = 10_000
N_QUERIES = 200
N_BASELINE = 30
NOW = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-"))
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{folder / 'casa.db'}"
    migrate.upgrade(url)
    db = Database(url)
    generated = random_sites(N_SITES, seed=11)
    with db.session() as session:
        sites.bulk_create(session=session, sites=generated, now=NOW)
    rng = random.Random(5)
    for start in range(0, N_SITES, 1000):
        batch = [
            {"site": s.ref, "free": rng.randint(0, s.capacity), "observed_at": NOW.isoformat()}
            for s in generated[start : start + 1000]
        ]
        with db.session() as session:
            ingest.ingest(session=session, items=batch, channel="bench", now=NOW)

    south, west, north, east = CASABLANCA_BBOX
    origins = [(rng.uniform(south, north), rng.uniform(west, east)) for _ in range(N_QUERIES)]
    with db.session() as session:
        search.search(session=session, origin=origins[0], now=NOW)  # builds the index once
        indexed = [timed(search.search, session=session, origin=o, now=NOW) for o in origins]
        memory = [
            timed(
                search.search, session=session, origin=o, now=NOW, finder=search.memory_scan_finder
            )
            for o in origins[:N_BASELINE]
        ]
        table = [
            timed(
                search.search, session=session, origin=o, now=NOW, finder=search.table_scan_finder
            )
            for o in origins[:N_BASELINE]
        ]
    db.dispose()
    assert [r for _, r in indexed[:N_BASELINE]] == [r for _, r in memory] == [r for _, r in table]

    median = statistics.median(t for t, _ in indexed)
    p95 = statistics.quantiles([t for t, _ in indexed], n=20)[-1]
    hits = statistics.mean(r.count for _, r in indexed)
    for metric, baseline in (
        ("median_ms_vs_table_scan", statistics.median(t for t, _ in table)),
        ("median_ms_vs_memory_scan", statistics.median(t for t, _ in memory)),
    ):
        print(
            json.dumps(
                {
                    "bench": "parking_search",
                    "metric": metric,
                    "value": round(median, 3),
                    "unit": "ms",
                    "baseline": round(baseline, 3),
                    "ratio": round(baseline / median, 1),
                    "n": N_SITES,
                    "radius_m": 800,
                    "mean_hits": round(hits, 1),
                }
            )
        )
    print(
        json.dumps(
            {
                "bench": "parking_search",
                "metric": "p95_ms",
                "value": round(p95, 3),
                "unit": "ms",
                "baseline": None,
                "ratio": None,
                "n": N_SITES,
            }
        )
    )


if __name__ == "__main__":
    main()
