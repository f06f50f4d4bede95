"""Transit tables: loaded GTFS feeds, one table per GTFS file, ids kept as the feed gives them.

Every row belongs to a feed (``feed_id``); GTFS ids are unique within their feed, so several
feeds (the tram and busway, the operator's buses) live side by side and are replaced whole.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from casa.core.db import Base, UTCDateTime

GTFS_ID = 128


def _feed_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("transit_feeds.id", ondelete="CASCADE"), index=True)


class TransitFeed(Base):
    """A GTFS feed loaded into Casa, replaced whole when loaded again under the same name."""

    __tablename__ = "transit_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(500))
    feed_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    publisher: Mapped[str | None] = mapped_column(String(255), nullable=True)
    attribution: Mapped[str | None] = mapped_column(Text, nullable=True)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TransitAgency(Base):
    """agency.txt."""

    __tablename__ = "transit_agencies"
    __table_args__ = (UniqueConstraint("feed_id", "agency_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    agency_id: Mapped[str] = mapped_column(String(GTFS_ID))
    name: Mapped[str] = mapped_column(String(255))
    url: Mapped[str] = mapped_column(String(500))
    timezone: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(16), nullable=True)


class TransitStop(Base):
    """stops.txt: platforms (0), stations (1), entrances (2) and other nodes."""

    __tablename__ = "transit_stops"
    __table_args__ = (UniqueConstraint("feed_id", "stop_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    stop_id: Mapped[str] = mapped_column(String(GTFS_ID))
    code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    name: Mapped[str] = mapped_column(String(255))
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    location_type: Mapped[int] = mapped_column(Integer, default=0)
    parent_station: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)


class TransitRoute(Base):
    """routes.txt: a line."""

    __tablename__ = "transit_routes"
    __table_args__ = (UniqueConstraint("feed_id", "route_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    route_id: Mapped[str] = mapped_column(String(GTFS_ID))
    agency_id: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)
    short_name: Mapped[str | None] = mapped_column(String(64), nullable=True)
    long_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    route_type: Mapped[int] = mapped_column(Integer)
    color: Mapped[str | None] = mapped_column(String(6), nullable=True)
    text_color: Mapped[str | None] = mapped_column(String(6), nullable=True)
    sort_order: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TransitService(Base):
    """calendar.txt: the weekdays a service runs (``days`` is seven 0/1 from Monday)."""

    __tablename__ = "transit_services"
    __table_args__ = (UniqueConstraint("feed_id", "service_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    service_id: Mapped[str] = mapped_column(String(GTFS_ID))
    days: Mapped[str] = mapped_column(String(7))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class TransitServiceDate(Base):
    """calendar_dates.txt: a service added (1) or removed (2) on one date."""

    __tablename__ = "transit_service_dates"
    __table_args__ = (UniqueConstraint("feed_id", "service_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    service_id: Mapped[str] = mapped_column(String(GTFS_ID))
    date: Mapped[date] = mapped_column(Date)
    exception_type: Mapped[int] = mapped_column(Integer)


class TransitTrip(Base):
    """trips.txt."""

    __tablename__ = "transit_trips"
    __table_args__ = (UniqueConstraint("feed_id", "trip_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    trip_id: Mapped[str] = mapped_column(String(GTFS_ID))
    route_id: Mapped[str] = mapped_column(String(GTFS_ID))
    service_id: Mapped[str] = mapped_column(String(GTFS_ID))
    headsign: Mapped[str | None] = mapped_column(String(255), nullable=True)
    direction_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TransitStopTime(Base):
    """stop_times.txt, with times in seconds after the service day's midnight."""

    __tablename__ = "transit_stop_times"

    feed_id: Mapped[int] = mapped_column(
        ForeignKey("transit_feeds.id", ondelete="CASCADE"), primary_key=True
    )
    trip_id: Mapped[str] = mapped_column(String(GTFS_ID), primary_key=True)
    stop_sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    stop_id: Mapped[str] = mapped_column(String(GTFS_ID))
    arrival_s: Mapped[int] = mapped_column(Integer)
    departure_s: Mapped[int] = mapped_column(Integer)


class TransitFrequency(Base):
    """frequencies.txt: a trip repeated every ``headway_s`` seconds."""

    __tablename__ = "transit_frequencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    trip_id: Mapped[str] = mapped_column(String(GTFS_ID))
    start_s: Mapped[int] = mapped_column(Integer)
    end_s: Mapped[int] = mapped_column(Integer)
    headway_s: Mapped[int] = mapped_column(Integer)
    exact_times: Mapped[int] = mapped_column(Integer, default=0)


class TransitFare(Base):
    """fare_attributes.txt."""

    __tablename__ = "transit_fares"
    __table_args__ = (UniqueConstraint("feed_id", "fare_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    fare_id: Mapped[str] = mapped_column(String(GTFS_ID))
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3))
    payment_method: Mapped[int] = mapped_column(Integer)
    transfers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    transfer_duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TransitFareRule(Base):
    """fare_rules.txt."""

    __tablename__ = "transit_fare_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    fare_id: Mapped[str] = mapped_column(String(GTFS_ID))
    route_id: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)
    origin_id: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)
    destination_id: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)
    contains_id: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)


class TransitTransfer(Base):
    """transfers.txt."""

    __tablename__ = "transit_transfers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = _feed_fk()
    from_stop_id: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)
    to_stop_id: Mapped[str | None] = mapped_column(String(GTFS_ID), nullable=True)
    transfer_type: Mapped[int] = mapped_column(Integer)
    min_transfer_time_s: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TransitAlert(Base):
    """A service alert posted by staff: a disruption of lines or stops over a period.

    Lines and stops are GTFS ids kept as given (not foreign keys): an alert outlives a feed
    reloaded under the same ids, and may be posted for a stop before a feed names it.
    """

    __tablename__ = "transit_alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    effect: Mapped[str] = mapped_column(String(32))
    cause: Mapped[str] = mapped_column(String(32))
    lines: Mapped[list[str]] = mapped_column(JSON, default=list)
    stops: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    message_fr: Mapped[str | None] = mapped_column(Text, nullable=True)
    message_ar: Mapped[str | None] = mapped_column(Text, nullable=True)
    message_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Kept for accountability; erasing the account keeps the alert, not the link.
    posted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
