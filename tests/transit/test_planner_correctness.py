"""The planner's earliest arrival equals a reference search's, on Casablanca and random networks."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casa.transit import planner
from casa.transit.schedule import Schedule
from casa.transit.timetable import Timetable, WalkParams, build_timetable
from tests.transit.factories import SATURDAY, WEEKDAY, random_schedule
from tests.transit.reference import Reference

pytestmark = pytest.mark.integration

PARAMS = WalkParams()
ROUNDS = 20


def _random_point(rng: random.Random, tt: Timetable) -> tuple[float, float]:
    """Return a stop's position, or a point up to about 900 m from one."""
    i = rng.randrange(tt.n_stops)
    jitter = 0.0 if rng.random() < 0.4 else 0.008
    return (
        float(tt.lat[i]) + rng.uniform(-jitter, jitter),
        float(tt.lon[i]) + rng.uniform(-jitter, jitter),
    )


def _compare(
    tt: Timetable, ref: Reference, rng: random.Random, n: int, hours: tuple[float, float]
) -> tuple[list[tuple[object, ...]], int]:
    """Return the queries on which the planner and the reference differ, and how many arrive."""
    mismatches = []
    arrived = 0
    for _ in range(n):
        o, d = _random_point(rng, tt), _random_point(rng, tt)
        depart = rng.randint(int(hours[0] * 3600), int(hours[1] * 3600))
        got = planner.earliest_arrival(
            tt,
            planner.endpoint(tt, *o, PARAMS),
            planner.endpoint(tt, *d, PARAMS),
            depart,
            PARAMS,
            max_rounds=ROUNDS,
        )
        want = ref.earliest_arrival(o, d, depart)
        if got != want:
            mismatches.append((o, d, depart, got, want))
        arrived += want is not None
    return mismatches, arrived


@pytest.mark.parametrize("day", [WEEKDAY, SATURDAY], ids=["weekday", "saturday"])
def test_earliest_arrival_equals_the_reference_on_500_casablanca_queries(
    casa_schedule: Schedule, day: object
) -> None:
    tt = build_timetable(casa_schedule, day)  # type: ignore[arg-type]
    ref = Reference.build(tt.stops, tt.trips, PARAMS)

    mismatches, arrived = _compare(tt, ref, random.Random(f"casablanca-{day}"), 500, (4.5, 23.5))

    assert (mismatches, arrived > 400) == ([], True)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_earliest_arrival_equals_the_reference_on_random_networks(seed: int) -> None:
    rng = random.Random(seed)
    schedule = random_schedule(rng)
    tt = build_timetable(schedule, WEEKDAY)
    ref = Reference.build(tt.stops, tt.trips, PARAMS)

    mismatches, _ = _compare(tt, ref, rng, 25, (5.5, 9.0))

    assert mismatches == []


def test_random_networks_do_overtake_so_routes_are_split() -> None:
    schedule = random_schedule(random.Random(7))
    tt = build_timetable(schedule, WEEKDAY)

    lines = {trip.route_id for trip in schedule.trips}
    patterns = {(trip.route_id, trip.stops) for trip in schedule.trips}

    assert (len(lines) * 2, tt.n_routes > len(patterns)) == (len(patterns), True)
