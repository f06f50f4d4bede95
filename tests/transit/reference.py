"""A straightforward reference planner for the tests: the connection scan (a sweep of the
time-expanded graph in departure order, or in reverse arrival order for the latest departure),
written from the trips alone, with no RAPTOR routes.

Same journey rules as the planner: walk to a first stop, rides separated by at most one walk
(plus the transfer slack), then a walk to the destination, or a walk all the way.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from casa.core.geo import haversine_m
from casa.transit.schedule import StopRec, TripRec
from casa.transit.timetable import WalkParams, walk_seconds

INF = 10**12


@dataclass
class Reference:
    """Connections sorted by departure, and the footpaths between stops."""

    stops: dict[str, StopRec]
    connections: list[tuple[int, int, int, str, str]]
    departures: list[int]
    footpaths: dict[str, list[tuple[str, int]]]
    params: WalkParams

    @classmethod
    def build(
        cls, stops: Sequence[StopRec], trips: Sequence[TripRec], params: WalkParams
    ) -> Reference:
        connections = sorted(
            (trip.dep[i], trip.arr[i + 1], n, trip.stops[i], trip.stops[i + 1])
            for n, trip in enumerate(trips)
            for i in range(len(trip.stops) - 1)
        )
        by_id = {s.stop_id: s for s in stops}
        footpaths: dict[str, list[tuple[str, int]]] = {s.stop_id: [] for s in stops}
        # Stops bucketed in cells of 0.01° (over 900 m here), so only neighbours are compared.
        cells: dict[tuple[int, int], list[StopRec]] = {}
        for s in stops:
            cells.setdefault((math.floor(s.lat * 100), math.floor(s.lon * 100)), []).append(s)
        for a in stops:
            ci, cj = math.floor(a.lat * 100), math.floor(a.lon * 100)
            near = [
                b
                for di in (-1, 0, 1)
                for dj in (-1, 0, 1)
                for b in cells.get((ci + di, cj + dj), [])
            ]
            for b in near:
                if a.stop_id == b.stop_id:
                    continue
                d = haversine_m((a.lat, a.lon), (b.lat, b.lon))
                if d <= params.max_transfer_m:
                    footpaths[a.stop_id].append(
                        (b.stop_id, walk_seconds(d, params) + params.transfer_slack_s)
                    )
        return cls(by_id, connections, [c[0] for c in connections], footpaths, params)

    @cached_property
    def _by_arrival(self) -> list[tuple[int, int, int, str, str]]:
        """Return the connections by decreasing arrival (then departure)."""
        return sorted(self.connections, key=lambda c: (-c[1], -c[0]))

    def _near(self, point: tuple[float, float]) -> dict[str, int]:
        found = {}
        for s in self.stops.values():
            if abs(s.lat - point[0]) > 0.01 or abs(s.lon - point[1]) > 0.012:
                continue  # farther than any walk (over 1.1 km)
            d = haversine_m(point, (s.lat, s.lon))
            if d <= self.params.max_walk_m:
                found[s.stop_id] = walk_seconds(d, self.params)
        return found

    def earliest_arrival(
        self, origin: tuple[float, float], destination: tuple[float, float], depart: int
    ) -> int | None:
        """Return the earliest arrival at the destination leaving the origin at a time."""
        board: dict[str, int] = {}
        ride: dict[str, int] = {}
        for stop, secs in self._near(origin).items():
            board[stop] = depart + secs
        egress = self._near(destination)
        target = INF
        d = haversine_m(origin, destination)
        if d <= self.params.max_walk_m:
            target = depart + walk_seconds(d, self.params)
        on_board: set[int] = set()
        for dep, arr, trip, a, b in self.connections[bisect.bisect_left(self.departures, depart) :]:
            if dep >= target:
                break
            if trip not in on_board:
                if board.get(a, INF) > dep:
                    continue
                on_board.add(trip)
            if arr < ride.get(b, INF):
                ride[b] = arr
                board[b] = min(board.get(b, INF), arr)
                if b in egress:
                    target = min(target, arr + egress[b])
                for c, secs in self.footpaths[b]:
                    board[c] = min(board.get(c, INF), arr + secs)
        return None if target >= INF else target

    def latest_departure(
        self, origin: tuple[float, float], destination: tuple[float, float], arrive: int
    ) -> int | None:
        """Return the latest departure from the origin that reaches the destination by a time.

        The mirror of ``earliest_arrival``: connections swept by decreasing arrival; a stop's
        ``depart`` label is the latest time one may leave it aboard a vehicle and still arrive,
        its ``alight`` label the latest time a vehicle may bring one there.
        """
        depart: dict[str, int] = {}
        alight: dict[str, int] = {}
        for stop, secs in self._near(destination).items():
            alight[stop] = arrive - secs
        access = self._near(origin)
        best = -INF
        d = haversine_m(origin, destination)
        if d <= self.params.max_walk_m:
            best = arrive - walk_seconds(d, self.params)
        reaches: set[int] = set()
        for dep, arr, trip, a, b in self._by_arrival:
            if arr <= best:
                break  # every departure from here on would be no later than the best
            if trip not in reaches:
                if alight.get(b, -INF) < arr:
                    continue
                reaches.add(trip)
            if dep > depart.get(a, -INF):
                depart[a] = dep
                alight[a] = max(alight.get(a, -INF), dep)
                if a in access:
                    best = max(best, dep - access[a])
                for c, secs in self.footpaths[a]:
                    alight[c] = max(alight.get(c, -INF), dep - secs)
        return None if best <= -INF else best
