"""Reading any GTFS feed: typed rows, and problems that name the file, row and field."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casa.transit.exceptions import FeedInvalid
from casa.transit.gtfs import format_time, parse_time, read_feed

pytestmark = pytest.mark.unit

MINIMAL = {
    "agency.txt": "agency_name,agency_url,agency_timezone\nCasa,https://casa.ma,Africa/Casablanca\n",
    "stops.txt": "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,33.5,-7.6\nB,Beta,33.51,-7.6\n",
    "routes.txt": "route_id,route_short_name,route_type\nR,R,3\n",
    "trips.txt": "route_id,service_id,trip_id\nR,S,T\n",
    "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
    "T,08:00:00,08:00:00,A,1\nT,08:05:00,08:05:00,B,2\n",
    "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
    "start_date,end_date\nS,1,1,1,1,1,0,0,20260101,20261231\n",
}


def write_feed(folder: Path, **changes: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**MINIMAL, **changes}.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems(path: Path) -> list[str]:
    with pytest.raises(FeedInvalid) as caught:
        read_feed(path)
    return caught.value.extra["problems"]


def test_minimal_feed_reads_into_typed_rows(tmp_path: Path) -> None:
    feed = read_feed(write_feed(tmp_path / "f"))

    assert [(r["stop_id"], r["arrival_time"]) for r in feed.rows("stop_times.txt")] == [
        ("A", 8 * 3600),
        ("B", 8 * 3600 + 300),
    ]


def test_zipped_feed_in_a_subfolder_reads_like_the_folder(tmp_path: Path) -> None:
    folder = write_feed(tmp_path / "f")
    archive = tmp_path / "f.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in folder.iterdir():
            zf.write(p, f"gtfs/{p.name}")

    assert read_feed(archive).tables == read_feed(folder).tables


def test_bad_time_names_the_file_row_and_field(tmp_path: Path) -> None:
    bad = MINIMAL["stop_times.txt"].replace("08:05:00,08:05:00", "8h05,08:05:00")

    found = problems(write_feed(tmp_path / "f", **{"stop_times.txt": bad}))

    assert found == ["stop_times.txt, row 3, field arrival_time: '8h05' is not a time (H:MM:SS)"]


def test_unknown_stop_and_missing_file_are_reported(tmp_path: Path) -> None:
    bad = MINIMAL["stop_times.txt"].replace(",B,2", ",Z,2")

    assert problems(write_feed(tmp_path / "a", **{"stop_times.txt": bad})) == [
        "stop_times.txt, row 3, field stop_id: 'Z' is not in stops.txt"
    ]
    assert problems(write_feed(tmp_path / "b", **{"routes.txt": None})) == [
        "routes.txt: required file is missing"
    ]


def test_latitude_out_of_range_and_missing_column_are_reported(tmp_path: Path) -> None:
    stops = "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,95,-7.6\nB,Beta,33.51,-7.6\n"
    routes = "route_id,route_short_name\nR,R\n"

    assert problems(write_feed(tmp_path / "a", **{"stops.txt": stops})) == [
        "stops.txt, row 2, field stop_lat: latitude 95.0 is out of range"
    ]
    assert problems(write_feed(tmp_path / "b", **{"routes.txt": routes})) == [
        "routes.txt, row 1, field route_type: required column is missing"
    ]


def test_not_a_zip_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "feed.zip"
    path.write_text("hello")

    assert problems(path) == ["feed.zip: is not a zip archive"]


@given(st.integers(0, 99 * 3600 + 3599))
def test_time_formats_and_parses_back(seconds: int) -> None:
    assert parse_time(format_time(seconds)) == seconds
