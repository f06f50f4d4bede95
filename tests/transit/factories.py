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


def random_schedule(rng: random.Random, *, n_stops: int = 30, n_lines: int = 6) -> Schedule:
    """Return a random network: stops within 3 km, lines both ways, some trips overtaking."""
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
            runs = [rng.randint(60, 300) for _ in stops[1:]]
            first = rng.randint(6 * 3600, 7 * 3600)
            headway = rng.randint(300, 900)
            for n in range(rng.randint(3, 12)):
                factor = 0.5 if rng.random() < 0.15 else 1.0  # an express overtakes the others
                t = first + n * headway
                arr, dep = [t], [t]
                for run in runs:
                    t += round(run * factor)
                    arr.append(t)
                    t += rng.randint(0, 30)
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
