"""RAPTOR rounds over a day's timetable, as whole-array NumPy operations.

One round per vehicle boarded (Delling, Pajor and Werneck, "Round-Based Public Transit
Routing", 2012). Each round is a handful of whole-array NumPy operations: find, for every
route position at a stop improved in the last round, the first trip one can catch there
(one ``searchsorted``), carry the earliest caught trip down each route (a segmented running
minimum), read the arrival times, keep the improvements per stop, then walk the footpaths
from the stops just reached by a ride.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

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
