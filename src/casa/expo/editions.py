"""Editions, venues with their rooms, tracks and speakers: the ground the programme stands on."""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.city import gazetteer
from casa.city.travel import provider_for
from casa.core.clock import CASABLANCA
from casa.core.config import Settings
from casa.expo.exceptions import (
    BadAvailability,
    EditionEndsBeforeStart,
    EditionNotFound,
    NoPosition,
    ThingNotFound,
)
from casa.expo.models import Edition, Room, Speaker, Track, Venue
from casa.expo.schemas import EditionIn, VenueIn


def create_edition(*, session: Session, data: EditionIn, now: datetime) -> Edition:
    """Create an edition, or return the existing one of that year unchanged."""
    if data.ends_on < data.starts_on:
        raise EditionEndsBeforeStart()
    existing = session.scalar(select(Edition).where(Edition.year == data.year))
    if existing is not None:
        return existing
    edition = Edition(**data.model_dump(), created_at=now, published_version=0)
    session.add(edition)
    session.flush()
    return edition


def get_edition(*, session: Session, year: int) -> Edition:
    """Return the edition of a year, or raise EditionNotFound."""
    edition = session.scalar(select(Edition).where(Edition.year == year))
    if edition is None:
        raise EditionNotFound(year=year)
    return edition


def list_editions(*, session: Session) -> list[Edition]:
    """Return every edition, the oldest first."""
    return list(session.scalars(select(Edition).order_by(Edition.year)))


def days_of(edition: Edition) -> list[date]:
    """Return the days of an edition."""
    n = (edition.ends_on - edition.starts_on).days + 1
    return [edition.starts_on + timedelta(days=i) for i in range(n)]


def local_instant(day: date, minute: int) -> datetime:
    """Return the aware instant of a minute of a day in Casablanca."""
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=CASABLANCA)


def upsert_venue(*, session: Session, data: VenueIn) -> Venue:
    """Create or update a venue and its rooms; without a position, ask the city gazetteer."""
    lat, lon, place_key = data.lat, data.lon, None
    if lat is None or lon is None:
        place = gazetteer.geocode(session=session, text=data.name)
        if place is None or place.lat is None or place.lon is None:
            raise NoPosition(name=data.name)
        lat, lon, place_key = place.lat, place.lon, place.key
    venue = session.scalar(select(Venue).where(Venue.slug == data.slug))
    if venue is None:
        venue = Venue(slug=data.slug)
        session.add(venue)
    venue.name, venue.lat, venue.lon = data.name, lat, lon
    venue.address, venue.place_key = data.address, place_key
    session.flush()
    rooms = {r.name: r for r in session.scalars(select(Room).where(Room.venue_id == venue.id))}
    for room_in in data.rooms:
        room = rooms.get(room_in.name) or Room(venue_id=venue.id, name=room_in.name)
        room.capacity, room.floor, room.kind = room_in.capacity, room_in.floor, room_in.kind
        session.add(room)
    session.flush()
    return venue


def get_venue(*, session: Session, slug: str) -> Venue:
    """Return a venue by its slug."""
    venue = session.scalar(select(Venue).where(Venue.slug == slug))
    if venue is None:
        raise ThingNotFound(kind="venue", ref=slug, field="venue")
    return venue


def rooms_by_id(*, session: Session) -> dict[int, Room]:
    """Return every room by id."""
    return {r.id: r for r in session.scalars(select(Room).order_by(Room.id))}


def venues_by_id(*, session: Session) -> dict[int, Venue]:
    """Return every venue by id."""
    return {v.id: v for v in session.scalars(select(Venue).order_by(Venue.id))}


def travel_minutes(
    *, settings: Settings, venues: Iterable[Venue], mode: str = "car"
) -> dict[tuple[int, int], int]:
    """Return the whole minutes it takes to go from each venue to each other one."""
    listed = list(venues)
    points = [(v.lat, v.lon) for v in listed]
    matrix = provider_for(settings).matrix(points, points, mode=mode)  # type: ignore[arg-type]
    result: dict[tuple[int, int], int] = {}
    for i, a in enumerate(listed):
        for j, b in enumerate(listed):
            seconds = matrix[i][j]
            # An unreachable pair is treated as a whole day apart.
            result[(a.id, b.id)] = math.ceil(seconds / 60) if math.isfinite(seconds) else 24 * 60
    return result


def add_track(*, session: Session, edition: Edition, slug: str, name: str, color: str) -> Track:
    """Create or rename a track of an edition."""
    track = session.scalar(select(Track).where(Track.edition_id == edition.id, Track.slug == slug))
    if track is None:
        track = Track(edition_id=edition.id, slug=slug)
        session.add(track)
    track.name, track.color = name, color
    session.flush()
    return track


def add_speaker(
    *,
    session: Session,
    edition: Edition,
    name: str,
    organisation: str | None = None,
    city: str | None = None,
    country: str | None = None,
    bio: str = "",
    availability: list[tuple[datetime, datetime]] | None = None,
    generated: bool = False,
    code: str | None = None,
) -> Speaker:
    """Create a speaker of an edition; availability is a list of windows (all times if none)."""
    for start, end in availability or []:
        if end <= start:
            raise BadAvailability()
    speaker = Speaker(
        edition_id=edition.id,
        code=code or secrets.token_hex(4).upper(),
        name=name,
        organisation=organisation,
        city=city,
        country=country,
        bio=bio,
        generated=generated,
        availability=[[s.isoformat(), e.isoformat()] for s, e in availability or []],
    )
    session.add(speaker)
    session.flush()
    return speaker


def speakers_by_code(*, session: Session, edition: Edition) -> dict[str, Speaker]:
    """Return an edition's speakers by code."""
    rows = session.scalars(select(Speaker).where(Speaker.edition_id == edition.id))
    return {s.code: s for s in rows}
