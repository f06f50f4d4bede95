"""Journey planner benchmarks: Casa's RAPTOR against baselines measured in the same run.

1. Casablanca feed, earliest-arrival queries, in process: median time; baseline the reference
   connection scan of the test suite.
2. Synthetic city (a 100 × 100 grid, 10,000 stops, about 127,000 trips): the same.
3. pyraptor (PyPI), in its own environment, against Casa on the same feeds and queries:
   Casablanca and a 20 × 20 synthetic city (pyraptor takes minutes per query on bigger ones).

Prints one JSON line per figure: bench, metric, value, unit, baseline, ratio, n.
Set CASA_BENCH_QUICK=1 for fewer queries.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from tests.transit.factories import WEEKDAY, casablanca_schedule  # noqa: E402
from tests.transit.reference import Reference  # noqa: E402
from transit_helpers.pyraptor_feed import write_pyraptor_gtfs  # noqa: E402
from transit_helpers.synthetic import DAY, make_city  # noqa: E402

from casa.transit import planner  # noqa: E402
from casa.transit.schedule import Schedule  # noqa: E402
from casa.transit.timetable import Timetable, WalkParams, build_timetable  # noqa: E402

QUICK = os.environ.get("CASA_BENCH_QUICK") == "1"
WORK = Path(__file__).resolve().parent / ".work"
PEER_VENV = WORK / "pyraptor-venv"
PARAMS = WalkParams()
ROUNDS = 5


def emit(
    bench: str,
    metric: str,
    value: float,
    unit: str,
    baseline: float | None,
    n: int,
    **extra: object,
) -> None:
    """Print one figure as a JSON line."""
    ratio = round(baseline / value, 1) if baseline and value else None
    print(
        json.dumps(
            {
                "bench": bench,
                "metric": metric,
                "value": round(value, 4),
                "unit": unit,
                "baseline": None if baseline is None else round(baseline, 4),
                "ratio": ratio,
                "n": n,
                **extra,
            }
        ),
        flush=True,
    )


def queries(tt: Timetable, n: int, seed: int) -> list[tuple[int, int, int]]:
    """Return random stop-to-stop queries leaving between 07:00 and 09:00."""
    rng = random.Random(seed)
    return [
        (rng.randrange(tt.n_stops), rng.randrange(tt.n_stops), rng.randint(7 * 3600, 9 * 3600))
        for _ in range(n)
    ]


def time_each(
    run: Callable[[int, int, int], object], qs: list[tuple[int, int, int]]
) -> list[float]:
    """Return the seconds each query took."""
    out = []
    for q in qs:
        t0 = time.perf_counter()
        run(*q)
        out.append(time.perf_counter() - t0)
    return out


def casa_runner(
    tt: Timetable, params: WalkParams, rounds: int
) -> Callable[[int, int, int], int | None]:
    """Return a function answering a stop-to-stop query with Casa's planner."""

    def run(a: int, b: int, depart: int) -> int | None:
        o = planner.endpoint(tt, float(tt.lat[a]), float(tt.lon[a]), params)
        d = planner.endpoint(tt, float(tt.lat[b]), float(tt.lon[b]), params)
        return planner.earliest_arrival(tt, o, d, depart, params, max_rounds=rounds)

    return run


def against_reference(name: str, tt: Timetable, n: int, n_ref: int) -> None:
    """Time Casa and the reference connection scan on the same queries."""
    qs = queries(tt, n, seed=1)
    # Unbounded transfers, as the reference: the search stops when a round improves nothing.
    run = casa_runner(tt, PARAMS, 64)
    run(*qs[0])  # warm the footpath cache
    casa = time_each(run, qs)
    ref = Reference.build(tt.stops, tt.trips, PARAMS)

    def ref_run(a: int, b: int, depart: int) -> int | None:
        return ref.earliest_arrival(
            (float(tt.lat[a]), float(tt.lon[a])), (float(tt.lat[b]), float(tt.lon[b])), depart
        )

    baseline = time_each(ref_run, qs[:n_ref])
    agree = sum(run(*q) == ref_run(*q) for q in qs[:n_ref])
    emit(
        f"transit_{name}",
        "earliest_arrival_median",
        statistics.median(casa) * 1000,
        "ms",
        statistics.median(baseline) * 1000,
        n,
        stops=tt.n_stops,
        trips=len(tt.trips),
        p95_ms=round(sorted(casa)[int(0.95 * len(casa))] * 1000, 3),
        baseline_name="reference connection scan (pure Python)",
        agree_with_reference=f"{agree}/{n_ref}",
    )


