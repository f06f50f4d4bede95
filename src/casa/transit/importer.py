"""Load any GTFS feed into the database, and read the loaded feeds back as one schedule."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from casa.transit import models as m
from casa.transit.exceptions import FeedInvalid, FeedProblem
from casa.transit.gtfs import Feed, Progress, read_feed
from casa.transit.schedule import (
    Frequency,
    RouteRec,
    Schedule,
    StopRec,
    TripRec,
    schedule_from_feed,
)

CHUNK = 5_000
Step = Callable[[str, int, int], None]
"""Told the table being written, the rows written so far and the rows to write."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import loaded."""

    name: str
    feed_id: int
    counts: dict[str, int]

    def __str__(self) -> str:
        parts = ", ".join(f"{n} {table}" for table, n in self.counts.items())
        return f"feed {self.name!r}: {parts}"


def feed_name(path: Path) -> str:
    """Return the default name of a feed: its file or folder name, lower-cased and dashed."""
    stem = path.name.removesuffix(".zip")
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "feed"


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _opt(row: dict[str, Any], key: str) -> Any:
    return row.get(key)


def delete_feed(*, session: Session, name: str) -> bool:
    """Delete a loaded feed and all its rows; tell whether there was one."""
    feed_id = session.scalar(select(m.TransitFeed.id).where(m.TransitFeed.name == name))
    if feed_id is None:
        return False
    for table in (
        m.TransitStopTime,
        m.TransitFrequency,
        m.TransitTrip,
        m.TransitServiceDate,
        m.TransitService,
        m.TransitFareRule,
        m.TransitFare,
        m.TransitTransfer,
        m.TransitRoute,
        m.TransitStop,
        m.TransitAgency,
    ):
        session.execute(delete(table).where(table.feed_id == feed_id))
    session.execute(delete(m.TransitFeed).where(m.TransitFeed.id == feed_id))
    session.flush()
    return True


def store_feed(
    *,
    session: Session,
    feed: Feed,
    name: str,
    source: str,
    now: datetime,
    step: Step | None = None,
) -> ImportReport:
    """Write a parsed feed under a name, replacing the feed of that name if loaded before."""
    schedule = schedule_from_feed(feed)  # checks the stop times before anything is written
    delete_feed(session=session, name=name)
    info = (feed.rows("feed_info.txt") or [{}])[0]
    attribution = "; ".join(r["organization_name"] for r in feed.rows("attributions.txt")) or None
    record = m.TransitFeed(
        name=name,
        source=source[:500],
        feed_version=_opt(info, "feed_version"),
        publisher=_opt(info, "feed_publisher_name"),
        attribution=attribution,
        start_date=_opt(info, "feed_start_date"),
        end_date=_opt(info, "feed_end_date"),
        imported_at=now,
    )
    session.add(record)
    session.flush()
    fid = record.id
    tables: list[tuple[str, type[m.Base], list[dict[str, Any]]]] = [
        (
            "agencies",
            m.TransitAgency,
            [
                {
                    "feed_id": fid,
                    "agency_id": r.get("agency_id", ""),
                    "name": r["agency_name"],
                    "url": r["agency_url"],
                    "timezone": r["agency_timezone"],
                    "lang": r.get("agency_lang"),
                }
                for r in feed.rows("agency.txt")
            ],
        ),
        (
            "stops",
            m.TransitStop,
            [
                {
                    "feed_id": fid,
                    "stop_id": r["stop_id"],
                    "code": r.get("stop_code"),
                    "name": r.get("stop_name", r["stop_id"]),
                    "lat": r.get("stop_lat"),
                    "lon": r.get("stop_lon"),
                    "location_type": r.get("location_type", 0),
                    "parent_station": r.get("parent_station"),
                }
                for r in feed.rows("stops.txt")
            ],
        ),
        (
            "routes",
            m.TransitRoute,
            [
                {
                    "feed_id": fid,
                    "route_id": r["route_id"],
                    "agency_id": r.get("agency_id"),
                    "short_name": r.get("route_short_name"),
                    "long_name": r.get("route_long_name"),
                    "route_type": r["route_type"],
                    "color": r.get("route_color"),
                    "text_color": r.get("route_text_color"),
                    "sort_order": r.get("route_sort_order"),
                }
                for r in feed.rows("routes.txt")
            ],
        ),
        (
            "services",
            m.TransitService,
            [
                {
                    "feed_id": fid,
                    "service_id": sid,
                    "days": days,
                    "start_date": first,
                    "end_date": last,
                }
                for sid, (days, first, last) in schedule.weekly.items()
            ],
        ),
        (
            "service dates",
            m.TransitServiceDate,
            [
                {"feed_id": fid, "service_id": sid, "date": when, "exception_type": kind}
                for (sid, when), kind in schedule.exceptions.items()
            ],
        ),
        (
            "trips",
            m.TransitTrip,
            [
                {
                    "feed_id": fid,
                    "trip_id": t.trip_id,
                    "route_id": t.route_id,
                    "service_id": t.service_id,
                    "headsign": t.headsign or None,
                    "direction_id": t.direction,
                }
                for t in schedule.trips
            ],
        ),
        (
            "stop times",
            m.TransitStopTime,
            [
                {
                    "feed_id": fid,
                    "trip_id": t.trip_id,
                    "stop_sequence": i,
                    "stop_id": s,
                    "arrival_s": a,
                    "departure_s": d,
                }
                for t in schedule.trips
                for i, (s, a, d) in enumerate(zip(t.stops, t.arr, t.dep, strict=True))
            ],
        ),
        (
            "frequencies",
            m.TransitFrequency,
            [
                {
                    "feed_id": fid,
                    "trip_id": tid,
                    "start_s": f.start,
                    "end_s": f.end,
                    "headway_s": f.headway,
                    "exact_times": int(f.exact),
                }
                for tid, spans in schedule.frequencies.items()
                for f in spans
            ],
        ),
        (
            "fares",
            m.TransitFare,
            [
                {
                    "feed_id": fid,
                    "fare_id": r["fare_id"],
                    "price": Decimal(str(r["price"])),
                    "currency": r["currency_type"],
                    "payment_method": r["payment_method"],
                    "transfers": r.get("transfers"),
                    "transfer_duration_s": r.get("transfer_duration"),
                }
                for r in feed.rows("fare_attributes.txt")
            ],
        ),
        (
            "fare rules",
            m.TransitFareRule,
            [
                {
                    "feed_id": fid,
                    "fare_id": r["fare_id"],
                    "route_id": r.get("route_id"),
                    "origin_id": r.get("origin_id"),
                    "destination_id": r.get("destination_id"),
                    "contains_id": r.get("contains_id"),
                }
                for r in feed.rows("fare_rules.txt")
            ],
        ),
        (
            "transfers",
            m.TransitTransfer,
            [
                {
                    "feed_id": fid,
                    "from_stop_id": r.get("from_stop_id"),
                    "to_stop_id": r.get("to_stop_id"),
                    "transfer_type": r["transfer_type"],
                    "min_transfer_time_s": r.get("min_transfer_time"),
                }
                for r in feed.rows("transfers.txt")
            ],
        ),
    ]
    counts: dict[str, int] = {}
    for label, model, rows in tables:
        written = 0
        for chunk in _chunks(rows):
            session.execute(insert(model), chunk)
            written += len(chunk)
            if step is not None:
                step(label, written, len(rows))
        counts[label] = len(rows)
    session.flush()
    return ImportReport(name=name, feed_id=fid, counts=counts)


