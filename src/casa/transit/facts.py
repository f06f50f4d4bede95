"""The bundled facts of Casablanca's tram and busway: lines, stops, fares, holidays, periods."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Period:
    """A part of the day run at one headway (peak or off-peak)."""

    start: str
    end: str
    peak: bool


WEEKDAY_PERIODS: tuple[Period, ...] = (
    Period("00:00", "07:00", False),
    Period("07:00", "09:30", True),
    Period("09:30", "16:30", False),
    Period("16:30", "19:30", True),
    Period("19:30", "30:00", False),
)
WEEKEND_PERIODS: tuple[Period, ...] = (Period("00:00", "30:00", False),)
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class SpecialHours:
    """A stretch of days with other opening hours (Ramadan, an event), weekends included."""

    name: str
    start: date
    end: date
    first_departure: str
    last_departure: str


@dataclass(frozen=True, slots=True)
class StopFact:
    """One stop of one line, as listed in the bundled facts."""

    line_id: str
    seq: int
    name: str
    alias: str
    lat: float
    lon: float
    coord_quality: str
    osm_ref: str


@dataclass(frozen=True, slots=True)
class LineFact:
    """One line of the network, as listed in the bundled facts."""

    line_id: str
    mode: str
    name: str
    length_km: float | None
    opened: date
    first_departure: str
    last_departure: str
    peak_headway_s: int
    offpeak_headway_s: int
    stops: tuple[StopFact, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class FareFact:
    """One fare product with its status (``in force`` or ``voted``) and date."""

    product: str
    price_mad: float
    applies_to: str
    status: str
    effective_from: date | None


def data_dir() -> Path:
    """Return the folder of the bundled transit facts."""
    return Path(str(resources.files("casa.data"))) / "transit"


def _rows(name: str) -> list[dict[str, str]]:
    with (data_dir() / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def slug(text: str) -> str:
    """Return an ASCII, lower-case, dash-separated form of a name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@lru_cache(maxsize=1)
def load_lines() -> tuple[LineFact, ...]:
    """Return the lines with their stops in order, from the bundled facts."""
    stops: dict[str, list[StopFact]] = {}
    for row in _rows("transit_stops.csv"):
        stops.setdefault(row["line_id"], []).append(
            StopFact(
                line_id=row["line_id"],
                seq=int(row["seq"]),
                name=row["stop_name"],
                alias=row["alias"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                coord_quality=row["coord_quality"],
                osm_ref=row["osm_ref"],
            )
        )
    lines = []
    for row in _rows("transit_lines.csv"):
        lines.append(
            LineFact(
                line_id=row["line_id"],
                mode=row["mode"],
                name=row["name"],
                length_km=float(row["length_km"]) if row["length_km"] else None,
                opened=date.fromisoformat(row["opened"]),
                first_departure=row["first_departure"],
                last_departure=row["last_departure"],
                peak_headway_s=round(float(row["peak_headway_min"]) * 60),
                offpeak_headway_s=round(float(row["offpeak_headway_min"]) * 60),
                stops=tuple(sorted(stops.get(row["line_id"], []), key=lambda s: s.seq)),
            )
        )
    return tuple(lines)


@lru_cache(maxsize=1)
def load_fares() -> tuple[FareFact, ...]:
    """Return every fare product of the bundled facts, both tables included."""
    return tuple(
        FareFact(
            product=row["product"],
            price_mad=float(row["price_mad"]),
            applies_to=row["applies_to"],
            status=row["status"],
            effective_from=date.fromisoformat(row["effective_from"])
            if row["effective_from"]
            else None,
        )
        for row in _rows("fares.csv")
    )


def single_ticket(status: str = "in force") -> FareFact:
    """Return the single tram and busway ticket of a fare table (``in force`` or ``voted``)."""
    for fare in load_fares():
        if (
            fare.applies_to == "tram+busway"
            and fare.product.startswith("single")
            and fare.status == status
        ):
            return fare
    raise LookupError(f"no single ticket with status {status!r}")


def holidays(start: date, end: date) -> list[date]:
    """Return Morocco's fixed-date public holidays between two dates, both included."""
    found = []
    for row in _rows("holidays.csv"):
        month, day = (int(part) for part in row["month_day"].split("-"))
        for year in range(start.year, end.year + 1):
            when = date(year, month, day)
            if start <= when <= end:
                found.append(when)
    return sorted(found)
