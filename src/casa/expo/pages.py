"""What the Expo's pages show, computed once for the page handlers: programme, figures, bars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session as DbSession

from casa.core.clock import local
from casa.expo import editions, kpis, programme
from casa.expo.models import Edition, Room, Session, Speaker, Track, Venue


def _(message: str) -> str:
    """Mark a msgid for extraction; templates translate it when shown."""
    return message


KIND_LABELS = {
    "keynote": _("Keynote"),
    "round_table": _("Round table"),
    "talk": _("Talk"),
    "workshop": _("Workshop"),
    "agora_pitch": _("Agora pitch"),
}
METRIC_LABELS = {
    "participants": _("Participants"),
    "journalists": _("Journalists"),
    "delegation_members": _("Delegation members"),
    "nationalities": _("Nationalities"),
    "cities": _("Cities"),
    "speakers": _("Speakers"),
    "sessions": _("Sessions"),
    "exhibitors": _("Exhibitors"),
    "checkins": _("Check-ins"),
    "no_show_rate": _("No-show rate"),
}
CONFLICT_LABELS = {
    "speaker_double_booked": _("A speaker is in two sessions at once"),
    "speaker_travel": _("A speaker has no time to travel between venues"),
    "room_overlap": _("Two sessions share a room at the same time"),
    "room_too_small": _("The room is too small for the expected audience"),
    "speaker_unavailable": _("A speaker is not available then"),
    "outside_edition": _("The session is outside the edition's days and hours"),
    "unplaced": _("The session has no room or time yet"),
}
STATUS_LABELS = {
    "confirmed": _("Confirmed"),
    "waiting": _("On the waiting list"),
    "pending": _("Waiting for approval"),
    "cancelled": _("Cancelled"),
}
BAR_WIDTH = 320


@dataclass(frozen=True, slots=True)
class Slot:
    """A published session with where and when it takes place."""

    session: Session
    room: Room
    venue: Venue
    track: Track | None
    starts_at: datetime
    ends_at: datetime


def published_slots(*, session: DbSession, edition: Edition) -> list[Slot]:
    """Return the published programme of an edition, in time order."""
    _version, rows = programme.published_sessions(session=session, edition=edition)
    rooms = editions.rooms_by_id(session=session)
    venues = editions.venues_by_id(session=session)
    tracks = programme.tracks_of(session=session, edition=edition)
    slots = []
    for row, room_id, start in rows:
        room = rooms[room_id]
        end = start + timedelta(minutes=row.duration_min)
        slots.append(
            Slot(
                session=row,
                room=room,
                venue=venues[room.venue_id],
                track=tracks.get(row.track_id) if row.track_id is not None else None,
                starts_at=local(start),
                ends_at=local(end),
            )
        )
    return slots


def by_day(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    """Group slots by their local day."""
    days: dict[date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(slot.starts_at.date(), []).append(slot)
    return sorted(days.items())


def speakers_of(*, session: DbSession, edition: Edition) -> dict[str, Speaker]:
    """Return an edition's speakers by code."""
    return editions.speakers_by_code(session=session, edition=edition)


def comparison(*, session: DbSession) -> dict[str, Any]:
    """Lay out every edition's figures side by side, with bar lengths for inline SVG charts."""
    rows = [
        kpis.figures(session=session, edition=e) for e in editions.list_editions(session=session)
    ]
    metrics = []
    for metric in kpis.METRICS:
        values = [(row["year"], row["figures"].get(metric)) for row in rows]
        top = max((v for _, v in values if v), default=0)
        bars = [
            {
                "year": year,
                "value": value,
                "shown": _shown(metric, value),
                "width": round(BAR_WIDTH * value / top, 1) if value and top else 0,
                "source": row["sources"].get(metric, ""),
            }
            for (year, value), row in zip(values, rows, strict=True)
        ]
        metrics.append({"metric": metric, "label": METRIC_LABELS[metric], "bars": bars})
    return {"years": [row["year"] for row in rows], "metrics": metrics, "bar_width": BAR_WIDTH}


def _shown(metric: str, value: float | None) -> str:
    if value is None:
        return "—"
    if metric == "no_show_rate":
        return f"{value * 100:.1f} %"
    return f"{int(value):,}".replace(",", "\u202f")