def import_feed(
    *,
    session: Session,
    path: Path,
    now: datetime,
    name: str | None = None,
    progress: Progress | None = None,
    step: Step | None = None,
) -> ImportReport:
    """Read, check and load a GTFS zip or folder; raise FeedInvalid naming file, row and field."""
    feed = read_feed(path, progress=progress)
    if not feed.rows("trips.txt"):
        raise FeedInvalid([FeedProblem("trips.txt", None, None, "the feed has no trips")])
    return store_feed(
        session=session,
        feed=feed,
        name=name or feed_name(path),
        source=str(path),
        now=now,
        step=step,
    )


def feeds_token(*, session: Session) -> tuple[Any, ...]:
    """Return a value that changes whenever a feed is loaded, replaced or deleted."""
    row = session.execute(
        select(
            func.count(m.TransitFeed.id),
            func.max(m.TransitFeed.id),
            func.max(m.TransitFeed.imported_at),
        )
    ).one()
    return tuple(row)


def _prefixes(session: Session) -> dict[int, str]:
    """Return each loaded feed's id prefix: none for the first, ``name:`` for the others."""
    feeds = session.execute(
        select(m.TransitFeed.id, m.TransitFeed.name).order_by(m.TransitFeed.id)
    ).all()
    return {fid: ("" if i == 0 else f"{name}:") for i, (fid, name) in enumerate(feeds)}


def load_schedule(*, session: Session) -> Schedule:
    """Return the schedule of every loaded feed (ids of all but the first get a ``name:``)."""
    schedule = Schedule()
    prefixes = _prefixes(session)
    for s in session.scalars(select(m.TransitStop)):
        p = prefixes[s.feed_id]
        schedule.stops[p + s.stop_id] = StopRec(
            p + s.stop_id,
            s.name,
            s.lat or 0.0,
            s.lon or 0.0,
            s.location_type,
            p + s.parent_station if s.parent_station else None,
        )
    for r in session.scalars(select(m.TransitRoute)):
        p = prefixes[r.feed_id]
        schedule.routes[p + r.route_id] = RouteRec(
            p + r.route_id,
            r.short_name or "",
            r.long_name or "",
            r.route_type,
            r.color,
            r.text_color,
            r.agency_id,
        )
    times: dict[tuple[int, str], list[tuple[int, str, int, int]]] = {}
    rows: Iterable[Any] = session.execute(
        select(
            m.TransitStopTime.feed_id,
            m.TransitStopTime.trip_id,
            m.TransitStopTime.stop_sequence,
            m.TransitStopTime.stop_id,
            m.TransitStopTime.arrival_s,
            m.TransitStopTime.departure_s,
        )
    )
    for fid, tid, seq, sid, a, d in rows:
        times.setdefault((fid, tid), []).append((seq, sid, a, d))
    for t in session.scalars(select(m.TransitTrip)):
        p = prefixes[t.feed_id]
        st = sorted(times.get((t.feed_id, t.trip_id), []))
        if len(st) < 2:
            continue
        schedule.trips.append(
            TripRec(
                p + t.trip_id,
                p + t.route_id,
                p + t.service_id,
                t.headsign or "",
                t.direction_id,
                tuple(p + x[1] for x in st),
                tuple(x[2] for x in st),
                tuple(x[3] for x in st),
            )
        )
    for f in session.scalars(select(m.TransitFrequency).order_by(m.TransitFrequency.id)):
        schedule.frequencies.setdefault(prefixes[f.feed_id] + f.trip_id, []).append(
            Frequency(f.start_s, f.end_s, f.headway_s, bool(f.exact_times))
        )
    for c in session.scalars(select(m.TransitService)):
        schedule.weekly[prefixes[c.feed_id] + c.service_id] = (c.days, c.start_date, c.end_date)
    for e in session.scalars(select(m.TransitServiceDate)):
        schedule.exceptions[(prefixes[e.feed_id] + e.service_id, e.date)] = e.exception_type
    return schedule
