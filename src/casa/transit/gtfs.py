"""GTFS Schedule as data: the files and fields Casa reads, parsed and checked row by row.

A feed is read from a zip or a folder into typed rows (times in seconds after midnight, dates
as ``date``), and every problem names its file, row (line number, the header being line 1) and
field, so whoever publishes the feed can fix it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from casa.transit.exceptions import FeedInvalid, FeedProblem
from casa.transit.gtfs_schema import SPECS, Column, FileSpec

Row = dict[str, Any]
Progress = Callable[[str, int], None]
"""Told the file being read and the number of rows read so far."""

MAX_PROBLEMS = 50


_TIME = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)$")
_COLOR = re.compile(r"^[0-9A-Fa-f]{6}$")


def parse_time(text: str) -> int:
    """Return a GTFS time (``H:MM:SS``, hours may pass 24) as seconds after midnight."""
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a time (H:MM:SS)")
    hours, minutes, seconds = (int(part) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_time(seconds: int) -> str:
    """Return seconds after midnight as a GTFS time ``HH:MM:SS``."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def parse_date(text: str) -> date:
    """Return a GTFS date (``YYYYMMDD``)."""
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"{text!r} is not a date (YYYYMMDD)")
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def format_date(day: date) -> str:
    """Return a date as GTFS writes it (``YYYYMMDD``)."""
    return day.strftime("%Y%m%d")


def _parse(column: Column, text: str) -> Any:
    kind = column.kind
    if kind in ("id", "text"):
        return text
    if kind == "int":
        value: Any = int(text)
        if column.choices is not None and value not in column.choices:
            raise ValueError(f"{value} is not one of {', '.join(map(str, column.choices))}")
        return value
    if kind == "float":
        return float(text)
    if kind == "lat":
        value = float(text)
        if not -90 <= value <= 90:
            raise ValueError(f"latitude {value} is out of range")
        return value
    if kind == "lon":
        value = float(text)
        if not -180 <= value <= 180:
            raise ValueError(f"longitude {value} is out of range")
        return value
    if kind == "time":
        return parse_time(text)
    if kind == "date":
        return parse_date(text)
    if not _COLOR.match(text):
        raise ValueError(f"{text!r} is not a colour (six hexadecimal digits)")
    return text.upper()


@dataclass
class Feed:
    """A parsed feed: each file's typed rows, by file name."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, name: str) -> list[Row]:
        """Return the rows of a file (none if the feed lacks it)."""
        return self.tables.get(name, [])


class _Source:
    """The files of a feed, in a zip or a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        self.names: dict[str, str] = {}
        if path.is_dir():
            self.names = {p.name: p.name for p in path.iterdir() if p.is_file()}
        elif path.is_file():
            try:
                self.zip = zipfile.ZipFile(path)
            except zipfile.BadZipFile:
                raise FeedInvalid(
                    [FeedProblem(path.name, None, None, "is not a zip archive")]
                ) from None
            # Some publishers zip the folder itself: accept files one level down.
            for info in self.zip.infolist():
                if not info.is_dir():
                    self.names.setdefault(info.filename.rsplit("/", 1)[-1], info.filename)
        else:
            raise FileNotFoundError(f"{path} does not exist")

    def open(self, name: str) -> io.TextIOBase:
        member = self.names[name]
        if self.zip is not None:
            return io.TextIOWrapper(self.zip.open(member), encoding="utf-8-sig", newline="")
        return (self.path / member).open(encoding="utf-8-sig", newline="")

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _read_file(
    source: _Source, spec: FileSpec, problems: list[FeedProblem], progress: Progress | None
) -> list[Row]:
    rows: list[Row] = []
    try:
        with source.open(spec.name) as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            known = [(i, c) for c in spec.columns for i, h in enumerate(header) if h == c.name]
            for column in spec.columns:
                if column.required and column.name not in header:
                    problems.append(
                        FeedProblem(spec.name, 1, column.name, "required column is missing")
                    )
            if len(problems) >= MAX_PROBLEMS:
                return rows
            for line, record in enumerate(reader, start=2):
                if not any(cell.strip() for cell in record):
                    continue
                row: Row = {}
                for index, column in known:
                    text = record[index].strip() if index < len(record) else ""
                    if not text:
                        if column.required:
                            problems.append(
                                FeedProblem(spec.name, line, column.name, "is required")
                            )
                        continue
                    try:
                        row[column.name] = _parse(column, text)
                    except ValueError as exc:
                        problems.append(FeedProblem(spec.name, line, column.name, str(exc)))
                row["_line"] = line
                rows.append(row)
                if len(problems) >= MAX_PROBLEMS:
                    return rows
                if progress is not None and line % 10_000 == 0:
                    progress(spec.name, len(rows))
    except UnicodeDecodeError:
        problems.append(FeedProblem(spec.name, None, None, "is not UTF-8 text"))
    except csv.Error as exc:
        problems.append(FeedProblem(spec.name, None, None, f"is not valid CSV: {exc}"))
    if progress is not None:
        progress(spec.name, len(rows))
    return rows


