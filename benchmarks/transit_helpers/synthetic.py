"""A synthetic city feed for the planner benchmarks: a grid of stops crossed by lines both ways.

``python benchmarks/transit_helpers/synthetic.py [--side 100] [--out DIR]`` writes it as a
GTFS folder
with explicit trips and calendar dates (what pyraptor reads). Imported by the benchmarks to
build the same network in memory.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from datetime import date
from pathlib import Path

from casa.transit.gtfs import format_date, format_time
from casa.transit.schedule import Schedule, StopRec, TripRec

DAY = date(2026, 4, 20)
SPACING_M = 350.0
ORIGIN = (33.50, -7.70)


def make_city(side: int = 100, segment: int = 25, headway_s: int = 960, seed: int = 1) -> Schedule:
    """Return a ``side`` × ``side`` grid of stops; rows and columns are cut into lines."""
    rng = random.Random(seed)
    schedule = Schedule()
    dlat = SPACING_M / 111_195.0
    dlon = dlat / math.cos(math.radians(ORIGIN[0]))
    for r in range(side):
        for c in range(side):
            sid = f"s{r}_{c}"
            schedule.stops[sid] = StopRec(
                sid, f"Stop {r}-{c}", ORIGIN[0] + r * dlat, ORIGIN[1] + c * dlon
            )
    lines: list[list[str]] = []
    for r in range(side):
        for start in range(0, side - 1, segment - 1):
            cells = [f"s{r}_{c}" for c in range(start, min(start + segment, side))]
            if len(cells) > 1:
                lines.append(cells)
    for c in range(side):
        for start in range(0, side - 1, segment - 1):
            cells = [f"s{r}_{c}" for r in range(start, min(start + segment, side))]
            if len(cells) > 1:
                lines.append(cells)
    for n, stops in enumerate(lines):
        route = f"L{n}"
        for direction, seq in enumerate((stops, stops[::-1])):
            first = 5 * 3600 + rng.randrange(headway_s)
            k = 0
            while first + k * headway_s < 22 * 3600:
                t = first + k * headway_s
                arr, dep = [], []
                for i in range(len(seq)):
                    arr.append(t)
                    dep.append(t if i in (0, len(seq) - 1) else t + 20)
                    t = dep[-1] + 60
                schedule.trips.append(
                    TripRec(
                        f"{route}-{direction}-{k}",
                        route,
                        "S",
                        seq[-1],
                        direction,
                        tuple(seq),
                        tuple(arr),
                        tuple(dep),
                    )
                )
                k += 1
    schedule.exceptions[("S", DAY)] = 1
    return schedule


def write_gtfs(schedule: Schedule, out: Path) -> None:
    """Write a schedule as a GTFS folder with explicit trips, running on DAY only."""
    out.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows: object) -> None:
        with (out / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)  # type: ignore[arg-type]

    write(
        "agency.txt",
        ["agency_id", "agency_name", "agency_url", "agency_timezone"],
        [["A", "Synthetic", "https://casa.ma", "Africa/Casablanca"]],
    )
    write(
        "stops.txt",
        ["stop_id", "stop_name", "stop_lat", "stop_lon"],
        [[s.stop_id, s.name, f"{s.lat:.6f}", f"{s.lon:.6f}"] for s in schedule.stops.values()],
    )
    routes = sorted({t.route_id for t in schedule.trips})
    write(
        "routes.txt",
        ["route_id", "agency_id", "route_short_name", "route_type"],
        [[r, "A", r, 3] for r in routes],
    )
    write(
        "trips.txt",
        ["route_id", "service_id", "trip_id", "trip_headsign", "direction_id"],
        [[t.route_id, t.service_id, t.trip_id, t.headsign, t.direction] for t in schedule.trips],
    )
    write(
        "calendar_dates.txt",
        ["service_id", "date", "exception_type"],
        [[sid, format_date(d), kind] for (sid, d), kind in schedule.exceptions.items()],
    )
    write(
        "stop_times.txt",
        ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"],
        (
            [t.trip_id, format_time(a), format_time(d), s, i + 1]
            for t in schedule.trips
            for i, (s, a, d) in enumerate(zip(t.stops, t.arr, t.dep, strict=True))
        ),
    )


def main() -> None:
    """Write the synthetic city as a GTFS folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--side", type=int, default=100)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent.parent / ".work" / "synthetic"
    )
    args = parser.parse_args()
    schedule = make_city(args.side)
    write_gtfs(schedule, args.out)
    print(f"{len(schedule.stops)} stops, {len(schedule.trips)} trips -> {args.out}")


if __name__ == "__main__":
    main()
