"""The programme as iCalendar (RFC 5545): the whole published one, or a person's favourites."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from casa import __version__
from casa.expo import editions
from casa.expo.models import Edition, Favourite, Session
from casa.expo.programme import published_sessions


def _calendar(edition: Edition, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//Casa//Smart City Expo {__version__}//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Africa/Casablanca")
    return cal


def _event(row: Session, room_label: str, at: datetime, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{row.guid}@casa.ma")
    event.add("dtstamp", now)
    event.add("dtstart", at)
    event.add("dtend", at + timedelta(minutes=row.duration_min))
    event.add("summary", row.title)
    event.add("location", room_label)
    if row.abstract:
        event.add("description", row.abstract)
    event.add("categories", [row.kind])
    return event


def programme(
    *, session: DbSession, edition: Edition, now: datetime, only: set[int] | None = None
) -> bytes:
    """Return the published programme as an iCalendar file (only some sessions if asked)."""
    _, rows = published_sessions(session=session, edition=edition)
    rooms = editions.rooms_by_id(session=session)
    venues = editions.venues_by_id(session=session)
    cal = _calendar(edition, f"{edition.title}")
    for row, room_id, at in rows:
        if only is not None and row.id not in only:
            continue
        room = rooms[room_id]
        cal.add_component(_event(row, f"{venues[room.venue_id].name} – {room.name}", at, now))
    return bytes(cal.to_ical())


def favourites(*, session: DbSession, edition: Edition, user_id: int, now: datetime) -> bytes:
    """Return the sessions a person keeps, as an iCalendar file."""
    chosen = set(session.scalars(select(Favourite.session_id).where(Favourite.user_id == user_id)))
    return programme(session=session, edition=edition, now=now, only=chosen)


def add_favourite(*, session: DbSession, user_id: int, row: Session) -> None:
    """Keep a session in a person's programme (keeping it twice changes nothing)."""
    if session.get(Favourite, (user_id, row.id)) is None:
        session.add(Favourite(user_id=user_id, session_id=row.id))
        session.flush()


def remove_favourite(*, session: DbSession, user_id: int, row: Session) -> None:
    """Drop a session from a person's programme."""
    fav = session.get(Favourite, (user_id, row.id))
    if fav is not None:
        session.delete(fav)
        session.flush()
