"""Journeys read back from RAPTOR's labels: legs, rides and walks, timed."""

from __future__ import annotations

from dataclasses import dataclass

from casa.transit.raptor import Endpoint, Rounds
from casa.transit.schedule import TripRec
from casa.transit.timetable import Timetable, WalkParams


@dataclass(frozen=True, slots=True)
class Leg:
    """One leg: a walk, or a ride on one trip from one of its stops to a later one.

    Stops are timetable indices (None for the journey's origin or destination point); for a
    ride, ``board`` and ``alight`` index the trip's own stops.
    """

    mode: str
    start: int
    end: int
    from_stop: int | None
    to_stop: int | None
    trip: TripRec | None = None
    board: int = 0
    alight: int = 0
    walk_s: int = 0


@dataclass(frozen=True, slots=True)
class Journey:
    """A journey in seconds after the service day's midnight."""

    departure: int
    arrival: int
    legs: tuple[Leg, ...]

    @property
    def rides(self) -> int:
        """Return the number of vehicles boarded."""
        return sum(1 for leg in self.legs if leg.mode == "ride")


@dataclass(frozen=True, slots=True)
class _RawRide:
    trip: TripRec
    board: int
    alight: int


def _boarding(tt: Timetable, rounds: Rounds, k: int, stop: int) -> tuple[int, int, int]:
    """Return (route, trip, boarding position) of the ride that reached a stop in round k."""
    p_alight = int(rounds.ride_pos[k][stop])
    t = int(rounds.ride_trip[k][stop])
    r = int(tt.pos_route[p_alight])
    prev = rounds.best[k - 1]
    for p in range(p_alight - 1, int(tt.route_ptr[r]) - 1, -1):
        if tt.dep[tt.colstart[p] + t] >= prev[tt.pos_stop[p]]:
            return r, t, p
    raise AssertionError("a ride label without a boarding stop")


def trace(tt: Timetable, rounds: Rounds, k: int) -> list[tuple[str, object]]:
    """Return a round's journey from the search origin as raw steps, origin first."""
    steps: list[tuple[str, object]] = []
    stop = rounds.target_stop[k]
    steps.append(("egress", stop))
    cur_k = k
    while True:
        r, t, pb = _boarding(tt, rounds, cur_k, stop)
        pa = int(rounds.ride_pos[cur_k][stop])
        trip = tt.trip_at(r, t)
        ib, ia = int(tt.pos_index[pb]), int(tt.pos_index[pa])
        if tt.reverse:
            size = len(trip.stops)
            ib, ia = size - 1 - ia, size - 1 - ib
        steps.append(("ride", _RawRide(trip, ib, ia)))
        stop = int(tt.pos_stop[pb])
        value = rounds.best[cur_k - 1][stop]
        j = cur_k - 1
        while j > 0 and rounds.ride[j][stop] != value and rounds.walk[j][stop] != value:
            j -= 1
        if j == 0:
            steps.append(("access", stop))
            break
        if rounds.walk[j][stop] == value:
            origin = int(rounds.walk_from[j][stop])
            steps.append(("transfer", (origin, stop)))
            stop = origin
        cur_k = j
    steps.reverse()
    return steps


def timed_journey(
    tt: Timetable,
    steps: list[tuple[str, object]],
    origin: Endpoint,
    destination: Endpoint,
    params: WalkParams,
) -> Journey:
    """Turn raw steps (in the real order of travel) into a timed journey."""
    access = dict(origin.stops)
    egress = dict(destination.stops)
    rides = [s for kind, s in steps if kind == "ride"]
    legs: list[Leg] = []
    for kind, item in steps:
        if kind == "ride":
            assert isinstance(item, _RawRide)
            trip = item.trip
            legs.append(
                Leg(
                    "ride",
                    trip.dep[item.board],
                    trip.arr[item.alight],
                    tt.stop_index[trip.stops[item.board]],
                    tt.stop_index[trip.stops[item.alight]],
                    trip,
                    item.board,
                    item.alight,
                )
            )
        elif kind == "transfer":
            assert isinstance(item, tuple)
            a, b = item
            legs.append(Leg("walk", 0, 0, a, b))
        elif kind == "access":
            legs.append(Leg("walk", 0, 0, None, int(item)))  # type: ignore[call-overload]
        else:
            legs.append(Leg("walk", 0, 0, int(item), None))  # type: ignore[call-overload]
    assert rides
    timed: list[Leg] = []
    for i, leg in enumerate(legs):
        if leg.mode == "ride":
            timed.append(leg)
            continue
        if leg.from_stop is None:
            assert leg.to_stop is not None
            secs = access[leg.to_stop]
            start = legs[i + 1].start - secs
        elif leg.to_stop is None:
            secs = egress[leg.from_stop]
            start = timed[-1].end
        else:
            secs = _transfer_s(tt, leg.from_stop, leg.to_stop, params)
            start = timed[-1].end
        if secs == 0 and (leg.from_stop is None or leg.to_stop is None):
            continue  # the journey starts or ends right at the stop
        timed.append(Leg("walk", start, start + secs, leg.from_stop, leg.to_stop, walk_s=secs))
    return Journey(timed[0].start, timed[-1].end, tuple(timed))


def _transfer_s(tt: Timetable, a: int, b: int, params: WalkParams) -> int:
    lo, hi = int(tt.fp_ptr[a]), int(tt.fp_ptr[a + 1])
    for e in range(lo, hi):
        if tt.fp_to[e] == b:
            return int(tt.transfer_seconds(params)[e])
    raise AssertionError("no footpath between the stops of a transfer")


def walk_only(origin: Endpoint, destination: Endpoint, start: int, secs: int) -> Journey:
    """Return a journey made of one walk from origin to destination."""
    return Journey(
        start, start + secs, (Leg("walk", start, start + secs, None, None, walk_s=secs),)
    )
