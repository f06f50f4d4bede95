"""Journey planning over a day's timetable: depart at, arrive by, a range of departures.

The rounds themselves are in ``raptor`` and the journeys are read back from their labels by
``journeys``. A journey is: a walk to a first stop, then rides separated by at most one walk
each, then a walk to the destination (or, when close enough, a walk all the way). Round k gives
the earliest arrival with at most k rides, hence the Pareto set of arrival time against
transfers. Searching the mirrored timetable answers arrive-by queries.
"""

from __future__ import annotations

from collections.abc import Sequence

from casa.transit.journeys import Journey, Leg, timed_journey, trace, walk_only
from casa.transit.raptor import MAX_ROUNDS, Closed, Endpoint, Rounds, endpoint, search
from casa.transit.timetable import INF, Timetable, WalkParams, walk_seconds

__all__ = ["MAX_ROUNDS", "Closed", "Endpoint", "Journey", "Leg", "Rounds", "endpoint", "search"]


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
        journeys.append(walk_only(origin, destination, arrive - walk, walk))
    for k in range(1, len(rounds.target)):
        if rounds.target_stop[k] >= 0 and rounds.target[k] < rounds.target[k - 1]:
            steps = trace(tt, rounds, k)
            # The mirrored search walks from the destination: read its steps backwards.
            steps = [(_flip(kind), _flip_walk(kind, item)) for kind, item in reversed(steps)]
            journeys.append(timed_journey(tt, steps, origin, destination, params))
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
        journeys.append(walk_only(origin, destination, depart, walk))
    for k in range(1, len(rounds.target)):
        if rounds.target_stop[k] >= 0 and rounds.target[k] < rounds.target[k - 1]:
            journeys.append(timed_journey(tt, trace(tt, rounds, k), origin, destination, params))
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
