"""Transit services: the loaded network, places, journeys, departures, lines and stops.

The network (schedule, fare rules and each day's timetables) is read from the database once
per process and read again when a feed is loaded or replaced.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from casa.core.clock import CASABLANCA
from casa.core.geo import valid_latlon
from casa.transit import alerts, fares, planner
from casa.transit.exceptions import InvalidTime, LineNotFound, NoFeed, PlaceNotFound, StopNotFound
from casa.transit.importer import _prefixes, feeds_token, load_schedule
from casa.transit.schedule import RouteRec, Schedule, StopRec
from casa.transit.timetable import DAY, Timetable, WalkParams, build_timetable

MAX_TIMETABLES = 8
#: Searches run again while a journey uses a stop that closes on its way; this bounds them.
MAX_CLOSURE_PASSES = 6
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass
class Network:
    """Everything loaded, with the timetables built so far (by day and direction)."""

    token: tuple[Any, ...]
    schedule: Schedule
    rules: fares.FareRules
    timetables: dict[tuple[date, bool], Timetable] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timetable(self, day: date, *, reverse: bool = False) -> Timetable:
        """Return the timetable of a day (mirrored for arrive-by searches), built once."""
        with self.lock:
            key = (day, reverse)
            if key not in self.timetables:
                if reverse:
                    tt = self.timetable_unlocked(day).mirrored()
                else:
                    tt = self.timetable_unlocked(day)
                if len(self.timetables) >= MAX_TIMETABLES:
                    self.timetables.pop(next(iter(self.timetables)))
                self.timetables[key] = tt
            return self.timetables[key]

    def timetable_unlocked(self, day: date) -> Timetable:
        forward = self.timetables.get((day, False))
        if forward is None:
            forward = build_timetable(self.schedule, day)
            self.timetables[(day, False)] = forward
        return forward


_networks: dict[str, Network] = {}
_networks_lock = threading.Lock()


def network(*, session: Session) -> Network:
    """Return the loaded network, read again if a feed changed since; raise NoFeed if none."""
    token = feeds_token(session=session)
    if not token[0]:
        raise NoFeed()
    url = str(session.get_bind().engine.url)
    with _networks_lock:
        cached = _networks.get(url)
        if cached is not None and cached.token == token:
            return cached
    schedule = load_schedule(session=session)
    rules = fares.load_rules(session=session, prefixes=_prefixes(session))
    names = {normalize(s.name): sid for sid, s in schedule.stops.items() if s.parent is None}
    built = Network(token, schedule, rules, names=names)
    with _networks_lock:
        _networks[url] = built
    return built


def normalize(text: str) -> str:
    """Return a name without accents, case or punctuation, for matching."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved origin or destination."""

    name: str
    lat: float
    lon: float
    stop_id: str | None = None
    kind: str = "point"


def resolve_place(*, session: Session, net: Network, text: str, field: str = "from") -> Place:
    """Resolve "lat,lon", a stop id, a stop name or a place of the city gazetteer to a point."""
    stops = net.schedule.stops
    match = _LATLON.match(text)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if not valid_latlon(lat, lon):
            raise PlaceNotFound(text=text, field=field)
        return Place(f"{lat:.5f},{lon:.5f}", lat, lon)
    if text in stops:
        return _stop_place(stops[text])
    key = normalize(text)
    if key in net.names:
        return _stop_place(stops[net.names[key]])
    place = _gazetteer(session, text)
    if place is not None:
        return place
    hit = process.extractOne(key, list(net.names), scorer=fuzz.WRatio, score_cutoff=85)
    if hit is not None:
        return _stop_place(stops[net.names[hit[0]]])
    raise PlaceNotFound(text=text, field=field)


def _stop_place(stop: StopRec) -> Place:
    return Place(stop.name, stop.lat, stop.lon, stop.stop_id, "stop")