def _check_references(feed: Feed, problems: list[FeedProblem]) -> None:
    def ids(name: str, key: str) -> set[str]:
        return {row[key] for row in feed.rows(name) if key in row}

    def refer(name: str, key: str, targets: set[str], target_name: str) -> None:
        for row in feed.rows(name):
            if len(problems) >= MAX_PROBLEMS:
                return
            value = row.get(key)
            if value is not None and value not in targets:
                problems.append(
                    FeedProblem(name, row["_line"], key, f"{value!r} is not in {target_name}")
                )

    def unique(name: str, *keys: str) -> None:
        seen: set[tuple[Any, ...]] = set()
        for row in feed.rows(name):
            key = tuple(row.get(k) for k in keys)
            if key in seen:
                problems.append(FeedProblem(name, row["_line"], keys[-1], f"{key!r} appears twice"))
            seen.add(key)

    unique("stops.txt", "stop_id")
    unique("routes.txt", "route_id")
    unique("trips.txt", "trip_id")
    unique("stop_times.txt", "trip_id", "stop_sequence")
    stops, trips = ids("stops.txt", "stop_id"), ids("trips.txt", "trip_id")
    services = ids("calendar.txt", "service_id") | ids("calendar_dates.txt", "service_id")
    refer("trips.txt", "route_id", ids("routes.txt", "route_id"), "routes.txt")
    refer("trips.txt", "service_id", services, "calendar.txt or calendar_dates.txt")
    refer("stop_times.txt", "trip_id", trips, "trips.txt")
    refer("stop_times.txt", "stop_id", stops, "stops.txt")
    refer("stops.txt", "parent_station", stops, "stops.txt")
    refer("frequencies.txt", "trip_id", trips, "trips.txt")
    refer("fare_rules.txt", "fare_id", ids("fare_attributes.txt", "fare_id"), "fare_attributes.txt")
    refer("transfers.txt", "from_stop_id", stops, "stops.txt")
    refer("transfers.txt", "to_stop_id", stops, "stops.txt")
    for row in feed.rows("stops.txt"):
        if row.get("location_type", 0) in (0, 1, 2) and (
            "stop_lat" not in row or "stop_lon" not in row
        ):
            problems.append(
                FeedProblem(
                    "stops.txt", row["_line"], "stop_lat", "a stop or station needs a position"
                )
            )
    for row in feed.rows("frequencies.txt"):
        if row.get("headway_secs", 1) <= 0:
            problems.append(
                FeedProblem("frequencies.txt", row["_line"], "headway_secs", "must be positive")
            )


def read_feed(path: Path, *, progress: Progress | None = None) -> Feed:
    """Read and check a GTFS feed from a zip or a folder; raise FeedInvalid listing its problems."""
    source = _Source(path)
    problems: list[FeedProblem] = []
    feed = Feed()
    try:
        for spec in SPECS.values():
            if spec.name not in source.names:
                if spec.required:
                    problems.append(FeedProblem(spec.name, None, None, "required file is missing"))
                continue
            feed.tables[spec.name] = _read_file(source, spec, problems, progress)
            if len(problems) >= MAX_PROBLEMS:
                break
    finally:
        source.close()
    if "calendar.txt" not in feed.tables and "calendar_dates.txt" not in feed.tables:
        problems.append(
            FeedProblem(
                "calendar.txt", None, None, "calendar.txt or calendar_dates.txt is required"
            )
        )
    if not problems:
        _check_references(feed, problems)
    if problems:
        raise FeedInvalid(problems[:MAX_PROBLEMS])
    return feed


def write_zip(tables: dict[str, list[dict[str, str]]]) -> bytes:
    """Return a feed's text tables as zip bytes, the same bytes for the same tables."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(tables):
            rows = tables[name]
            columns = list(dict.fromkeys(key for row in rows for key in row))
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.getvalue().encode("utf-8"))
    return buf.getvalue()


def iter_problems(exc: FeedInvalid) -> Iterator[str]:
    """Yield each problem of an invalid feed as one readable line."""
    for problem in exc.problems:
        yield str(problem)
