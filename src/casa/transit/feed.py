"""Casablanca's tram and busway network as a GTFS feed, built from the bundled facts.

Stops come in line order with their OpenStreetMap positions; run times from the distances
along each line at a commercial speed; trips from the published headways by period of day,
as ``frequencies.txt`` with exact times; fares as fare rules with the free transfer within
30 minutes; a calendar with Morocco's fixed public holidays (weekend timetable) and room for
special periods such as Ramadan hours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from casa.core.geo import haversine_m
from casa.transit.facts import (
    DAY_NAMES,
    WEEKDAY_PERIODS,
    WEEKEND_PERIODS,
    LineFact,
    Period,
    SpecialHours,
    StopFact,
    holidays,
    load_lines,
    single_ticket,
    slug,
)
from casa.transit.gtfs import format_date, format_time, parse_time, write_zip

AGENCY_ID = "CASATRANSPORTS"
AGENCY_NAME = "Casa Transports (Tramway et Busway de Casablanca)"
AGENCY_URL = "https://www.casatramway.ma"
TIMEZONE = "Africa/Casablanca"
ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
FEED_NAME = "casablanca"
DEFAULT_START = date(2025, 1, 1)
DEFAULT_END = date(2027, 12, 31)

# Commercial speeds (stops included), from the operator's published end-to-end times of
# about 70 minutes for T1's 23.5 km; the busway runs in its own lane at a similar pace.
COMMERCIAL_SPEED_KMH = {"tram": 19.0, "busway": 18.0}
DWELL_S = 20
# When a line's length is not published, the path is this much longer than the stop chain.
DETOUR = 1.15
ROUTE_TYPES = {"tram": 0, "busway": 3}
COLOURS = {
    "T1": "C8102E",
    "T2": "F39200",
    "T3": "7D3C98",
    "T4": "00A651",
    "BW1": "0072BC",
    "BW2": "00A3E0",
}
TRANSFER_AT_STATION_S = 120
FARE_TRANSFER_S = 1800


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _is_weekend_day(day: date, off_days: set[date]) -> bool:
    """Tell whether a day runs the weekend timetable: Saturday, Sunday or a public holiday."""
    return day.weekday() >= 5 or day in off_days


def stop_id(stop: StopFact) -> str:
    """Return the GTFS stop id of a line's stop, e.g. ``T1-casa-voyageurs``."""
    return f"{stop.line_id}-{slug(stop.name)}"


def _station_groups(lines: Sequence[LineFact]) -> dict[str, list[StopFact]]:
    """Group the stops that are one station: the same OSM stop, position or name across lines."""
    groups: dict[str, list[StopFact]] = {}
    keys: dict[str, str] = {}
    for line in lines:
        for stop in line.stops:
            candidates = [
                f"name:{slug(stop.name)}",
                f"pos:{stop.lat:.5f},{stop.lon:.5f}",
            ]
            if stop.osm_ref.startswith("node/"):
                candidates.append(f"osm:{stop.osm_ref}")
            group = next((keys[c] for c in candidates if c in keys), f"ST-{slug(stop.name)}")
            for c in candidates:
                keys.setdefault(c, group)
            groups.setdefault(group, []).append(stop)
    return {k: v for k, v in groups.items() if len({s.line_id for s in v}) > 1}


def run_offsets(line: LineFact, stops: Sequence[StopFact]) -> list[tuple[int, int]]:
    """Return (arrival, departure) offsets in seconds from the first stop, along the stops given."""
    legs = [haversine_m((a.lat, a.lon), (b.lat, b.lon)) for a, b in pairwise(stops)]
    chain = sum(legs)
    path_m = line.length_km * 1000 if line.length_km else chain * DETOUR
    total_s = path_m / (COMMERCIAL_SPEED_KMH[line.mode] / 3.6)
    running_s = total_s - DWELL_S * max(len(stops) - 2, 0)
    offsets = [(0, 0)]
    clock = 0.0
    for index, leg in enumerate(legs, start=1):
        clock += running_s * leg / chain
        arrival = round(clock)
        departure = arrival if index == len(legs) else arrival + DWELL_S
        offsets.append((arrival, departure))
        clock = float(departure)
    return offsets


def _frequencies(
    line: LineFact, periods: Iterable[Period], first: str, last: str
) -> list[tuple[int, int, int]]:
    """Return (start, end, headway) of each period, clipped to the opening hours."""
    opening, closing = parse_time(first + ":00"), parse_time(last + ":00") + 1
    spans = []
    for period in periods:
        start = max(parse_time(period.start + ":00"), opening)
        end = min(parse_time(period.end + ":00"), closing)
        if start < end:
            headway = line.peak_headway_s if period.peak else line.offpeak_headway_s
            spans.append((start, end, headway))
    return spans