def _gazetteer(session: Session, text: str) -> Place | None:
    """Ask the city gazetteer for a place name, when the city service offers it."""
    try:
        from casa.city import service as city
    except ImportError:
        return None
    geocode = getattr(city, "geocode", None)
    if geocode is None:
        return None
    found = geocode(session=session, text=text)
    if found is None or getattr(found, "lat", None) is None or getattr(found, "lon", None) is None:
        return None
    name = getattr(found, "name_fr", None) or text
    return Place(str(name), float(found.lat), float(found.lon), None, "place")


def parse_when(text: str | None, *, now: datetime, day: date | None = None) -> datetime:
    """Return an aware Casablanca time from "HH:MM", an ISO date-time, or now when empty."""
    local_now = now.astimezone(CASABLANCA)
    if not text:
        return local_now
    try:
        if re.fullmatch(r"\d{1,2}:\d{2}", text.strip()):
            clock = time.fromisoformat(text.strip().zfill(5))
            return datetime.combine(day or local_now.date(), clock, tzinfo=CASABLANCA)
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidTime(text=text) from None
    if not 2000 <= parsed.year <= 2100:
        raise InvalidTime(text=text)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=CASABLANCA)
    return parsed.astimezone(CASABLANCA)


def seconds_of_day(at: datetime) -> int:
    """Return the seconds after local midnight of a Casablanca time."""
    return at.hour * 3600 + at.minute * 60 + at.second


def instant(day: date, seconds: int) -> datetime:
    """Return the Casablanca time of a service day's second (past 24:00 rolls over)."""
    midnight = datetime.combine(day, time(0), tzinfo=CASABLANCA)
    return (midnight + timedelta(seconds=seconds)).astimezone(CASABLANCA)


@dataclass(frozen=True, slots=True)
class PlannedJourney:
    """A journey with the timetable it was planned on, its day, its fare and its alerts."""

    journey: planner.Journey
    timetable: Timetable
    day: date
    fare: fares.FareQuote | None
    alerts: tuple[alerts.Alert, ...] = ()


def plan(
    *,
    session: Session,
    origin: str,
    destination: str,
    when: datetime,
    arrive_by: bool = False,
    window_min: int = 0,
    params: WalkParams | None = None,
) -> tuple[Place, Place, list[PlannedJourney]]:
    """Plan journeys between two places: leaving at (or between) times, or arriving by one."""
    params = params or WalkParams()
    net = network(session=session)
    a = resolve_place(session=session, net=net, text=origin, field="from")
    b = resolve_place(session=session, net=net, text=destination, field="to")
    local = when.astimezone(CASABLANCA)
    day = local.date()
    secs = seconds_of_day(local)
    tt = net.timetable(day)
    o = planner.endpoint(tt, a.lat, a.lon, params)
    d = planner.endpoint(tt, b.lat, b.lon, params)
    posted = alerts.alerts_between(
        session=session, start=instant(day, 0), end=instant(day, 2 * DAY)
    )
    shut = alerts.closure_windows(tt, day, alerts.closures(posted, net.schedule))

    def search(closed: planner.Closed) -> list[planner.Journey]:
        if arrive_by:
            mirrored = net.timetable(day, reverse=True)
            return planner.arrive_by(mirrored, o, d, secs, params, closed=closed)
        if window_min > 0:
            end = secs + window_min * 60
            return planner.depart_between(tt, o, d, secs, end, params, closed=closed)
        return planner.depart_at(tt, o, d, secs, params, closed=closed)

    closed = np.zeros(tt.n_stops, dtype=bool)
    for stops, start, end in shut:
        if start <= secs < end:
            closed[stops] = True
    found = search(closed)
    for _ in range(MAX_CLOSURE_PASSES):
        # A stop that closes later in the day is avoided only by the journeys that reach it then.
        hit = alerts.closed_stops_used(found, shut, tt.n_stops) & ~closed
        if not hit.any():
            break
        closed |= hit
        found = search(closed)
    found = [j for j in found if not alerts.closed_stops_used([j], shut, tt.n_stops).any()]
    journeys = [
        PlannedJourney(
            j,
            tt,
            day,
            fares.quote(
                net.rules,
                [(leg.trip.route_id, leg.start) for leg in j.legs if leg.trip is not None],
            ),
            alerts.journey_alerts(j, day, posted, net.schedule),
        )
        for j in found
    ]
    return a, b, journeys