def against_pyraptor(name: str, tt: Timetable, n: int) -> None:
    """Time Casa and pyraptor, side by side, on the same feed and stop-to-stop queries."""
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        # pyraptor pins pandas 1.5, which needs numpy < 2: it gets an environment of its own.
        made = subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=False)
        if made.returncode == 0:
            pip = str(PEER_VENV / "bin" / "pip")
            subprocess.run(
                [pip, "install", "--quiet", "pyraptor==1.3.10", "numpy<2", "attrs"], check=False
            )
    usable = (
        python.exists()
        and not subprocess.run([str(python), "-c", "import pyraptor"], check=False).returncode
    )
    if not usable:
        emit(
            f"transit_{name}_pyraptor",
            "skipped",
            0,
            "",
            None,
            0,
            reason=f"pyraptor could not be installed in {PEER_VENV}",
        )
        return
    qs = queries(tt, n, seed=2)
    # pyraptor has stop-to-stop transfers only: no walking for either side.
    no_walk = WalkParams(max_walk_m=0.0, max_transfer_m=0.0)
    run = casa_runner(tt, no_walk, ROUNDS)
    run(*qs[0])
    casa = time_each(run, qs)
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        write_pyraptor_gtfs(tt.stops, tt.trips, tt.day, Path(tmp))
        payload = json.dumps([[tt.stops[a].stop_id, tt.stops[b].stop_id, t] for a, b, t in qs])
        proc = subprocess.run(
            [
                str(python),
                str(Path(__file__).parent / "transit_helpers" / "pyraptor_peer.py"),
                tmp,
                tt.day.strftime("%Y%m%d"),
                str(ROUNDS),
            ],
            input=payload,
            capture_output=True,
            text=True,
            check=True,
        )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    peer = [line["s"] for line in lines[1:]]
    same = sum(
        (line["arrival"] if line["arrival"] is not None and line["arrival"] < 10**9 else None)
        == run(*q)
        for line, q in zip(lines[1:], qs, strict=True)
    )
    emit(
        f"transit_{name}_pyraptor",
        "earliest_arrival_median",
        statistics.median(casa) * 1000,
        "ms",
        statistics.median(peer) * 1000,
        n,
        stops=tt.n_stops,
        trips=len(tt.trips),
        baseline_name="pyraptor 1.3.10 (McRAPTOR)",
        peer_build_s=round(lines[0]["build_s"], 2),
        same_arrival=f"{same}/{n}",
    )


def synthetic(side: int) -> Timetable:
    """Return the synthetic city's timetable."""
    schedule: Schedule = make_city(side)
    return build_timetable(schedule, DAY)


def main() -> None:
    """Run every transit planner figure."""
    WORK.mkdir(exist_ok=True)
    casa = build_timetable(casablanca_schedule(), WEEKDAY)
    against_reference("casablanca", casa, 300 if QUICK else 2000, 100 if QUICK else 500)
    t0 = time.perf_counter()
    big = synthetic(100)
    emit(
        "transit_synthetic",
        "timetable_build",
        time.perf_counter() - t0,
        "s",
        None,
        1,
        stops=big.n_stops,
        trips=len(big.trips),
    )
    against_reference("synthetic", big, 50 if QUICK else 200, 10 if QUICK else 30)
    against_pyraptor("casablanca", casa, 20 if QUICK else 100)
    against_pyraptor("synthetic_20x20", synthetic(20), 5 if QUICK else 20)


if __name__ == "__main__":
    main()
