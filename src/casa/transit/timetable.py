"""The planner's timetable for one service day, as flat NumPy arrays.

Trips that serve the same stops in the same order without overtaking form a *route* (a RAPTOR
route, finer than a line). Each route's departures and arrivals are stored column by column
(one column per stop of the route, trips in order), so that "the first trip leaving this stop
of this route at or after t" for every stop at once is one ``searchsorted`` over
``position * BIG + departure``.

Times are kept as ``origin + sign * seconds`` so that the same code searches forwards (depart
at) and, on the mirrored timetable, backwards (arrive by).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from casa.core.geo import PointIndex, haversine_m
from casa.transit.schedule import Schedule, StopRec, TripRec

DAY = 86_400
BIG = 1 << 21  # above any internal time (they stay below 5 days)
INF = np.int64(1) << np.int64(50)
FOOTPATH_RADIUS_M = 500.0

I64 = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class WalkParams:
    """How people walk: speed, detour over the straight line, and the longest walks accepted."""

    speed_mps: float = 1.25
    detour: float = 1.3
    max_walk_m: float = 800.0
    max_transfer_m: float = FOOTPATH_RADIUS_M
    transfer_slack_s: int = 60


def walk_seconds(distance_m: float, params: WalkParams) -> int:
    """Return the time to walk a straight-line distance, detour included, in whole seconds."""
    return math.ceil(distance_m * params.detour / params.speed_mps)


class Timetable:
    """One service day's trips as arrays, with the footpaths between nearby stops."""

    def __init__(
        self,
        *,
        stops: Sequence[StopRec],
        trips: Sequence[TripRec],
        day: date,
        reverse: bool = False,
        footpath_radius_m: float = FOOTPATH_RADIUS_M,
        footpaths: tuple[I64, I64, NDArray[np.float64]] | None = None,
    ) -> None:
        self.day = day
        self.reverse = reverse
        self.sign = -1 if reverse else 1
        self.origin = 4 * DAY if reverse else DAY
        self.stops = list(stops)
        self.stop_index = {s.stop_id: i for i, s in enumerate(self.stops)}
        self.n_stops = len(self.stops)
        self.lat = np.array([s.lat for s in self.stops], dtype=np.float64)
        self.lon = np.array([s.lon for s in self.stops], dtype=np.float64)
        self.point_index = (
            PointIndex(list(zip(self.lat, self.lon, strict=True))) if self.stops else None
        )
        self.footpath_radius_m = footpath_radius_m
        self._build_routes(trips)
        if footpaths is None:
            footpaths = self._footpaths(footpath_radius_m)
        self.fp_ptr, self.fp_to, self.fp_dist = footpaths
        self.fp_from = np.repeat(np.arange(self.n_stops, dtype=np.int64), np.diff(self.fp_ptr))
        self._walk_cache: dict[WalkParams, I64] = {}

    # --- construction -------------------------------------------------------------------------

    def _build_routes(self, trips: Sequence[TripRec]) -> None:
        groups: dict[tuple[str, tuple[str, ...]], list[TripRec]] = defaultdict(list)
        for trip in trips:
            if all(s in self.stop_index for s in trip.stops):
                groups[(trip.route_id, trip.stops)].append(trip)
        routes: list[tuple[list[int], list[TripRec], I64, I64]] = []
        for (_, stop_ids), members in sorted(groups.items()):
            members.sort(key=lambda t: (t.dep[0], t.arr[-1]))
            dep = np.array([t.dep for t in members], dtype=np.int64)
            arr = np.array([t.arr for t in members], dtype=np.int64)
            # Split the trips into sub-routes in which no trip overtakes another.
            lanes: list[list[int]] = []
            for i in range(len(members)):
                for lane in lanes:
                    j = lane[-1]
                    if np.all(dep[i] >= dep[j]) and np.all(arr[i] >= arr[j]):
                        lane.append(i)
                        break
                else:
                    lanes.append([i])
            stop_idx = [self.stop_index[s] for s in stop_ids]
            for lane in lanes:
                routes.append((stop_idx, [members[i] for i in lane], dep[lane], arr[lane]))

        self.trips: list[TripRec] = []
        self.route_line: list[str] = []
        pos_stop: list[int] = []
        pos_route: list[int] = []
        route_ptr = [0]
        trip_ptr = [0]
        colstart: list[int] = []
        dep_cols: list[I64] = []
        arr_cols: list[I64] = []
        offset = 0
        for r, (stop_idx, members, dep, arr) in enumerate(routes):
            n_trips = len(members)
            if self.reverse:
                # No trip of a lane overtakes another, so every column is sorted forwards and
                # the lane read backwards keeps every mirrored column sorted. (Sorting on one
                # column would not: trips that tie there may come out in the wrong order.)
                stop_idx = stop_idx[::-1]
                dep, arr = (self.origin - arr[::-1, ::-1], self.origin - dep[::-1, ::-1])
                members = members[::-1]
            else:
                dep, arr = dep + self.origin, arr + self.origin
            self.trips.extend(members)
            self.route_line.append(members[0].route_id)
            for i, s in enumerate(stop_idx):
                pos_stop.append(s)
                pos_route.append(r)
                colstart.append(offset)
                dep_cols.append(dep[:, i])
                arr_cols.append(arr[:, i])
                offset += n_trips
            route_ptr.append(len(pos_stop))
            trip_ptr.append(trip_ptr[-1] + n_trips)
        self.n_routes = len(routes)
        self.pos_stop = np.array(pos_stop, dtype=np.int64)
        self.pos_route = np.array(pos_route, dtype=np.int64)
        self.route_ptr = np.array(route_ptr, dtype=np.int64)
        self.trip_ptr = np.array(trip_ptr, dtype=np.int64)
        self.colstart = np.array(colstart, dtype=np.int64)
        self.dep = np.concatenate(dep_cols) if dep_cols else np.zeros(0, dtype=np.int64)
        self.arr = np.concatenate(arr_cols) if arr_cols else np.zeros(0, dtype=np.int64)
        n_pos = len(pos_stop)
        self.n_positions = n_pos
        self.pos_index = np.arange(n_pos, dtype=np.int64) - self.route_ptr[self.pos_route]
        self.pos_ntrips = np.diff(self.trip_ptr)[self.pos_route] if n_pos else np.zeros(0, np.int64)
        self.keys = np.repeat(np.arange(n_pos, dtype=np.int64) * BIG, self.pos_ntrips) + self.dep
        # Positions that have a position before them on their route (where one can alight).
        self.pos_first = np.zeros(n_pos, dtype=bool)
        self.pos_first[self.route_ptr[:-1][np.diff(self.route_ptr) > 0]] = True
        # Segmented running minimum: later routes get smaller offsets so nothing leaks forward.
        self.max_trips = int(self.pos_ntrips.max()) + 1 if n_pos else 1
        self.seg_offset = (self.n_routes - self.pos_route) * np.int64(self.max_trips)
        order = np.argsort(self.pos_stop, kind="stable")
        self.stop_pos = order.astype(np.int64)
        self.stop_pos_ptr = np.searchsorted(self.pos_stop[order], np.arange(self.n_stops + 1))

    def _footpaths(self, radius_m: float) -> tuple[I64, I64, NDArray[np.float64]]:
        targets: list[list[int]] = [[] for _ in range(self.n_stops)]
        dists: list[list[float]] = [[] for _ in range(self.n_stops)]
        if self.point_index is not None:
            for i, s in enumerate(self.stops):
                for j in self.point_index.within((s.lat, s.lon), radius_m * 1.01 + 1):
                    if j == i:
                        continue
                    d = haversine_m((s.lat, s.lon), (self.stops[j].lat, self.stops[j].lon))
                    if d <= radius_m:
                        targets[i].append(j)
                        dists[i].append(d)
        ptr = np.zeros(self.n_stops + 1, dtype=np.int64)
        ptr[1:] = np.cumsum([len(t) for t in targets])
        to = np.array([j for t in targets for j in t], dtype=np.int64)
        dist = np.array([d for ds in dists for d in ds], dtype=np.float64)
        return ptr, to, dist

    def mirrored(self) -> Timetable:
        """Return the same day's timetable mirrored in time, to search backwards (arrive by)."""
        return Timetable(
            stops=self.stops,
            trips=self.trips,
            day=self.day,
            reverse=not self.reverse,
            footpath_radius_m=self.footpath_radius_m,
            footpaths=(self.fp_ptr, self.fp_to, self.fp_dist),
        )

    # --- queries --------------------------------------------------------------------------------

    def to_internal(self, seconds: int) -> int:
        """Return a time of day (seconds after midnight) in this timetable's internal clock."""
        return self.origin + self.sign * seconds

    def to_seconds(self, internal: int) -> int:
        """Return an internal time as seconds after the service day's midnight."""
        return self.sign * (internal - self.origin)

    def transfer_seconds(self, params: WalkParams) -> I64:
        """Return the walking time of every footpath (INF beyond the longest transfer walk)."""
        cached = self._walk_cache.get(params)
        if cached is None:
            secs = np.ceil(self.fp_dist * params.detour / params.speed_mps).astype(np.int64)
            secs += params.transfer_slack_s
            secs[self.fp_dist > params.max_transfer_m] = INF
            self._walk_cache[params] = cached = secs
        return cached

    def stops_near(self, lat: float, lon: float, radius_m: float) -> list[tuple[int, float]]:
        """Return the stops within a distance of a point, as (index, metres)."""
        if self.point_index is None:
            return []
        found = []
        for j in self.point_index.within((lat, lon), radius_m * 1.01 + 1):
            d = haversine_m((lat, lon), (float(self.lat[j]), float(self.lon[j])))
            if d <= radius_m:
                found.append((j, d))
        return found

    def trip_at(self, route: int, t: int) -> TripRec:
        """Return the trip behind a route's t-th trip."""
        return self.trips[int(self.trip_ptr[route]) + t]


def build_timetable(
    schedule: Schedule, day: date, *, footpath_radius_m: float = FOOTPATH_RADIUS_M
) -> Timetable:
    """Return a service day's timetable, with the previous day's trips running past midnight."""
    today = schedule.expanded_trips(schedule.active_services(day))
    late = []
    for trip in schedule.expanded_trips(schedule.active_services(day - timedelta(days=1))):
        if trip.arr[-1] >= DAY:
            late.append(
                TripRec(
                    trip_id=f"{trip.trip_id}~",
                    route_id=trip.route_id,
                    service_id=trip.service_id,
                    headsign=trip.headsign,
                    direction=trip.direction,
                    stops=trip.stops,
                    arr=tuple(t - DAY for t in trip.arr),
                    dep=tuple(t - DAY for t in trip.dep),
                )
            )
    stops = [s for s in schedule.stops.values() if s.location_type == 0]
    return Timetable(stops=stops, trips=today + late, day=day, footpath_radius_m=footpath_radius_m)
