"""Fixtures of the transit tests: the Casablanca timetables, built once per session."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from casa.core.db import Database
from casa.transit import service
from casa.transit.schedule import Schedule
from casa.transit.timetable import Timetable, build_timetable
from tests.transit.factories import WEEKDAY, casablanca_schedule


@pytest.fixture(scope="session")
def casa_schedule() -> Schedule:
    return casablanca_schedule()


@pytest.fixture(scope="session")
def weekday_tt(casa_schedule: Schedule) -> Timetable:
    return build_timetable(casa_schedule, WEEKDAY)


@pytest.fixture
def casa_feed(db: Database) -> Database:
    """The test's database with the bundled Casablanca feed loaded."""
    with db.session() as session:
        service.load_bundled(session=session, now=datetime(2026, 4, 18, tzinfo=UTC))
    return db
