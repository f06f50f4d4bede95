"""RAPTOR journey planning over a day's timetable, with walking at both ends and between stops.

One round per vehicle boarded (Delling, Pajor and Werneck, "Round-Based Public Transit
Routing", 2012). Each round is a handful of whole-array NumPy operations: find, for every
route position at a stop improved in the last round, the first trip one can catch there
(one ``searchsorted``), carry the earliest caught trip down each route (a segmented running
minimum), read the arrival times, keep the improvements per stop, then walk the footpaths
from the stops just reached by a ride.

A journey is: a walk to a first stop, then rides separated by at most one walk each, then a
walk to the destination (or, when close enough, a walk all the way). Round k gives the
earliest arrival with at most k rides, hence the Pareto set of arrival time against
transfers. Searching the mirrored timetable answers arrive-by queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from casa.transit.schedule import TripRec
from casa.transit.timetable import BIG, I64, INF, Timetable, WalkParams, walk_seconds

Closed = NDArray[np.bool_]
"""Stops (timetable indices) where nobody may board or alight; vehicles pass through."""

MAX_ROUNDS = 8


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where a journey starts or ends: the stops within walking distance and the walk to each."""

    lat: float
    lon: float
    stops: tuple[tuple[int, int], ...]
    """(stop index, walking seconds)."""


def endpoint(tt: Timetable, lat: float, lon: float, params: WalkParams) -> Endpoint:
    """Return a point with the stops one may walk to from it (or from them to it)."""
    found = tt.stops_near(lat, lon, params.max_walk_m)
    return Endpoint(lat, lon, tuple((j, walk_seconds(d, params)) for j, d in sorted(found)))


@dataclass
class Rounds:
    """The labels of a search, round by round (times are internal)."""

    best: list[I64] = field(default_factory=list)
    ride: list[I64] = field(default_factory=list)
    ride_pos: list[I64] = field(default_factory=list)
    ride_trip: list[I64] = field(default_factory=list)
    walk: list[I64] = field(default_factory=list)
    walk_from: list[I64] = field(default_factory=list)
    target: list[int] = field(default_factory=list)
    target_stop: list[int] = field(default_factory=list)


