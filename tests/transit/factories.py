"""Small random networks for property tests, and the bundled Casablanca schedule."""

from __future__ import annotations

import random
from datetime import date
from functools import lru_cache
from pathlib import Path

from casa.transit import feed
from casa.transit.gtfs import read_feed
from casa.transit.schedule import Schedule, StopRec, TripRec, schedule_from_feed

CENTRE = (33.57, -7.60)
WEEKDAY = date(2026, 4, 20)
SATURDAY = date(2026, 4, 18)


@lru_cache(maxsize=1)
def casablanca_schedule() -> Schedule:
    """Return the schedule of the bundled Casablanca feed, read back from its zip."""
    path = Path(__file__).parent / ".casablanca.zip"
    return _read(feed.build_zip(), path)


def _read(data: bytes, path: Path) -> Schedule:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        zpath = Path(tmp) / path.name
        zpath.write_bytes(data)
        return schedule_from_feed(read_feed(zpath))


def random_schedule(
    rng: random.Random, *, n_stops: int = 30, n_lines: int = 6, step: int = 1
) -> Schedule:
    """Return a random network: stops within 3 km, lines both ways, some trips overtaking.

    Every time is a multiple of ``step`` seconds: 60 writes the timetable to the minute, as
    real feeds are, so that trips often tie (reach a stop at the same time). The default draws
    the same network from a seed as before the option existed.
    """
    schedule = Schedule()
    for i in range(n_stops):
        schedule.stops[f"s{i}"] = StopRec(
            f"s{i}",
            f"Stop {i}",
            CENTRE[0] + rng.uniform(-0.015, 0.015),
            CENTRE[1] + rng.uniform(-0.015, 0.015),
        )
    ids = list(schedule.stops)
    for line in range(n_lines):
        route = f"L{line}"
        path = rng.sample(ids, rng.randint(3, min(10, n_stops)))
        for direction, stops in enumerate((path, path[::-1])):
            runs = [_snap(rng.randint(60, 300), step) for _ in stops[1:]]
            first = _snap(rng.randint(6 * 3600, 7 * 3600), step)
            headway = _snap(rng.randint(300, 900), step)
            for n in range(rng.randint(3, 12)):
                factor = 0.5 if rng.random() < 0.15 else 1.0  # an express overtakes the others
                t = first + n * headway
                arr, dep = [t], [t]
                for run in runs:
                    t += _snap(run * factor, step)
                    arr.append(t)
                    t += step * round(rng.randint(0, 30) / step)
                    dep.append(t)
                dep[-1] = arr[-1]
                schedule.trips.append(
                    TripRec(
                        f"{route}-{direction}-{n}",
                        route,
                        "S",
                        stops[-1],
                        direction,
                        tuple(stops),
                        tuple(arr),
                        tuple(dep),
                    )
                )
    schedule.weekly["S"] = ("1111111", date(2026, 1, 1), date(2026, 12, 31))
    return schedule


def _snap(seconds: float, step: int) -> int:
    """Return a duration rounded to a multiple of the step (at least one step)."""
    return max(step, step * round(seconds / step))
