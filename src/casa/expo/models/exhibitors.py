"""Tables of the trade show: exhibitors and their staff, halls with booths, allocations, leads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from casa.core.db import Base, UTCDateTime


class Exhibitor(Base):
    """A company, startup, institution or sponsor exhibiting at an edition."""

    __tablename__ = "expo_exhibitors"
    __table_args__ = (UniqueConstraint("edition_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    sector: Mapped[str] = mapped_column(String(24), index=True)
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(String(120), nullable=True)
    website: Mapped[str | None] = mapped_column(String(300), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    description_lang: Mapped[str] = mapped_column(String(2), default="fr")
    logo_url: Mapped[str | None] = mapped_column(String(300), nullable=True)
    area_requested: Mapped[float] = mapped_column(Float, default=0.0)
    generated: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ExhibitorStaff(Base):
    """A user account speaking for an exhibitor: edits its profile and scans leads."""

    __tablename__ = "expo_exhibitor_staff"

    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("expo_exhibitors.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Hall(Base):
    """The floor plan of one floor of a venue for an edition, in metres."""

    __tablename__ = "expo_halls"
    __table_args__ = (UniqueConstraint("edition_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    venue_id: Mapped[int] = mapped_column(
        ForeignKey("expo_venues.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(120))
    floor: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[float] = mapped_column(Float)
    depth: Mapped[float] = mapped_column(Float)


class Booth(Base):
    """A rectangle of a hall: its code, position and size in metres, and its kind."""

    __tablename__ = "expo_booths"
    __table_args__ = (UniqueConstraint("edition_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    hall_id: Mapped[int] = mapped_column(
        ForeignKey("expo_halls.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    w: Mapped[float] = mapped_column(Float)
    h: Mapped[float] = mapped_column(Float)
    area: Mapped[float] = mapped_column(Float)


class Allocation(Base):
    """A booth given to an exhibitor; the unique booth makes one booth hold one exhibitor."""

    __tablename__ = "expo_allocations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booth_id: Mapped[int] = mapped_column(
        ForeignKey("expo_booths.id", ondelete="CASCADE"), unique=True
    )
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("expo_exhibitors.id", ondelete="CASCADE"), index=True
    )
    allocated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Lead(Base):
    """A badge scanned by an exhibitor; the personal fields only with the visitor's consent."""

    __tablename__ = "expo_leads"
    __table_args__ = (UniqueConstraint("exhibitor_id", "registration_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("expo_exhibitors.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("expo_registrations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    category: Mapped[str] = mapped_column(String(24))
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    organisation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    scanned_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime())
