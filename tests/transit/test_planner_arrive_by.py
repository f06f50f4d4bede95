"""Arrive-by searches leave as late as the timetable allows: the latest departure equals a
reverse connection scan's, also when trips tie (reach a stop at the same second)."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casa.transit import planner
from casa.transit.schedule import Schedule, StopRec, TripRec
from casa.transit.timetable import Timetable, WalkParams, build_timetable
from tests.transit.factories import CENTRE, SATURDAY, WEEKDAY, casablanca_schedule, random_schedule
from tests.transit.reference import Reference
from tests.transit.test_planner_properties import _point

pytestmark = pytest.mark.integration

PARAMS = WalkParams()
ROUNDS = 20


def _legs(journey: planner.Journey) -> list[tuple[object, ...]]:
    return [
        (leg.mode, leg.start, leg.end, leg.from_stop, leg.to_stop, leg.trip and leg.trip.trip_id)
        for leg in journey.legs
    ]


def _unsorted_positions(tt: Timetable) -> list[int]:
    """Return the route positions whose departures or arrivals are out of trip order."""
    return [
        p
        for p in range(tt.n_positions)
        for col in (tt.dep, tt.arr)
        if np.any(np.diff(col[tt.colstart[p] : tt.colstart[p] + tt.pos_ntrips[p]]) < 0)
    ]


def _random_point(rng: random.Random, tt: Timetable) -> tuple[float, float]:
    """Return a stop's position, or a point up to about 900 m from one."""
    i = rng.randrange(tt.n_stops)
    jitter = 0.0 if rng.random() < 0.4 else 0.008
    return (
        float(tt.lat[i]) + rng.uniform(-jitter, jitter),
        float(tt.lon[i]) + rng.uniform(-jitter, jitter),
    )


def _latest(
    tt: Timetable,
    mirrored: Timetable,
    o: tuple[float, float],
    d: tuple[float, float],
    arrive: int,
) -> int | None:
    journeys = planner.arrive_by(
        mirrored,
        planner.endpoint(tt, *o, PARAMS),
        planner.endpoint(tt, *d, PARAMS),
        arrive,
        PARAMS,
        max_rounds=ROUNDS,
    )
    return max((j.departure for j in journeys), default=None)


def _compare(
    tt: Timetable, ref: Reference, rng: random.Random, n: int, hours: tuple[float, float]
) -> tuple[list[tuple[object, ...]], int]:
    """Return the queries on which the planner and the reference differ, and how many leave."""
    mirrored = tt.mirrored()
    mismatches = []
    found = 0
    for _ in range(n):
        o, d = _random_point(rng, tt), _random_point(rng, tt)
        arrive = rng.randint(int(hours[0] * 3600), int(hours[1] * 3600))
        got = _latest(tt, mirrored, o, d, arrive)
        want = ref.latest_departure(o, d, arrive)
        if got != want:
            mismatches.append((o, d, arrive, got, want))
        found += want is not None
    return mismatches, found


def test_arrive_by_seed_30645_query_8_leaves_at_the_latest_departure() -> None:
    # Found by test_arrive_by_leaves_as_late_as_possible: trips L1-0-6 and L1-0-7 reach their
    # terminus at the same second, and the mirrored timetable put them in the wrong order, so
    # the backward search caught L1-0-6 at s27 and left 329 s earlier than it had to.
    rng = random.Random(30645)
    tt = build_timetable(random_schedule(rng), WEEKDAY)
    for _ in range(8):
        o, d = _point(tt, rng), _point(tt, rng)
        arrive = rng.randint(7 * 3600, 9 * 3600)
    ref = Reference.build(tt.stops, tt.trips, PARAMS)

    journeys = planner.arrive_by(
        tt.mirrored(),
        planner.endpoint(tt, *o, PARAMS),
        planner.endpoint(tt, *d, PARAMS),
        arrive,
        PARAMS,
        max_rounds=ROUNDS,
    )

    assert (arrive, ref.latest_departure(o, d, arrive), [_legs(j) for j in journeys]) == (
        29699,
        23701,
        [
            [
                ("walk", 23701, 23976, None, 2, None),
                ("ride", 23976, 24122, 2, 27, "L1-0-7"),
                ("walk", 24122, 24533, 27, 3, None),
                ("ride", 28534, 29197, 3, 10, "L5-0-7"),
                ("walk", 29197, 29585, 10, None, None),
            ]
        ],
    )


def test_arrive_by_takes_the_later_of_two_trips_that_tie_at_the_terminus() -> None:
    # The late trip catches the early one up: both reach C at 08:20, neither overtakes.
    schedule = Schedule()
    for i, name in enumerate("ABC"):
        schedule.stops[name] = StopRec(name, name, CENTRE[0] + 0.02 * i, CENTRE[1])
    for trip_id, t in (("early", 8 * 3600), ("late", 8 * 3600 + 600)):
        times = (t, t + 300, 8 * 3600 + 1200)
        schedule.trips.append(TripRec(trip_id, "R", "S", "C", 0, ("A", "B", "C"), times, times))
    schedule.weekly["S"] = ("1111111", date(2026, 1, 1), date(2026, 12, 31))
    tt = build_timetable(schedule, WEEKDAY)
    a, b = schedule.stops["A"], schedule.stops["B"]

    journeys = planner.arrive_by(
        tt.mirrored(),
        planner.endpoint(tt, a.lat, a.lon, PARAMS),
        planner.endpoint(tt, b.lat, b.lon, PARAMS),
        8 * 3600 + 960,
        PARAMS,
    )

    assert (tt.n_routes, [_legs(j) for j in journeys]) == (
        1,
        [[("ride", 8 * 3600 + 600, 8 * 3600 + 900, 0, 1, "late")]],
    )


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), step=st.sampled_from([1, 60]))
@example(seed=30645, step=1)
def test_every_column_is_in_trip_order_forwards_and_mirrored(seed: int, step: int) -> None:
    tt = build_timetable(random_schedule(random.Random(seed), step=step), WEEKDAY)

    assert (_unsorted_positions(tt), _unsorted_positions(tt.mirrored())) == ([], [])


@pytest.mark.parametrize("day", [WEEKDAY, SATURDAY], ids=["weekday", "saturday"])
def test_latest_departure_equals_the_reference_on_300_casablanca_queries(day: date) -> None:
    tt = build_timetable(casablanca_schedule(), day)
    ref = Reference.build(tt.stops, tt.trips, PARAMS)

    mismatches, found = _compare(tt, ref, random.Random(f"arrive-{day}"), 300, (5.5, 23.5))

    assert (mismatches, found > 250) == ([], True)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), step=st.sampled_from([1, 60]))
@example(seed=30645, step=1)
def test_latest_departure_equals_the_reference_on_random_networks(seed: int, step: int) -> None:
    # step=60 writes the timetable to the minute, as real feeds are: trips often tie.
    rng = random.Random(seed)
    tt = build_timetable(random_schedule(rng, step=step), WEEKDAY)
    ref = Reference.build(tt.stops, tt.trips, PARAMS)

    mismatches, _ = _compare(tt, ref, rng, 25, (6.0, 10.0))

    assert mismatches == []
