"""The programme: sessions, their placement by the editor, and published versions."""

from __future__ import annotations

import secrets
import string
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from casa.expo.editions import speakers_by_code
from casa.expo.exceptions import HalfPlacement, NothingToPublish, ThingNotFound
from casa.expo.models import Edition, Room, ScheduleVersion, Session, Track
from casa.expo.schemas import PlacementIn, SessionIn, SessionOut, SpeakerRef

CODE_ALPHABET = string.ascii_uppercase + string.digits


def new_code() -> str:
    """Return a fresh six-character session code, as pretalx writes them."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def add_session(*, session: DbSession, edition: Edition, data: SessionIn) -> Session:
    """Create an unplaced session; its speakers must be speakers of the edition."""
    known = speakers_by_code(session=session, edition=edition)
    for ref in data.speakers:
        if ref.speaker not in known:
            raise ThingNotFound(kind="speaker", ref=ref.speaker, field="speakers")
    track_id = None
    if data.track is not None:
        track = session.scalar(
            select(Track).where(Track.edition_id == edition.id, Track.slug == data.track)
        )
        if track is None:
            raise ThingNotFound(kind="track", ref=data.track, field="track")
        track_id = track.id
    row = Session(
        edition_id=edition.id,
        code=new_code(),
        guid=str(uuid.uuid4()),
        title=data.title,
        kind=data.kind,
        track_id=track_id,
        abstract=data.abstract,
        language=data.language,
        duration_min=data.duration_min,
        audience=data.audience,
        locked=False,
        speakers=[ref.model_dump() for ref in data.speakers],
    )
    session.add(row)
    session.flush()
    return row


def sessions_of(*, session: DbSession, edition: Edition) -> list[Session]:
    """Return an edition's sessions in a stable order."""
    return list(
        session.scalars(
            select(Session).where(Session.edition_id == edition.id).order_by(Session.id)
        )
    )


def get_session(*, session: DbSession, edition: Edition, code: str) -> Session:
    """Return a session of an edition by its code."""
    row = session.scalar(
        select(Session).where(Session.edition_id == edition.id, Session.code == code)
    )
    if row is None:
        raise ThingNotFound(kind="session", ref=code, field="code")
    return row


def place(*, session: DbSession, edition: Edition, code: str, data: PlacementIn) -> Session:
    """Put a session in a room at a time (the conflict checker says what that breaks)."""
    row = get_session(session=session, edition=edition, code=code)
    if (data.room is None) != (data.starts_at is None):
        raise HalfPlacement()
    if data.room is not None and session.get(Room, data.room) is None:
        raise ThingNotFound(kind="room", ref=str(data.room), field="room")
    row.room_id, row.starts_at, row.locked = data.room, data.starts_at, data.locked
    session.flush()
    return row


def ends_at(row: Session) -> datetime | None:
    """Return when a placed session ends."""
    return None if row.starts_at is None else row.starts_at + timedelta(minutes=row.duration_min)


def to_out(row: Session, tracks: dict[int, Track]) -> SessionOut:
    """Describe a session."""
    return SessionOut(
        code=row.code,
        title=row.title,
        kind=row.kind,
        track=tracks[row.track_id].slug if row.track_id in tracks else None,
        duration_min=row.duration_min,
        audience=row.audience,
        room=row.room_id,
        starts_at=row.starts_at,
        locked=row.locked,
        speakers=[SpeakerRef(**ref) for ref in row.speakers],
    )


def tracks_of(*, session: DbSession, edition: Edition) -> dict[int, Track]:
    """Return an edition's tracks by id."""
    return {t.id: t for t in session.scalars(select(Track).where(Track.edition_id == edition.id))}


def publish(*, session: DbSession, edition: Edition, now: datetime) -> ScheduleVersion:
    """Freeze the placed sessions as the next published version of the programme."""
    placements: dict[str, Any] = {
        row.code: {"room": row.room_id, "starts_at": row.starts_at.isoformat()}
        for row in sessions_of(session=session, edition=edition)
        if row.starts_at is not None and row.room_id is not None
    }
    if not placements:
        raise NothingToPublish()
    edition.published_version += 1
    version = ScheduleVersion(
        edition_id=edition.id,
        version=edition.published_version,
        published_at=now,
        placements=placements,
    )
    session.add(version)
    session.flush()
    return version


def published(*, session: DbSession, edition: Edition) -> ScheduleVersion | None:
    """Return the latest published version of an edition's programme."""
    return session.scalar(
        select(ScheduleVersion)
        .where(ScheduleVersion.edition_id == edition.id)
        .order_by(ScheduleVersion.version.desc())
        .limit(1)
    )


def published_sessions(
    *, session: DbSession, edition: Edition
) -> tuple[ScheduleVersion | None, list[tuple[Session, int, datetime]]]:
    """Return the published version and its sessions with the room and start it gave them."""
    version = published(session=session, edition=edition)
    if version is None:
        return None, []
    rows = []
    for row in sessions_of(session=session, edition=edition):
        spot = version.placements.get(row.code)
        if spot is not None:
            rows.append((row, int(spot["room"]), datetime.fromisoformat(spot["starts_at"])))
    rows.sort(key=lambda item: (item[2], item[1], item[0].code))
    return version, rows
