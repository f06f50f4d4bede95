"""Lines and stops as people look at them: map features, the lines calling at each stop, and a
line's first and last departures and headways on a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from casa.transit.schedule import RouteRec

if TYPE_CHECKING:
    from casa.transit.service import Network

MODES = {0: "tram", 1: "metro", 2: "rail", 3: "bus", 4: "ferry"}


def _colour(route: RouteRec) -> str:
    return f"#{route.color}" if route.color else "#0b4f8a"


def lines_at_stops(net: Network) -> dict[str, list[str]]:
    """Return, for every stop and station, the ids of the lines calling there, in line order."""
    order = {rid: i for i, rid in enumerate(net.schedule.routes)}
    calling: dict[str, set[str]] = {}
    for trip in net.schedule.trips:
        for stop in trip.stops:
            calling.setdefault(stop, set()).add(trip.route_id)
            parent = net.schedule.stops[stop].parent
            if parent is not None:
                calling.setdefault(parent, set()).add(trip.route_id)
    return {s: sorted(r, key=lambda x: order.get(x, 0)) for s, r in calling.items()}


def longest_patterns(net: Network, route_id: str) -> dict[int, tuple[str, ...]]:
    """Return a line's stop ids in order, by direction (the trip with the most stops of each)."""
    longest: dict[int, tuple[str, ...]] = {}
    for trip in net.schedule.trips:
        if trip.route_id == route_id:
            d = trip.direction or 0
            if len(trip.stops) > len(longest.get(d, ())):
                longest[d] = trip.stops
    return dict(sorted(longest.items()))


def lines_geojson(net: Network) -> dict[str, Any]:
    """Return the lines as GeoJSON LineStrings through their stops (first direction)."""
    features = []
    for rid, route in net.schedule.routes.items():
        patterns = longest_patterns(net, rid)
        if not patterns:
            continue
        stops = [net.schedule.stops[s] for s in next(iter(patterns.values()))]
        features.append(
            {
                "type": "Feature",
                "id": rid,
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[s.lon, s.lat] for s in stops],
                },
                "properties": {
                    "id": rid,
                    "short_name": route.short_name,
                    "long_name": route.long_name,
                    "mode": MODES.get(route.route_type, "other"),
                    "color": _colour(route),
                    "url": f"/transit/lines/{rid}",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def stops_geojson(net: Network) -> dict[str, Any]:
    """Return the platforms as GeoJSON points, with the lines calling at each."""
    calling = lines_at_stops(net)
    routes = net.schedule.routes
    features = []
    for sid, stop in net.schedule.stops.items():
        if stop.location_type != 0 or sid not in calling:
            continue
        lines = calling[sid]
        features.append(
            {
                "type": "Feature",
                "id": sid,
                "geometry": {"type": "Point", "coordinates": [stop.lon, stop.lat]},
                "properties": {
                    "id": sid,
                    "name": stop.name,
                    "lines": [routes[r].short_name for r in lines if r in routes],
                    "color": _colour(routes[lines[0]]) if lines[0] in routes else "#0b4f8a",
                    "url": f"/transit/stops/{stop.parent or sid}",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True, slots=True)
class Band:
    """Departures every ``headway_s`` seconds from ``start`` to ``end`` (seconds of the day)."""

    start: int
    end: int
    headway_s: int


@dataclass(frozen=True, slots=True)
class DirectionService:
    """A direction of a line on a day: where it goes, first and last departures, headways."""

    direction: int
    headsign: str
    first: int | None
    last: int | None
    bands: tuple[Band, ...]


def service_on(net: Network, route_id: str, day: date) -> list[DirectionService]:
    """Return a line's first and last departures and its headways on a day, by direction."""
    tt = net.timetable(day)
    starts: dict[int, list[int]] = {}
    headsigns: dict[int, str] = {}
    for trip in tt.trips:
        if trip.route_id == route_id and not trip.trip_id.endswith("~"):
            d = trip.direction or 0
            starts.setdefault(d, []).append(trip.dep[0])
            headsigns.setdefault(d, trip.headsign)
    result = []
    for d in sorted(longest_patterns(net, route_id)):
        times = sorted(set(starts.get(d, [])))
        bands: list[Band] = []
        for a, b in pairwise(times):
            gap = b - a
            if bands and bands[-1].headway_s == gap and bands[-1].end == a:
                bands[-1] = Band(bands[-1].start, b, gap)
            else:
                bands.append(Band(a, b, gap))
        # A lone gap between two headways is the switch from one to the other, not a band.
        kept: list[Band] = []
        for band in bands:
            if kept and band.end - band.start == band.headway_s:
                kept[-1] = Band(kept[-1].start, band.end, kept[-1].headway_s)
            else:
                kept.append(band)
        result.append(
            DirectionService(
                direction=d,
                headsign=headsigns.get(d, ""),
                first=times[0] if times else None,
                last=times[-1] if times else None,
                bands=tuple(kept),
            )
        )
    return result
