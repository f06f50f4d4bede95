"""Write a day of a schedule as the GTFS pyraptor reads: explicit trips, calendar dates only,
every stop its own station (pyraptor drops stops without a parent station)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from casa.transit.gtfs import format_date, format_time
from casa.transit.schedule import StopRec, TripRec

AGENCY = "Casa"


def write_pyraptor_gtfs(
    stops: Sequence[StopRec], trips: Sequence[TripRec], day: date, out: Path
) -> None:
    """Write the trips of one day (times after midnight) as a GTFS folder for pyraptor."""
    out.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows: object) -> None:
        with (out / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)  # type: ignore[arg-type]

    write(
        "agency.txt",
        ["agency_id", "agency_name", "agency_url", "agency_timezone"],
        [["A", AGENCY, "https://casa.ma", "Africa/Casablanca"]],
    )
    write(
        "stops.txt",
        [
            "stop_id",
            "stop_name",
            "stop_lat",
            "stop_lon",
            "location_type",
            "parent_station",
            "platform_code",
            "stop_code",
        ],
        [
            row
            for s in stops
            for row in (
                [
                    s.stop_id,
                    s.stop_id,
                    f"{s.lat:.6f}",
                    f"{s.lon:.6f}",
                    0,
                    f"P{s.stop_id}",
                    "1",
                    "c",
                ],
                [f"P{s.stop_id}", s.stop_id, f"{s.lat:.6f}", f"{s.lon:.6f}", 1, "", "", "c"],
            )
        ],
    )
    routes = sorted({t.route_id for t in trips})
    write(
        "routes.txt",
        ["route_id", "agency_id", "route_short_name", "route_long_name", "route_type"],
        [[r, "A", r, r, 3] for r in routes],
    )
    write(
        "trips.txt",
        ["route_id", "service_id", "trip_id", "trip_short_name", "trip_long_name"],
        [[t.route_id, "DAY", t.trip_id, n, t.headsign] for n, t in enumerate(trips)],
    )
    write(
        "calendar_dates.txt",
        ["service_id", "date", "exception_type"],
        [["DAY", format_date(day), 1]],
    )
    write(
        "stop_times.txt",
        ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"],
        (
            [t.trip_id, format_time(a), format_time(d), s, i + 1]
            for t in trips
            if min(t.arr) >= 0
            for i, (s, a, d) in enumerate(zip(t.stops, t.arr, t.dep, strict=True))
        ),
    )