def _gather(ptr: I64, items: I64) -> I64:
    """Return the concatenated ranges ptr[i]:ptr[i+1] of the given items."""
    starts = ptr[items]
    counts = ptr[items + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    shifts = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return shifts + np.arange(total, dtype=np.int64)


def search(
    tt: Timetable,
    origin: Endpoint,
    destination: Endpoint,
    depart: int,
    params: WalkParams,
    *,
    direct_walk_s: int | None = None,
    max_rounds: int = MAX_ROUNDS,
    closed: Closed | None = None,
) -> Rounds:
    """Run RAPTOR from an origin at an internal time; return every round's labels.

    A closed stop never gets a label: nobody walks to it, alights or boards there.
    """
    n = tt.n_stops
    n_pos = max(tt.n_positions, 1)
    walk_s = tt.transfer_seconds(params)
    open_ = ~closed if closed is not None else np.ones(n, dtype=bool)
    egress = np.full(n, INF, dtype=np.int64)
    for stop, secs in destination.stops:
        if open_[stop]:
            egress[stop] = min(int(egress[stop]), secs)
    rounds = Rounds()
    best = np.full(n, INF, dtype=np.int64)
    for stop, secs in origin.stops:
        if open_[stop]:
            best[stop] = min(int(best[stop]), depart + secs)
    target = depart + direct_walk_s if direct_walk_s is not None else int(INF)
    empty = np.full(n, INF, dtype=np.int64)
    none = np.full(n, -1, dtype=np.int64)
    rounds.best.append(best)
    rounds.ride.append(empty)
    rounds.ride_pos.append(none)
    rounds.ride_trip.append(none)
    rounds.walk.append(empty)
    rounds.walk_from.append(none)
    rounds.target.append(target)
    rounds.target_stop.append(-1)
    ride_star = np.full(n, INF, dtype=np.int64)
    marked = np.flatnonzero(best < INF)
    sentinel = tt.max_trips - 1
    for _ in range(max_rounds):
        if len(marked) == 0 or tt.n_positions == 0:
            break
        prev = rounds.best[-1]
        # Sorted needles make searchsorted walk the keys forward, far faster than at random.
        bp = np.sort(tt.stop_pos[_gather(tt.stop_pos_ptr, marked)])
        tau = prev[tt.pos_stop[bp]]
        found = np.searchsorted(tt.keys, bp * BIG + tau)
        t = found - tt.colstart[bp]
        ok = t < tt.pos_ntrips[bp]
        w = tt.seg_offset + sentinel
        w[bp[ok]] = tt.seg_offset[bp[ok]] + t[ok]
        cm = np.minimum.accumulate(w)
        tb = np.empty_like(cm)
        tb[0] = sentinel
        tb[1:] = cm[:-1] - tt.seg_offset[1:]
        vp = np.flatnonzero((tb >= 0) & (tb < tt.pos_ntrips))
        ride = empty.copy()
        ride_pos = none.copy()
        ride_trip = none.copy()
        best = prev.copy()
        if len(vp):
            a = tt.arr[tt.colstart[vp] + tb[vp]]
            s = tt.pos_stop[vp]
            keep = (a < ride_star[s]) & (a < target) & open_[s]
            vp, a, s = vp[keep], a[keep], s[keep]
            if len(vp):
                keys = np.full(n, INF, dtype=np.int64)
                np.minimum.at(keys, s, a * n_pos + vp)
                imp = np.flatnonzero(keys < INF)
                ra = keys[imp] // n_pos
                rp = keys[imp] % n_pos
                ride[imp] = ra
                ride_pos[imp] = rp
                ride_trip[imp] = tb[rp]
                ride_star[imp] = ra
                np.minimum.at(best, imp, ra)
        imp = np.flatnonzero(ride < INF)
        target_stop = -1
        if len(imp):
            cand = ride[imp] + egress[imp]
            m = int(np.argmin(cand))
            if cand[m] < target:
                target, target_stop = int(cand[m]), int(imp[m])
        walk = empty.copy()
        walk_from = none.copy()
        if len(imp) and len(tt.fp_to):
            e = _gather(tt.fp_ptr, imp)
            wt = ride[tt.fp_from[e]] + walk_s[e]
            to = tt.fp_to[e]
            keep = (wt < best[to]) & (wt < target) & open_[to]
            if keep.any():
                e, wt, to = e[keep], wt[keep], to[keep]
                keys = np.full(n, INF, dtype=np.int64)
                np.minimum.at(keys, to, wt * n + tt.fp_from[e])
                wimp = np.flatnonzero(keys < INF)
                walk[wimp] = keys[wimp] // n
                walk_from[wimp] = keys[wimp] % n
                best[wimp] = np.minimum(best[wimp], walk[wimp])
        rounds.best.append(best)
        rounds.ride.append(ride)
        rounds.ride_pos.append(ride_pos)
        rounds.ride_trip.append(ride_trip)
        rounds.walk.append(walk)
        rounds.walk_from.append(walk_from)
        rounds.target.append(target)
        rounds.target_stop.append(target_stop)
        marked = np.flatnonzero(best < prev)
    return rounds


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


def _trace(tt: Timetable, rounds: Rounds, k: int) -> list[tuple[str, object]]:
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


def _journey(
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


def _walk_only(origin: Endpoint, destination: Endpoint, start: int, secs: int) -> Journey:
    return Journey(
        start, start + secs, (Leg("walk", start, start + secs, None, None, walk_s=secs),)
    )


def direct_walk(origin: Endpoint, destination: Endpoint, params: WalkParams) -> int | None:
    """Return the seconds to walk straight from an origin to a destination, if short enough."""
    from casa.core.geo import haversine_m

    d = haversine_m((origin.lat, origin.lon), (destination.lat, destination.lon))
    return walk_seconds(d, params) if d <= params.max_walk_m else None


def depart_at(
    tt: Timetable,
    origin: Endpoint,
    destination: Endpoint,
    depart: int,
    params: WalkParams,
    *,
    max_rounds: int = MAX_ROUNDS,
    closed: Closed | None = None,
) -> list[Journey]:
    """Return the Pareto set of journeys leaving at or after a time: fewer rides or earlier."""
    assert not tt.reverse
    walk = direct_walk(origin, destination, params)
    rounds = search(
        tt,
        origin,
        destination,
        tt.to_internal(depart),
        params,
        direct_walk_s=walk,
        max_rounds=max_rounds,
        closed=closed,
    )
    return _pareto(tt, rounds, origin, destination, depart, walk, params)


def arrive_by(
    tt_mirrored: Timetable,
    origin: Endpoint,
    destination: Endpoint,
    arrive: int,
    params: WalkParams,
    *,
    max_rounds: int = MAX_ROUNDS,
    closed: Closed | None = None,
) -> list[Journey]:
    """Return the Pareto set of journeys arriving by a time: fewer rides or leaving later."""
    tt = tt_mirrored
    assert tt.reverse
    walk = direct_walk(origin, destination, params)
    rounds = search(
        tt,
        destination,
        origin,
        tt.to_internal(arrive),
        params,
        direct_walk_s=walk,
        max_rounds=max_rounds,
        closed=closed,
    )
    journeys: list[Journey] = []
    if walk is not None and rounds.target[0] < INF:
        journeys.append(_walk_only(origin, destination, arrive - walk, walk))
    for k in range(1, len(rounds.target)):
        if rounds.target_stop[k] >= 0 and rounds.target[k] < rounds.target[k - 1]:
            steps = _trace(tt, rounds, k)
            # The mirrored search walks from the destination: read its steps backwards.
            steps = [(_flip(kind), _flip_walk(kind, item)) for kind, item in reversed(steps)]
            journeys.append(_journey(tt, steps, origin, destination, params))
    return journeys


def _flip_walk(kind: str, item: object) -> object:
    if kind == "transfer":
        assert isinstance(item, tuple)
        return (item[1], item[0])
    return item


def _flip(kind: str) -> str:
    return {"access": "egress", "egress": "access"}.get(kind, kind)


def _pareto(
    tt: Timetable,
    rounds: Rounds,
    origin: Endpoint,
    destination: Endpoint,
    depart: int,
    walk: int | None,
    params: WalkParams,
) -> list[Journey]:
    journeys: list[Journey] = []
    if walk is not None:
        journeys.append(_walk_only(origin, destination, depart, walk))
    for k in range(1, len(rounds.target)):
        if rounds.target_stop[k] >= 0 and rounds.target[k] < rounds.target[k - 1]:
            journeys.append(_journey(tt, _trace(tt, rounds, k), origin, destination, params))
    return journeys


def earliest_arrival(
    tt: Timetable,
    origin: Endpoint,
    destination: Endpoint,
    depart: int,
    params: WalkParams,
    *,
    max_rounds: int = MAX_ROUNDS,
) -> int | None:
    """Return the earliest arrival (seconds after midnight) leaving at a time, or None."""
    walk = direct_walk(origin, destination, params)
    rounds = search(
        tt,
        origin,
        destination,
        tt.to_internal(depart),
        params,
        direct_walk_s=walk,
        max_rounds=max_rounds,
    )
    best = rounds.target[-1]
    return None if best >= INF else tt.to_seconds(best)


def depart_between(
    tt: Timetable,
    origin: Endpoint,
    destination: Endpoint,
    start: int,
    end: int,
    params: WalkParams,
    *,
    max_rounds: int = MAX_ROUNDS,
    closed: Closed | None = None,
) -> list[Journey]:
    """Return the journeys worth taking when leaving between two times (a range query).

    The search runs once per departure from the stops near the origin inside the window; a
    journey is kept unless another leaves no earlier, arrives no later and rides no more.
    """
    times: set[int] = set()
    for stop, secs in origin.stops:
        if closed is not None and closed[stop]:
            continue
        for p in tt.stop_pos[tt.stop_pos_ptr[stop] : tt.stop_pos_ptr[stop + 1]]:
            col = tt.dep[tt.colstart[p] : tt.colstart[p] + tt.pos_ntrips[p]] - tt.origin - secs
            times.update(int(x) for x in col[(col >= start) & (col <= end)])
    found: list[Journey] = []
    for when in sorted(times, reverse=True):
        for journey in depart_at(
            tt, origin, destination, when, params, max_rounds=max_rounds, closed=closed
        ):
            if journey.legs[0].mode == "walk" and len(journey.legs) == 1:
                continue
            found.append(journey)
    return _non_dominated(found)


def _non_dominated(journeys: Sequence[Journey]) -> list[Journey]:
    keep: list[Journey] = []
    for j in journeys:
        dominated = any(
            o.departure >= j.departure
            and o.arrival <= j.arrival
            and o.rides <= j.rides
            and (o.departure, o.arrival, o.rides) != (j.departure, j.arrival, j.rides)
            for o in journeys
        )
        if not dominated and all(
            (o.departure, o.arrival, o.rides) != (j.departure, j.arrival, j.rides) for o in keep
        ):
            keep.append(j)
    return sorted(keep, key=lambda j: (j.departure, j.arrival, j.rides))
