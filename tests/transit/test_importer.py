"""Loading feeds into the database and reading them back, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casa.core.db import Database
from casa.transit import feed, models, service
from casa.transit.exceptions import FeedInvalid
from casa.transit.importer import import_feed, load_schedule
from tests.transit.factories import casablanca_schedule
from tests.transit.test_gtfs import MINIMAL, write_feed

pytestmark = pytest.mark.integration

NOW = datetime(2026, 4, 18, 9, 0, tzinfo=UTC)


def test_bundled_feed_loads_and_reads_back_as_the_same_schedule(db: Database) -> None:
    with db.session() as session:
        report = service.load_bundled(session=session, now=NOW)
    with db.session() as session:
        schedule = load_schedule(session=session)

    expected = casablanca_schedule()
    assert report.startswith("feed 'casablanca': 1 agencies, 152 stops, 6 routes")
    assert (schedule.stops, schedule.weekly, schedule.exceptions) == (
        expected.stops,
        expected.weekly,
        expected.exceptions,
    )
    assert sorted(schedule.trips, key=lambda t: t.trip_id) == sorted(
        expected.trips, key=lambda t: t.trip_id
    )
    assert schedule.frequencies == expected.frequencies


def test_loading_the_bundled_feed_twice_changes_nothing(db: Database) -> None:
    with db.session() as session:
        service.load_bundled(session=session, now=NOW)
    with db.session() as session:
        again = service.load_bundled(session=session, now=NOW)
        feeds = session.scalar(select(func.count(models.TransitFeed.id)))

    assert (again.startswith("feed 'casablanca' already loaded"), feeds) == (True, 1)


def test_importing_a_feed_under_the_same_name_replaces_it(db: Database, tmp_path: Path) -> None:
    folder = write_feed(tmp_path / "bus")
    with db.session() as session:
        import_feed(session=session, path=folder, now=NOW)
    bigger = MINIMAL["stops.txt"] + "C,Gamma,33.52,-7.6\n"
    write_feed(folder, **{"stops.txt": bigger})
    with db.session() as session:
        report = import_feed(session=session, path=folder, now=NOW)
        stops = session.scalar(select(func.count(models.TransitStop.id)))

    assert (report.name, report.counts["stops"], stops) == ("bus", 3, 3)


def test_a_malformed_feed_writes_nothing(db: Database, tmp_path: Path) -> None:
    bad = MINIMAL["stop_times.txt"].replace("08:05:00,08:05:00", "07:05:00,07:05:00")
    folder = write_feed(tmp_path / "bad", **{"stop_times.txt": bad})

    with pytest.raises(FeedInvalid) as caught, db.session() as session:
        import_feed(session=session, path=folder, now=NOW)
    with db.session() as session:
        feeds = session.scalar(select(func.count(models.TransitFeed.id)))

    assert (caught.value.extra["problems"], feeds) == (
        ["stop_times.txt, row 3, field arrival_time: times go backwards along the trip"],
        0,
    )


def test_a_second_feed_joins_the_network_with_its_ids_prefixed(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as session:
        service.load_bundled(session=session, now=NOW)
        import_feed(session=session, path=write_feed(tmp_path / "bus"), now=NOW)
    with db.session() as session:
        net = service.network(session=session)

    assert (sorted(r for r in net.schedule.routes if ":" in r), "bus:A" in net.schedule.stops) == (
        ["bus:R"],
        True,
    )


def test_feed_zip_of_the_bundled_facts_is_what_the_api_serves() -> None:
    assert feed.build_zip()[:2] == b"PK"
