"""The GTFS Schedule files and fields Casa reads, as data: kinds, required fields, choices."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["id", "text", "int", "float", "time", "date", "color", "lat", "lon"]


@dataclass(frozen=True, slots=True)
class Column:
    """One field of a GTFS file: its kind, whether it must be there, its allowed values."""

    name: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One file of a GTFS feed."""

    name: str
    columns: tuple[Column, ...]
    required: bool = False


def _c(
    name: str, kind: Kind = "text", required: bool = False, choices: Iterable[int] = ()
) -> Column:
    return Column(name, kind, required, tuple(choices) or None)


DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

SPECS: dict[str, FileSpec] = {
    spec.name: spec
    for spec in (
        FileSpec(
            "agency.txt",
            (
                _c("agency_id", "id"),
                _c("agency_name", required=True),
                _c("agency_url", required=True),
                _c("agency_timezone", required=True),
                _c("agency_lang"),
                _c("agency_phone"),
            ),
            required=True,
        ),
        FileSpec(
            "stops.txt",
            (
                _c("stop_id", "id", required=True),
                _c("stop_code"),
                _c("stop_name"),
                _c("stop_lat", "lat"),
                _c("stop_lon", "lon"),
                _c("location_type", "int", choices=range(5)),
                _c("parent_station", "id"),
                _c("wheelchair_boarding", "int", choices=range(3)),
                _c("platform_code"),
            ),
            required=True,
        ),
        FileSpec(
            "routes.txt",
            (
                _c("route_id", "id", required=True),
                _c("agency_id", "id"),
                _c("route_short_name"),
                _c("route_long_name"),
                _c("route_type", "int", required=True),
                _c("route_color", "color"),
                _c("route_text_color", "color"),
                _c("route_sort_order", "int"),
            ),
            required=True,
        ),
        FileSpec(
            "trips.txt",
            (
                _c("route_id", "id", required=True),
                _c("service_id", "id", required=True),
                _c("trip_id", "id", required=True),
                _c("trip_headsign"),
                _c("direction_id", "int", choices=(0, 1)),
                _c("shape_id", "id"),
            ),
            required=True,
        ),
        FileSpec(
            "stop_times.txt",
            (
                _c("trip_id", "id", required=True),
                _c("arrival_time", "time"),
                _c("departure_time", "time"),
                _c("stop_id", "id", required=True),
                _c("stop_sequence", "int", required=True),
                _c("pickup_type", "int", choices=range(4)),
                _c("drop_off_type", "int", choices=range(4)),
                _c("timepoint", "int", choices=(0, 1)),
            ),
            required=True,
        ),
        FileSpec(
            "calendar.txt",
            (
                _c("service_id", "id", required=True),
                *(_c(day, "int", required=True, choices=(0, 1)) for day in DAYS),
                _c("start_date", "date", required=True),
                _c("end_date", "date", required=True),
            ),
        ),
        FileSpec(
            "calendar_dates.txt",
            (
                _c("service_id", "id", required=True),
                _c("date", "date", required=True),
                _c("exception_type", "int", required=True, choices=(1, 2)),
            ),
        ),
        FileSpec(
            "frequencies.txt",
            (
                _c("trip_id", "id", required=True),
                _c("start_time", "time", required=True),
                _c("end_time", "time", required=True),
                _c("headway_secs", "int", required=True),
                _c("exact_times", "int", choices=(0, 1)),
            ),
        ),
        FileSpec(
            "fare_attributes.txt",
            (
                _c("fare_id", "id", required=True),
                _c("price", "float", required=True),
                _c("currency_type", required=True),
                _c("payment_method", "int", required=True, choices=(0, 1)),
                _c("transfers", "int", choices=(0, 1, 2)),
                _c("agency_id", "id"),
                _c("transfer_duration", "int"),
            ),
        ),
        FileSpec(
            "fare_rules.txt",
            (
                _c("fare_id", "id", required=True),
                _c("route_id", "id"),
                _c("origin_id", "id"),
                _c("destination_id", "id"),
                _c("contains_id", "id"),
            ),
        ),
        FileSpec(
            "transfers.txt",
            (
                _c("from_stop_id", "id"),
                _c("to_stop_id", "id"),
                _c("transfer_type", "int", required=True, choices=range(6)),
                _c("min_transfer_time", "int"),
            ),
        ),
        FileSpec(
            "shapes.txt",
            (
                _c("shape_id", "id", required=True),
                _c("shape_pt_lat", "lat", required=True),
                _c("shape_pt_lon", "lon", required=True),
                _c("shape_pt_sequence", "int", required=True),
                _c("shape_dist_traveled", "float"),
            ),
        ),
        FileSpec(
            "feed_info.txt",
            (
                _c("feed_publisher_name", required=True),
                _c("feed_publisher_url", required=True),
                _c("feed_lang", required=True),
                _c("feed_start_date", "date"),
                _c("feed_end_date", "date"),
                _c("feed_version"),
                _c("feed_contact_url"),
            ),
        ),
        FileSpec(
            "attributions.txt",
            (
                _c("attribution_id", "id"),
                _c("organization_name", required=True),
                _c("is_producer", "int", choices=(0, 1)),
                _c("is_operator", "int", choices=(0, 1)),
                _c("is_authority", "int", choices=(0, 1)),
                _c("attribution_url"),
            ),
        ),
    )
}
