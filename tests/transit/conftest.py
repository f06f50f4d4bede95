"""Fixtures of the transit tests: the Casablanca timetables, built once per session."""

from __future__ import annotations

import pytest

from casa.transit.schedule import Schedule
from casa.transit.timetable import Timetable, build_timetable
from tests.transit.factories import WEEKDAY, casablanca_schedule


@pytest.fixture(scope="session")
def casa_schedule() -> Schedule:
    return casablanca_schedule()


@pytest.fixture(scope="session")
def weekday_tt(casa_schedule: Schedule) -> Timetable:
    return build_timetable(casa_schedule, WEEKDAY)
