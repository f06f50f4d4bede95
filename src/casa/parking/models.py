"""Parking tables: sites, their live state and spots, observations, sources, holds, reservations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from casa.core.db import Base, UTCDateTime

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit key.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Meta(Base):
    """Small named values of the parking domain, such as the version of the sites table."""

    __tablename__ = "parking_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))


class IngestSource(Base):
    """An operator's system allowed to push observations; only the key's SHA-256 is kept."""

    __tablename__ = "parking_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    all_sites: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Site(Base):
    """A car park, surface lot, on-street zone, park-and-ride site or building garage."""

    __tablename__ = "parking_sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(24))
    operator: Mapped[str | None] = mapped_column(String(200), nullable=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    coord_quality: Mapped[str] = mapped_column(String(24), default="surveyed")
    address: Mapped[str | None] = mapped_column(String(300), nullable=True)
    arrondissement: Mapped[str | None] = mapped_column(String(80), nullable=True)
    entrances: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    capacity: Mapped[int] = mapped_column(Integer)
    capacity_disabled: Mapped[int] = mapped_column(Integer, default=0)
    capacity_ev: Mapped[int] = mapped_column(Integer, default=0)
    capacity_motorcycle: Mapped[int] = mapped_column(Integer, default=0)
    capacity_family: Mapped[int] = mapped_column(Integer, default=0)
    reservable: Mapped[int] = mapped_column(Integer, default=0)
    max_height_cm: Mapped[int | None] = mapped_column(Integer, nullable=True)
    covered: Mapped[bool] = mapped_column(Boolean, default=False)
    guarded: Mapped[bool] = mapped_column(Boolean, default=False)
    opening_hours: Mapped[str] = mapped_column(String(500), default="24/7")
    tariff: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    payment_means: Mapped[list[str]] = mapped_column(JSON, default=list)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("parking_sources.id", ondelete="SET NULL"), nullable=True
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    attribution: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class SiteStatus(Base):
    """The live count of a site: the newest accepted observation wins, late ones never do."""

    __tablename__ = "parking_site_status"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("parking_sites.id", ondelete="CASCADE"), primary_key=True
    )
    free: Mapped[int | None] = mapped_column(Integer, nullable=True)
    observed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    channel: Mapped[str | None] = mapped_column(String(8), nullable=True)


class Spot(Base):
    """One sensed place of a site and its newest status."""

    __tablename__ = "parking_spots"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("parking_sites.id", ondelete="CASCADE"), primary_key=True
    )
    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(8))
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Observation(Base):
    """One accepted observation, kept as history for forecasts; the unique key drops repeats."""

    __tablename__ = "parking_observations"
    __table_args__ = (
        UniqueConstraint("site_id", "kind", "key", "observed_at"),
        Index("ix_parking_observations_site_at", "site_id", "observed_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("parking_sites.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(64), default="")
    free: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str | None] = mapped_column(String(8), nullable=True)
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(8))


class SlotHold(Base):
    """How many reservations hold a place at a site during one 15-minute slot."""

    __tablename__ = "parking_slot_holds"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("parking_sites.id", ondelete="CASCADE"), primary_key=True
    )
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)
    held: Mapped[int] = mapped_column(Integer, default=0)


class Reservation(Base):
    """A place held at a site for a window; it lapses if the driver has not come by the grace."""

    __tablename__ = "parking_reservations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    site_id: Mapped[int] = mapped_column(
        ForeignKey("parking_sites.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(12), index=True)
    price_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="MAD")
    plate: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ForecastModel(Base):
    """A site's fitted forecast: its weekly profile, decay and error distribution by horizon."""

    __tablename__ = "parking_forecasts"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("parking_sites.id", ondelete="CASCADE"), primary_key=True
    )
    fitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    history_from: Mapped[datetime] = mapped_column(UTCDateTime())
    history_to: Mapped[datetime] = mapped_column(UTCDateTime())
    slots: Mapped[int] = mapped_column(Integer)
    tau_minutes: Mapped[float] = mapped_column(Float)
    profile: Mapped[list[float]] = mapped_column(JSON)
    errors: Mapped[list[list[float]]] = mapped_column(JSON)


class TaskLease(Base):
    """Who runs a periodic task of the parking domain, and until when; one row per task."""

    __tablename__ = "parking_tasks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    leased_until: Mapped[datetime] = mapped_column(UTCDateTime())