def route_of(net: Network, route_id: str) -> RouteRec:
    """Return a line by id."""
    route = net.schedule.routes.get(route_id)
    if route is None:
        raise LineNotFound(line_id=route_id)
    return route


def stop_of(net: Network, stop_id: str) -> StopRec:
    """Return a stop or station by id."""
    stop = net.schedule.stops.get(stop_id)
    if stop is None:
        raise StopNotFound(stop_id=stop_id)
    return stop


def line_stops(net: Network, route_id: str) -> dict[int, list[StopRec]]:
    """Return a line's stops in order, by direction (the trip with the most stops of each)."""
    route_of(net, route_id)
    longest: dict[int, tuple[str, ...]] = {}
    for trip in net.schedule.trips:
        if trip.route_id == route_id:
            d = trip.direction or 0
            if len(trip.stops) > len(longest.get(d, ())):
                longest[d] = trip.stops
    return {d: [net.schedule.stops[s] for s in stops] for d, stops in sorted(longest.items())}


@dataclass(frozen=True, slots=True)
class Departure:
    """A vehicle leaving a stop."""

    route_id: str
    headsign: str
    direction: int | None
    stop_id: str
    at: datetime


def departures(
    *, session: Session, stop_id: str, when: datetime, limit: int = 10, window_h: int = 3
) -> tuple[StopRec, list[Departure]]:
    """Return the next departures at a stop (a station's platforms included), calendar applied."""
    net = network(session=session)
    stop = stop_of(net, stop_id)
    local = when.astimezone(CASABLANCA)
    day = local.date()
    secs = seconds_of_day(local)
    tt = net.timetable(day)
    members = {
        sid for sid, s in net.schedule.stops.items() if sid == stop_id or s.parent == stop_id
    }
    found: list[tuple[int, str, int]] = []
    for sid in members:
        i = tt.stop_index.get(sid)
        if i is None:
            continue
        for p in tt.stop_pos[tt.stop_pos_ptr[i] : tt.stop_pos_ptr[i + 1]]:
            r = int(tt.pos_route[p])
            if int(p) + 1 == int(tt.route_ptr[r + 1]):
                continue  # the terminus: nobody departs from the last stop
            lo, n = int(tt.colstart[p]), int(tt.pos_ntrips[p])
            col = tt.dep[lo : lo + n] - tt.origin
            for t in range(n):
                if secs <= col[t] <= secs + window_h * 3600:
                    found.append((int(col[t]), sid, int(tt.trip_ptr[r]) + t))
    found.sort()
    result = []
    for when_s, sid, g in found[:limit]:
        trip = tt.trips[g]
        result.append(
            Departure(trip.route_id, trip.headsign, trip.direction, sid, instant(day, when_s))
        )
    return stop, result


def load_bundled(*, session: Session, now: datetime) -> str:
    """Load the Casablanca feed built from the bundled facts, unless that very feed is loaded."""
    import tempfile
    from pathlib import Path

    from sqlalchemy import select

    from casa.transit import feed as casablanca
    from casa.transit import models as m
    from casa.transit.importer import import_feed

    data = casablanca.build_zip()
    loaded = session.scalar(
        select(m.TransitFeed.feed_version).where(m.TransitFeed.name == casablanca.FEED_NAME)
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{casablanca.FEED_NAME}.zip"
        path.write_bytes(data)
        from casa.transit.gtfs import read_feed

        version = read_feed(path).rows("feed_info.txt")[0].get("feed_version")
        if loaded is not None and loaded == version:
            return f"feed {casablanca.FEED_NAME!r} already loaded ({version})"
        report = import_feed(session=session, path=path, name=casablanca.FEED_NAME, now=now)
    return str(report)
