"""A feed's schedule in memory: stops, lines, trips with their times, and which days they run.

Built from a parsed GTFS feed or from the database; the planner's timetable is made from it
for one service day.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from casa.transit.exceptions import FeedInvalid, FeedProblem
from casa.transit.gtfs import Feed, Row
from casa.transit.gtfs_schema import DAYS


@dataclass(frozen=True, slots=True)
class StopRec:
    """A stop, station or other node of a feed."""

    stop_id: str
    name: str
    lat: float
    lon: float
    location_type: int = 0
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class RouteRec:
    """A line."""

    route_id: str
    short_name: str
    long_name: str
    route_type: int
    color: str | None = None
    text_color: str | None = None
    agency_id: str | None = None


@dataclass(frozen=True, slots=True)
class TripRec:
    """A trip with its stops and times (seconds after the service day's midnight)."""

    trip_id: str
    route_id: str
    service_id: str
    headsign: str
    direction: int | None
    stops: tuple[str, ...]
    arr: tuple[int, ...]
    dep: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Frequency:
    """A trip repeated every ``headway`` seconds from ``start`` (included) to ``end`` (excluded)."""

    start: int
    end: int
    headway: int
    exact: bool


@dataclass
class Schedule:
    """Everything the planner and the departures need from one or more feeds."""

    stops: dict[str, StopRec] = field(default_factory=dict)
    routes: dict[str, RouteRec] = field(default_factory=dict)
    trips: list[TripRec] = field(default_factory=list)
    frequencies: dict[str, list[Frequency]] = field(default_factory=dict)
    weekly: dict[str, tuple[str, date, date]] = field(default_factory=dict)
    exceptions: dict[tuple[str, date], int] = field(default_factory=dict)

    def active_services(self, day: date) -> set[str]:
        """Return the services that run on a day, calendar exceptions applied."""
        active = {
            service
            for service, (days, first, last) in self.weekly.items()
            if first <= day <= last and days[day.weekday()] == "1"
        }
        for (service, when), kind in self.exceptions.items():
            if when == day:
                if kind == 1:
                    active.add(service)
                else:
                    active.discard(service)
        return active

    def expanded_trips(self, services: set[str]) -> list[TripRec]:
        """Return the trips of some services, each frequency-based trip repeated at its headway."""
        result: list[TripRec] = []
        for trip in self.trips:
            if trip.service_id not in services:
                continue
            spans = self.frequencies.get(trip.trip_id)
            if not spans:
                result.append(trip)
                continue
            base = trip.dep[0]
            for span in spans:
                for start in range(span.start, span.end, span.headway):
                    shift = start - base
                    result.append(
                        TripRec(
                            trip_id=f"{trip.trip_id}@{start}",
                            route_id=trip.route_id,
                            service_id=trip.service_id,
                            headsign=trip.headsign,
                            direction=trip.direction,
                            stops=trip.stops,
                            arr=tuple(t + shift for t in trip.arr),
                            dep=tuple(t + shift for t in trip.dep),
                        )
                    )
        return result

    def merge(self, other: Schedule) -> None:
        """Add another feed's schedule to this one."""
        self.stops.update(other.stops)
        self.routes.update(other.routes)
        self.trips.extend(other.trips)
        self.frequencies.update(other.frequencies)
        self.weekly.update(other.weekly)
        self.exceptions.update(other.exceptions)


def interpolate_times(
    rows: list[Row], problems: list[FeedProblem]
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Return a trip's arrival and departure times, filling the gaps between timed stops.

    ``rows`` are the trip's stop_times rows sorted by ``stop_sequence``; problems found are
    appended to ``problems`` and None is returned.
    """
    arr: list[int | None] = []
    dep: list[int | None] = []
    for row in rows:
        a, d = row.get("arrival_time"), row.get("departure_time")
        arr.append(a if a is not None else d)
        dep.append(d if d is not None else a)
    if arr[0] is None or arr[-1] is None:
        bad = rows[0] if arr[0] is None else rows[-1]
        problems.append(
            FeedProblem(
                "stop_times.txt",
                bad["_line"],
                "arrival_time",
                "the first and last stops of a trip need times",
            )
        )
        return None
    known = [i for i, t in enumerate(arr) if t is not None]
    for lo, hi in itertools.pairwise(known):
        start, end = dep[lo], arr[hi]
        assert start is not None and end is not None
        for i in range(lo + 1, hi):
            t = start + round((end - start) * (i - lo) / (hi - lo))
            arr[i] = dep[i] = t
    previous = -1
    for row, a, d in zip(rows, arr, dep, strict=True):
        assert a is not None and d is not None
        if a < previous or d < a:
            problems.append(
                FeedProblem(
                    "stop_times.txt",
                    row["_line"],
                    "arrival_time",
                    "times go backwards along the trip",
                )
            )
            return None
        previous = d
    return tuple(int(t) for t in arr if t is not None), tuple(int(t) for t in dep if t is not None)


def schedule_from_feed(feed: Feed, prefix: str = "") -> Schedule:
    """Return the schedule of a parsed feed; ids get ``prefix`` to keep feeds apart."""
    problems: list[FeedProblem] = []
    schedule = Schedule()
    for row in feed.rows("stops.txt"):
        schedule.stops[prefix + row["stop_id"]] = StopRec(
            stop_id=prefix + row["stop_id"],
            name=str(row.get("stop_name") or row["stop_id"]),
            lat=row.get("stop_lat", 0.0),
            lon=row.get("stop_lon", 0.0),
            location_type=row.get("location_type", 0),
            parent=prefix + row["parent_station"] if row.get("parent_station") else None,
        )
    for row in feed.rows("routes.txt"):
        schedule.routes[prefix + row["route_id"]] = RouteRec(
            route_id=prefix + row["route_id"],
            short_name=row.get("route_short_name", ""),
            long_name=row.get("route_long_name", ""),
            route_type=row["route_type"],
            color=row.get("route_color"),
            text_color=row.get("route_text_color"),
            agency_id=row.get("agency_id"),
        )
    times: dict[str, list[Row]] = defaultdict(list)
    for row in feed.rows("stop_times.txt"):
        times[row["trip_id"]].append(row)
    for row in feed.rows("trips.txt"):
        stops = sorted(times.get(row["trip_id"], []), key=lambda r: r["stop_sequence"])
        if len(stops) < 2:
            continue
        timed = interpolate_times(stops, problems)
        if timed is None:
            continue
        schedule.trips.append(
            TripRec(
                trip_id=prefix + row["trip_id"],
                route_id=prefix + row["route_id"],
                service_id=prefix + row["service_id"],
                headsign=row.get("trip_headsign", ""),
                direction=row.get("direction_id"),
                stops=tuple(prefix + s["stop_id"] for s in stops),
                arr=timed[0],
                dep=timed[1],
            )
        )
    for row in feed.rows("frequencies.txt"):
        schedule.frequencies.setdefault(prefix + row["trip_id"], []).append(
            Frequency(
                row["start_time"],
                row["end_time"],
                row["headway_secs"],
                bool(row.get("exact_times", 0)),
            )
        )
    for row in feed.rows("calendar.txt"):
        days = "".join(str(row[d]) for d in DAYS)
        schedule.weekly[prefix + row["service_id"]] = (days, row["start_date"], row["end_date"])
    for row in feed.rows("calendar_dates.txt"):
        schedule.exceptions[(prefix + row["service_id"], row["date"])] = row["exception_type"]
    if problems:
        raise FeedInvalid(problems)
    return schedule
