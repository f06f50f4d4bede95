"""The Casablanca GTFS feed built from the bundled facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casa.transit import facts, feed
from casa.transit.gtfs import read_feed
from casa.transit.schedule import schedule_from_feed
from casa.transit.validation import validate

pytestmark = pytest.mark.unit


def test_feed_passes_the_canonical_validator_without_errors(tmp_path: Path) -> None:
    path = tmp_path / "casablanca.zip"
    path.write_bytes(feed.build_zip())

    report = validate(path, on=date(2026, 4, 18))

    assert (report.errors, sorted(n.code for n in report.notices if n.severity == "ERROR")) == (
        0,
        [],
    )


def test_feed_has_the_six_lines_and_151_stops_with_one_shared_station() -> None:
    tables = feed.build_tables()

    platforms = [s for s in tables["stops.txt"] if s["location_type"] == "0"]
    stations = [s for s in tables["stops.txt"] if s["location_type"] == "1"]
    children = sorted(s["stop_id"] for s in platforms if s["parent_station"])

    assert [r["route_id"] for r in tables["routes.txt"]] == ["T1", "T2", "T3", "T4", "BW1", "BW2"]
    assert (len(platforms), [s["stop_name"] for s in stations]) == (
        151,
        ["Idriss El Allam – Idriss El Harti"],
    )
    assert children == ["T3-idriss-el-allam", "T4-idriss-el-harti"]


def test_feed_runs_peak_headways_on_weekdays_and_off_peak_at_weekends() -> None:
    tables = feed.build_tables()

    t1_weekday = [
        (f["start_time"], f["end_time"], f["headway_secs"])
        for f in tables["frequencies.txt"]
        if f["trip_id"] == "T1-0-WEEKDAY"
    ]
    t1_weekend = [
        (f["start_time"], f["end_time"], f["headway_secs"])
        for f in tables["frequencies.txt"]
        if f["trip_id"] == "T1-0-WEEKEND"
    ]

    assert t1_weekday == [
        ("05:30:00", "07:00:00", "510"),
        ("07:00:00", "09:30:00", "285"),
        ("09:30:00", "16:30:00", "510"),
        ("16:30:00", "19:30:00", "285"),
        ("19:30:00", "22:30:01", "510"),
    ]
    assert t1_weekend == [("05:30:00", "22:30:01", "510")]


def test_feed_fares_are_the_in_force_ticket_with_a_free_transfer_in_30_minutes() -> None:
    tables = feed.build_tables()

    assert tables["fare_attributes.txt"] == [
        {
            "fare_id": "TICKET",
            "price": "8.00",
            "currency_type": "MAD",
            "payment_method": "1",
            "transfers": "1",
            "agency_id": "CASATRANSPORTS",
            "transfer_duration": "1800",
        }
    ]
    assert len(tables["fare_rules.txt"]) == 6


def test_feed_carries_the_openstreetmap_attribution() -> None:
    tables = feed.build_tables()

    assert [a["organization_name"] for a in tables["attributions.txt"]] == [
        "OpenStreetMap contributors (ODbL)"
    ]


def test_public_holiday_on_a_weekday_runs_the_weekend_timetable(tmp_path: Path) -> None:
    path = tmp_path / "f.zip"
    path.write_bytes(feed.build_zip())
    schedule = schedule_from_feed(read_feed(path))

    labour_day_2026 = schedule.active_services(date(2026, 5, 1))  # a Friday
    ordinary_friday = schedule.active_services(date(2026, 5, 8))

    assert (labour_day_2026, ordinary_friday) == ({"WEEKEND"}, {"WEEKDAY"})


def test_special_hours_replace_the_normal_services_on_their_days(tmp_path: Path) -> None:
    ramadan = facts.SpecialHours("Ramadan", date(2026, 2, 18), date(2026, 3, 19), "06:00", "01:00")
    path = tmp_path / "f.zip"
    from casa.transit.gtfs import write_zip

    path.write_bytes(write_zip(feed.build_tables(special=[ramadan])))
    schedule = schedule_from_feed(read_feed(path))

    assert schedule.active_services(date(2026, 3, 2)) == {"RAMADAN-WEEKDAY"}  # a Monday
    assert schedule.active_services(date(2026, 3, 7)) == {"RAMADAN-WEEKEND"}  # a Saturday
    assert schedule.active_services(date(2026, 3, 23)) == {"WEEKDAY"}


def test_feed_bytes_are_the_same_for_the_same_dates() -> None:
    feed.build_zip.cache_clear()
    first = feed.build_zip()
    feed.build_zip.cache_clear()

    assert feed.build_zip() == first


def test_run_times_follow_the_commercial_speed_of_t1() -> None:
    t1 = next(line for line in facts.load_lines() if line.line_id == "T1")

    offsets = feed.run_offsets(t1, t1.stops)

    # 23.5 km at 19 km/h is 4,452.6 s; each stop's time is rounded to the second.
    assert (len(offsets), abs(offsets[-1][0] - 23.5 / 19.0 * 3600) < 1) == (37, True)
