"""The conflict checker: what in a schedule cannot happen as written.

A speaker cannot be in two places at once, nor reach another venue faster than the city's
travel times allow; a room holds one session at a time and no more people than its seats; a
speaker speaks only when available; every session sits inside the edition's days.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session as DbSession

from casa.core.config import Settings
from casa.expo import editions
from casa.expo.models import Edition, Room, Session, Speaker
from casa.expo.programme import sessions_of
from casa.expo.schemas import ConflictOut


@dataclass(frozen=True, slots=True)
class Slot:
    """A placed session, as the checker sees it."""

    code: str
    room_id: int
    venue_id: int
    start: datetime
    end: datetime
    audience: int
    speakers: frozenset[str]


def windows(speaker: Speaker) -> list[tuple[datetime, datetime]]:
    """Return a speaker's availability windows (empty means always available)."""
    return [(datetime.fromisoformat(s), datetime.fromisoformat(e)) for s, e in speaker.availability]


def check(
    slots: list[Slot],
    *,
    rooms: dict[int, Room],
    travel: dict[tuple[int, int], int],
    availability: dict[str, list[tuple[datetime, datetime]]],
    bounds: list[tuple[datetime, datetime]] | None = None,
) -> list[ConflictOut]:
    """Return every conflict of a set of placed sessions, in a stable order."""
    found: list[ConflictOut] = []
    by_room: dict[int, list[Slot]] = defaultdict(list)
    by_speaker: dict[str, list[Slot]] = defaultdict(list)
    for slot in slots:
        by_room[slot.room_id].append(slot)
        for code in slot.speakers:
            by_speaker[code].append(slot)
        room = rooms[slot.room_id]
        if slot.audience > room.capacity:
            found.append(
                ConflictOut(
                    kind="room_too_small",
                    sessions=[slot.code],
                    detail=f"{room.name} seats {room.capacity}, {slot.audience} expected",
                )
            )
        if bounds is not None and not any(a <= slot.start and slot.end <= b for a, b in bounds):
            found.append(
                ConflictOut(
                    kind="outside_edition",
                    sessions=[slot.code],
                    detail="the session is outside the edition's days and hours",
                )
            )
    for room_id, placed in sorted(by_room.items()):
        placed.sort(key=lambda s: (s.start, s.code))
        for i, a in enumerate(placed):
            for b in placed[i + 1 :]:
                if b.start >= a.end:
                    break
                found.append(
                    ConflictOut(
                        kind="room_overlap",
                        sessions=[a.code, b.code],
                        detail=f"both in {rooms[room_id].name} at the same time",
                    )
                )
    for code, placed in sorted(by_speaker.items()):
        placed.sort(key=lambda s: (s.start, s.code))
        for i, a in enumerate(placed):
            for b in placed[i + 1 :]:
                gap = timedelta(minutes=travel.get((a.venue_id, b.venue_id), 0))
                if a.venue_id == b.venue_id:
                    gap = timedelta(0)
                if b.start >= a.end + gap:
                    continue
                overlap = b.start < a.end
                found.append(
                    ConflictOut(
                        kind="speaker_double_booked" if overlap else "speaker_travel",
                        sessions=[a.code, b.code],
                        speaker=code,
                        detail=(
                            "the speaker is in two sessions at once"
                            if overlap
                            else f"the speaker needs {gap.seconds // 60} min to go between venues"
                        ),
                    )
                )
        free = availability.get(code) or []
        for slot in placed:
            if free and not any(s <= slot.start and slot.end <= e for s, e in free):
                found.append(
                    ConflictOut(
                        kind="speaker_unavailable",
                        sessions=[slot.code],
                        speaker=code,
                        detail="the speaker is not available then",
                    )
                )
    return found


def edition_bounds(edition: Edition) -> list[tuple[datetime, datetime]]:
    """Return each day's opening window of an edition."""
    return [
        (editions.local_instant(d, edition.day_starts), editions.local_instant(d, edition.day_ends))
        for d in editions.days_of(edition)
    ]


def slots_of(rows: list[Session], rooms: dict[int, Room]) -> list[Slot]:
    """Return the placed sessions among rows as slots."""
    return [
        Slot(
            code=row.code,
            room_id=row.room_id,
            venue_id=rooms[row.room_id].venue_id,
            start=row.starts_at,
            end=row.starts_at + timedelta(minutes=row.duration_min),
            audience=row.audience,
            speakers=frozenset(ref["speaker"] for ref in row.speakers),
        )
        for row in rows
        if row.room_id is not None and row.starts_at is not None
    ]


def check_edition(*, session: DbSession, settings: Settings, edition: Edition) -> list[ConflictOut]:
    """Return every conflict of an edition's current schedule, unplaced sessions included."""
    rows = sessions_of(session=session, edition=edition)
    rooms = editions.rooms_by_id(session=session)
    venues = editions.venues_by_id(session=session)
    speakers = editions.speakers_by_code(session=session, edition=edition)
    found = check(
        slots_of(rows, rooms),
        rooms=rooms,
        travel=editions.travel_minutes(settings=settings, venues=venues.values()),
        availability={code: windows(s) for code, s in speakers.items()},
        bounds=edition_bounds(edition),
    )
    found += [
        ConflictOut(kind="unplaced", sessions=[row.code], detail="the session has no room or time")
        for row in rows
        if row.room_id is None or row.starts_at is None
    ]
    return found
