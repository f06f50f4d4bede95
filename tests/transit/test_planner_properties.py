"""Properties of planned journeys: legs in order, faithful to the timetable, none too fast."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casa.core.geo import haversine_m
from casa.transit import planner
from casa.transit.timetable import Timetable, WalkParams, build_timetable
from tests.transit.factories import WEEKDAY, random_schedule
from tests.transit.reference import Reference

pytestmark = pytest.mark.integration

PARAMS = WalkParams()


def _point(tt: Timetable, rng: random.Random) -> tuple[float, float]:
    i = rng.randrange(tt.n_stops)
    return float(tt.lat[i]) + rng.uniform(-0.003, 0.003), float(tt.lon[i]) + rng.uniform(
        -0.003, 0.003
    )


def _where(tt: Timetable, stop: int | None, point: tuple[float, float]) -> tuple[float, float]:
    return point if stop is None else (float(tt.lat[stop]), float(tt.lon[stop]))


def check(
    journey: planner.Journey, tt: Timetable, o: tuple[float, float], d: tuple[float, float]
) -> None:
    legs = journey.legs
    assert (journey.departure, journey.arrival) == (legs[0].start, legs[-1].end)
    for a, b in itertools.pairwise(legs):
        assert a.end <= b.start  # no leg departs before the previous one arrives
        assert a.to_stop == b.from_stop
    assert all(not (a.mode == b.mode == "walk") for a, b in itertools.pairwise(legs))
    for leg in legs:
        if leg.mode == "ride":
            trip = leg.trip
            assert trip is not None and leg.board < leg.alight
            assert (leg.start, leg.end) == (trip.dep[leg.board], trip.arr[leg.alight])
            assert (tt.stops[leg.from_stop].stop_id, tt.stops[leg.to_stop].stop_id) == (  # type: ignore[index]
                trip.stops[leg.board],
                trip.stops[leg.alight],
            )
        else:
            a, b = _where(tt, leg.from_stop, o), _where(tt, leg.to_stop, d)
            # no walk is faster than the walking speed along the straight line
            assert leg.end - leg.start >= haversine_m(a, b) / PARAMS.speed_mps


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_depart_at_journeys_are_consistent_and_pareto_optimal(seed: int) -> None:
    rng = random.Random(seed)
    tt = build_timetable(random_schedule(rng), WEEKDAY)
    ref = Reference.build(tt.stops, tt.trips, PARAMS)
    for _ in range(10):
        o, d = _point(tt, rng), _point(tt, rng)
        depart = rng.randint(6 * 3600, 8 * 3600)
        journeys = planner.depart_at(
            tt,
            planner.endpoint(tt, *o, PARAMS),
            planner.endpoint(tt, *d, PARAMS),
            depart,
            PARAMS,
            max_rounds=20,
        )
        best = ref.earliest_arrival(o, d, depart)
        for j in journeys:
            check(j, tt, o, d)
            assert j.departure >= depart
        # more rides only ever buy an earlier arrival, and the last is the earliest possible
        assert [j.rides for j in journeys] == sorted({j.rides for j in journeys})
        assert [j.arrival for j in journeys] == sorted({j.arrival for j in journeys}, reverse=True)
        assert (journeys[-1].arrival if journeys else None) == best


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_arrive_by_leaves_as_late_as_possible(seed: int) -> None:
    rng = random.Random(seed)
    tt = build_timetable(random_schedule(rng), WEEKDAY)
    mirrored = tt.mirrored()
    ref = Reference.build(tt.stops, tt.trips, PARAMS)
    for _ in range(10):
        o, d = _point(tt, rng), _point(tt, rng)
        arrive = rng.randint(7 * 3600, 9 * 3600)
        journeys = planner.arrive_by(
            mirrored,
            planner.endpoint(tt, *o, PARAMS),
            planner.endpoint(tt, *d, PARAMS),
            arrive,
            PARAMS,
            max_rounds=20,
        )
        for j in journeys:
            check(j, tt, o, d)
            assert j.arrival <= arrive
        # the latest departure is the latest possible, as a reverse connection scan finds it
        latest = max((j.departure for j in journeys), default=None)
        assert latest == ref.latest_departure(o, d, arrive)


def test_range_query_keeps_only_journeys_no_other_beats() -> None:
    rng = random.Random(11)
    tt = build_timetable(random_schedule(rng), WEEKDAY)
    o, d = (float(tt.lat[0]), float(tt.lon[0])), (float(tt.lat[5]), float(tt.lon[5]))

    found = planner.depart_between(
        tt,
        planner.endpoint(tt, *o, PARAMS),
        planner.endpoint(tt, *d, PARAMS),
        6 * 3600,
        8 * 3600,
        PARAMS,
    )

    keys = [(j.departure, j.arrival, j.rides) for j in found]
    assert (keys == sorted(set(keys)), len(keys) > 1) == (True, True)
    assert not any(
        a != b and b[0] >= a[0] and b[1] <= a[1] and b[2] <= a[2] for a in keys for b in keys
    )