def build_tables(
    *,
    start: date = DEFAULT_START,
    end: date = DEFAULT_END,
    special: Sequence[SpecialHours] = (),
    lines: Sequence[LineFact] | None = None,
) -> dict[str, list[dict[str, str]]]:
    """Return the feed's files as rows of text, for service between two dates."""
    if end < start:
        raise ValueError("the feed's end date is before its start date")
    lines = tuple(lines if lines is not None else load_lines())
    stations = _station_groups(lines)
    parent_of = {stop_id(s): group for group, members in stations.items() for s in members}

    stops_rows: list[dict[str, str]] = []
    for group, members in sorted(stations.items()):
        lat = sum(s.lat for s in members) / len(members)
        lon = sum(s.lon for s in members) / len(members)
        name = " – ".join(dict.fromkeys(s.name for s in members))
        stops_rows.append(
            {
                "stop_id": group,
                "stop_name": name,
                "stop_lat": f"{lat:.6f}",
                "stop_lon": f"{lon:.6f}",
                "location_type": "1",
                "parent_station": "",
            }
        )
    for line in lines:
        for stop in line.stops:
            stops_rows.append(
                {
                    "stop_id": stop_id(stop),
                    "stop_name": stop.name,
                    "stop_lat": f"{stop.lat:.6f}",
                    "stop_lon": f"{stop.lon:.6f}",
                    "location_type": "0",
                    "parent_station": parent_of.get(stop_id(stop), ""),
                }
            )

    routes_rows = [
        {
            "route_id": line.line_id,
            "agency_id": AGENCY_ID,
            "route_short_name": line.line_id,
            "route_long_name": f"{line.stops[0].name} – {line.stops[-1].name}",
            "route_type": str(ROUTE_TYPES[line.mode]),
            "route_color": COLOURS.get(line.line_id, "444444"),
            "route_text_color": "FFFFFF",
            "route_sort_order": str(index),
        }
        for index, line in enumerate(lines, start=1)
    ]

    calendar_rows: list[dict[str, str]] = []
    dates_rows: list[dict[str, str]] = []
    trips_rows: list[dict[str, str]] = []
    times_rows: list[dict[str, str]] = []
    freq_rows: list[dict[str, str]] = []
    off_days = set(holidays(start, end))
    special_days = {
        day: sp for sp in special for day in _days(max(sp.start, start), min(sp.end, end))
    }

    def add_service(service: str, weekend: bool, first_day: date) -> None:
        calendar_rows.append(
            {
                "service_id": service,
                **{day: str(int((i >= 5) == weekend)) for i, day in enumerate(DAY_NAMES)},
                "start_date": format_date(first_day),
                "end_date": format_date(end),
            }
        )
        for day in _days(first_day, end):
            natural = (day.weekday() >= 5) == weekend
            wanted = day not in special_days and _is_weekend_day(day, off_days) == weekend
            if natural != wanted:
                dates_rows.append(
                    {
                        "service_id": service,
                        "date": format_date(day),
                        "exception_type": "1" if wanted else "2",
                    }
                )

    services: dict[tuple[date, bool], str] = {}
    special_services: set[str] = set()
    for line in lines:
        first_day = max(start, line.opened)
        if first_day > end:
            continue
        for weekend in (False, True):
            key = (first_day, weekend)
            if key not in services:
                base = "WEEKEND" if weekend else "WEEKDAY"
                services[key] = base if first_day == start else f"{base}-{format_date(first_day)}"
                add_service(services[key], weekend, first_day)
        plans: list[tuple[str, tuple[Period, ...], str, str]] = [
            (
                services[(first_day, False)],
                WEEKDAY_PERIODS,
                line.first_departure,
                line.last_departure,
            ),
            (
                services[(first_day, True)],
                WEEKEND_PERIODS,
                line.first_departure,
                line.last_departure,
            ),
        ]
        for sp in special:
            for weekend in (False, True):
                service = f"{slug(sp.name).upper()}-{'WEEKEND' if weekend else 'WEEKDAY'}"
                days = sorted(
                    d
                    for d, s in special_days.items()
                    if s is sp and d >= first_day and _is_weekend_day(d, off_days) == weekend
                )
                if not days:
                    continue
                if service not in special_services:
                    special_services.add(service)
                    calendar_rows.append(
                        {
                            "service_id": service,
                            **dict.fromkeys(DAY_NAMES, "0"),
                            "start_date": format_date(days[0]),
                            "end_date": format_date(days[-1]),
                        }
                    )
                    dates_rows.extend(
                        {"service_id": service, "date": format_date(d), "exception_type": "1"}
                        for d in days
                    )
                periods = WEEKEND_PERIODS if weekend else WEEKDAY_PERIODS
                plans.append((service, periods, sp.first_departure, sp.last_departure))
        for direction in (0, 1):
            stops = line.stops if direction == 0 else tuple(reversed(line.stops))
            offsets = run_offsets(line, stops)
            for service, periods, first, last in plans:
                trip = f"{line.line_id}-{direction}-{service}"
                trips_rows.append(
                    {
                        "route_id": line.line_id,
                        "service_id": service,
                        "trip_id": trip,
                        "trip_headsign": stops[-1].name,
                        "direction_id": str(direction),
                    }
                )
                spans = _frequencies(line, periods, first, last)
                # Frequency-based trips keep relative times; anchor them at the first departure.
                anchor = spans[0][0] if spans else 0
                for seq, (stop, (arr, dep)) in enumerate(zip(stops, offsets, strict=True), start=1):
                    times_rows.append(
                        {
                            "trip_id": trip,
                            "arrival_time": format_time(anchor + arr),
                            "departure_time": format_time(anchor + dep),
                            "stop_id": stop_id(stop),
                            "stop_sequence": str(seq),
                            "timepoint": "0" if 1 < seq < len(stops) else "1",
                        }
                    )
                for span_start, span_end, headway in spans:
                    freq_rows.append(
                        {
                            "trip_id": trip,
                            "start_time": format_time(span_start),
                            "end_time": format_time(span_end),
                            "headway_secs": str(headway),
                            "exact_times": "1",
                        }
                    )

    single = single_ticket("in force")
    fare_rows = [
        {
            "fare_id": "TICKET",
            "price": f"{single.price_mad:.2f}",
            "currency_type": "MAD",
            "payment_method": "1",
            "transfers": "1",
            "agency_id": AGENCY_ID,
            "transfer_duration": str(FARE_TRANSFER_S),
        }
    ]
    fare_rule_rows = [{"fare_id": "TICKET", "route_id": line.line_id} for line in lines]
    transfer_rows = [
        {
            "from_stop_id": stop_id(a),
            "to_stop_id": stop_id(b),
            "transfer_type": "2",
            "min_transfer_time": str(TRANSFER_AT_STATION_S),
        }
        for members in stations.values()
        for a in members
        for b in members
        if a.line_id != b.line_id
    ]
    version = hashlib.sha256(repr((lines, special, start, end, single)).encode()).hexdigest()[:10]
    tables: dict[str, list[dict[str, str]]] = {
        "agency.txt": [
            {
                "agency_id": AGENCY_ID,
                "agency_name": AGENCY_NAME,
                "agency_url": AGENCY_URL,
                "agency_timezone": TIMEZONE,
                "agency_lang": "fr",
            }
        ],
        "stops.txt": stops_rows,
        "routes.txt": routes_rows,
        "trips.txt": trips_rows,
        "stop_times.txt": times_rows,
        "frequencies.txt": freq_rows,
        "calendar.txt": calendar_rows,
        "calendar_dates.txt": dates_rows,
        "fare_attributes.txt": fare_rows,
        "fare_rules.txt": fare_rule_rows,
        "transfers.txt": transfer_rows,
        "feed_info.txt": [
            {
                "feed_publisher_name": "Casa, the open smart-city platform of Casablanca",
                "feed_publisher_url": "https://casa.ma",
                "feed_lang": "fr",
                "feed_contact_url": "https://casa.ma/transit",
                "feed_start_date": format_date(start),
                "feed_end_date": format_date(end),
                "feed_version": f"{format_date(start)}-{version}",
            }
        ],
        "attributions.txt": [
            {
                "attribution_id": "osm",
                "organization_name": "OpenStreetMap contributors (ODbL)",
                "is_producer": "1",
                "is_operator": "0",
                "is_authority": "0",
                "attribution_url": "https://www.openstreetmap.org/copyright",
            }
        ],
    }
    if not dates_rows:
        del tables["calendar_dates.txt"]
    return tables


@lru_cache(maxsize=4)
def build_zip(start: date = DEFAULT_START, end: date = DEFAULT_END) -> bytes:
    """Return the Casablanca feed as zip bytes (the same bytes for the same dates)."""
    return write_zip(build_tables(start=start, end=end))
