"""Tables of the Smart City Expo: editions, venues, programme, registration, tickets, check-in."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from casa.core.db import Base, UTCDateTime


class Edition(Base):
    """One yearly edition of the Expo, with its theme and dates."""

    __tablename__ = "expo_editions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    day_starts: Mapped[int] = mapped_column(Integer, default=9 * 60)
    day_ends: Mapped[int] = mapped_column(Integer, default=19 * 60)
    published_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SigningKey(Base):
    """An Ed25519 key that signs an edition's tickets; retired keys still verify."""

    __tablename__ = "expo_signing_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    kid: Mapped[str] = mapped_column(String(16), unique=True)
    private_key: Mapped[str] = mapped_column(String(128))  # sealed by expo.key_crypto
    public_key: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Venue(Base):
    """A place of the city hosting part of an edition."""

    __tablename__ = "expo_venues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(300), nullable=True)
    place_key: Mapped[str | None] = mapped_column(String(120), nullable=True)


class Room(Base):
    """A room or stage of a venue, on a floor, with a seated capacity."""

    __tablename__ = "expo_rooms"
    __table_args__ = (UniqueConstraint("venue_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    venue_id: Mapped[int] = mapped_column(
        ForeignKey("expo_venues.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(24), default="lecturehall")
    floor: Mapped[int] = mapped_column(Integer, default=0)
    capacity: Mapped[int] = mapped_column(Integer)


class Track(Base):
    """A theme of an edition's programme."""

    __tablename__ = "expo_tracks"
    __table_args__ = (UniqueConstraint("edition_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(7), default="#1f6feb")


class Speaker(Base):
    """A speaker or moderator of an edition; ``generated`` marks invented demo people."""

    __tablename__ = "expo_speakers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    city: Mapped[str | None] = mapped_column(String(120), nullable=True)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    photo_url: Mapped[str | None] = mapped_column(String(300), nullable=True)
    generated: Mapped[bool] = mapped_column(Boolean, default=False)
    availability: Mapped[list[list[str]]] = mapped_column(JSON, default=list)


class Session(Base):
    """A keynote, round table, talk, workshop or agora pitch, and where and when it is placed."""

    __tablename__ = "expo_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(6), unique=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(24))
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("expo_tracks.id", ondelete="SET NULL"), nullable=True, index=True
    )
    abstract: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="fr")
    duration_min: Mapped[int] = mapped_column(Integer)
    audience: Mapped[int] = mapped_column(Integer, default=0)
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("expo_rooms.id", ondelete="SET NULL"), nullable=True, index=True
    )
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    speakers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class ScheduleVersion(Base):
    """A published version of an edition's programme: where and when each session was placed."""

    __tablename__ = "expo_schedule_versions"
    __table_args__ = (UniqueConstraint("edition_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    placements: Mapped[dict[str, Any]] = mapped_column(JSON)


class Favourite(Base):
    """A session a person keeps in their own programme."""

    __tablename__ = "expo_favourites"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("expo_sessions.id", ondelete="CASCADE"), primary_key=True
    )


class Category(Base):
    """A kind of registration of an edition, with its quota and whether it needs approval."""

    __tablename__ = "expo_categories"
    __table_args__ = (UniqueConstraint("edition_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(24))
    quota: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    color: Mapped[str] = mapped_column(String(7), default="#444444")


class Registration(Base):
    """A person registered to an edition; a confirmed one holds a signed ticket."""

    __tablename__ = "expo_registrations"
    __table_args__ = (UniqueConstraint("edition_id", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("expo_categories.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    organisation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    city: Mapped[str | None] = mapped_column(String(120), nullable=True)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    press_card: Mapped[str | None] = mapped_column(String(60), nullable=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Opt-in: exhibitors who scan the badge receive name, organisation and e-mail.
    share_with_exhibitors_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ticket: Mapped[str | None] = mapped_column(String(32), unique=True, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    inside_venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("expo_venues.id", ondelete="SET NULL"), nullable=True, index=True
    )
    generated: Mapped[bool] = mapped_column(Boolean, default=False)
    erased: Mapped[bool] = mapped_column(Boolean, default=False)


class Scan(Base):
    """One scan at a gate: its nonce makes a replayed offline scan count once."""

    __tablename__ = "expo_scans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), nullable=True, index=True
    )
    ticket: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("expo_venues.id", ondelete="CASCADE"))
    gate: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(8))
    accepted: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(24))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class Figure(Base):
    """A figure of an edition entered by organizers, with where it comes from."""

    __tablename__ = "expo_figures"
    __table_args__ = (UniqueConstraint("edition_id", "metric"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    metric: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(300))


from casa.expo.models import delegations as delegations  # noqa: E402
from casa.expo.models import exhibitors as exhibitors  # noqa: E402
