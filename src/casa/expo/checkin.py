"""Check-in at the gates: entry and exit per venue, exactly once per ticket, a nonce per scan.

A scan costs two statements and a commit. It first claims its nonce (``INSERT … ON CONFLICT
DO NOTHING RETURNING``), so a gate that was offline can send its scans again without counting
them twice: a replayed nonce gets the first answer back. Entry is then one conditional UPDATE
(``inside_venue_id = venue WHERE inside_venue_id IS NULL AND`` the ticket is live and of the
edition the ticket names): when the same ticket is shown at two gates at once, the database
lets exactly one of them through. Only a refused ticket costs a third read, to say why.

Keys, editions and venues come from memory (``tickets.caches``), read again when a scan names
one the process does not know. Revocation is not cached here: the UPDATE checks it, so a ticket
cancelled a moment ago is refused at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, select, text
from sqlalchemy.orm import Session

from casa.core.db import UTCDateTime
from casa.core.i18n import gettext
from casa.expo.exceptions import InvalidGate, NonceReused
from casa.expo.models import Category, Edition, Registration, Venue
from casa.expo.schemas import CheckinIn, CheckinOut, VenueCount
from casa.expo.tickets import REASONS, CachedVerifier, Caches, caches, load_keys

SCAN_REASONS: dict[str, str] = {
    **REASONS,
    "ok": "Welcome",
    "left": "Goodbye",
    "already_inside": "This ticket is already inside a venue",
    "not_inside": "This ticket has not entered this venue",
    "unknown_ticket": "No registration holds this ticket",
}

_CLAIM = text(
    "INSERT INTO expo_scans (nonce, edition_id, ticket, venue_id, gate, kind, accepted, reason, at)"
    " VALUES (:nonce, :edition_id, :ticket, :venue_id, :gate, :kind, :accepted, :reason, :at)"
    " ON CONFLICT (nonce) DO NOTHING RETURNING id"
).bindparams(bindparam("at", type_=UTCDateTime()))
_ENTER = text(
    "UPDATE expo_registrations SET inside_venue_id = :venue_id"
    " WHERE ticket = :ticket AND edition_id = :edition_id AND revoked_at IS NULL"
    " AND status = 'confirmed' AND inside_venue_id IS NULL RETURNING name"
)
_LEAVE = text(
    "UPDATE expo_registrations SET inside_venue_id = NULL"
    " WHERE ticket = :ticket AND edition_id = :edition_id AND revoked_at IS NULL"
    " AND status = 'confirmed' AND inside_venue_id = :venue_id RETURNING name"
)
_VENUES = text("SELECT slug, id FROM expo_venues")
_EDITIONS = text("SELECT year, id FROM expo_editions")
_WHY = text("SELECT edition_id, revoked_at, status FROM expo_registrations WHERE ticket = :ticket")
_REFUSE = text(
    "UPDATE expo_scans SET accepted = :accepted, reason = :reason, edition_id = :edition_id"
    " WHERE id = :id"
)
_EARLIER = text(
    "SELECT s.accepted, s.reason, s.ticket, r.name FROM expo_scans s"
    " LEFT JOIN expo_registrations r ON r.ticket = s.ticket WHERE s.nonce = :nonce"
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a scan did: the answer for the gate and, when admitted, where the ticket went."""

    accepted: bool
    reason: str
    ticket: str | None
    name: str | None
    category: str | None
    replayed: bool
    edition_id: int | None = None
    venue_id: int | None = None

    @property
    def moved(self) -> bool:
        """Tell whether this scan changed who is inside a venue."""
        return self.accepted and not self.replayed and self.venue_id is not None


def _venue(conn: Connection, cache: Caches, gate: str) -> int:
    slug, sep, name = gate.partition(":")
    if not (sep and name):
        raise InvalidGate(gate=gate)
    found = cache.venues.get(slug)
    if found is None:  # a venue created since, by any worker: read them again
        venues = {str(k): int(v) for k, v in conn.execute(_VENUES).tuples()}
        with cache.lock:
            cache.venues = venues
        found = venues.get(slug)
    if found is None:
        raise InvalidGate(gate=gate)
    return found


def _edition(conn: Connection, cache: Caches, year: int) -> int | None:
    found = cache.editions.get(year)
    if found is None:
        editions = {int(k): int(v) for k, v in conn.execute(_EDITIONS).tuples()}
        with cache.lock:
            cache.editions = editions
        found = editions.get(year)
    return found


def record(*, session: Session, data: CheckinIn, now: datetime) -> Outcome:
    """Admit or refuse one scan at a gate; flush, the caller commits."""
    conn = session.connection()
    cache = caches(conn.engine)
    venue_id = _venue(conn, cache, data.gate)
    verdict = CachedVerifier(cache, lambda: load_keys(session, cache)).verify(data.secret)
    edition_id = None
    if verdict.ok and verdict.year is not None:
        edition_id = _edition(conn, cache, verdict.year)
    admitting = "ok" if data.type == "entry" else "left"
    claim = {
        "nonce": data.nonce,
        "edition_id": edition_id,
        "ticket": verdict.ticket,
        "venue_id": venue_id,
        "gate": data.gate,
        "kind": data.type,
        "accepted": verdict.ok,
        "reason": admitting if verdict.ok else verdict.reason,
        "at": now,
    }
    scan_id = conn.execute(_CLAIM, claim).scalar()
    if scan_id is None:
        return _replay(conn, data.nonce, verdict.ticket)
    if not verdict.ok:
        return Outcome(False, verdict.reason, verdict.ticket, None, verdict.category, False)
    moved = None
    if edition_id is not None:
        params = {"ticket": verdict.ticket, "edition_id": edition_id, "venue_id": venue_id}
        moved = conn.execute(_ENTER if data.type == "entry" else _LEAVE, params).first()
    if moved is not None:
        return Outcome(
            True, admitting, verdict.ticket, moved[0], verdict.category, False, edition_id, venue_id
        )
    reason, owner = _why(conn, verdict.ticket, edition_id, data.type)
    conn.execute(_REFUSE, {"accepted": False, "reason": reason, "edition_id": owner, "id": scan_id})
    return Outcome(False, reason, verdict.ticket, None, verdict.category, False)


def _why(
    conn: Connection, ticket: str | None, edition_id: int | None, kind: str
) -> tuple[str, int | None]:
    row = conn.execute(_WHY, {"ticket": ticket}).first()
    if row is None:
        return "unknown_ticket", None
    owner, revoked_at, status = row
    if owner != edition_id:
        return "wrong_edition", owner
    if revoked_at is not None or status != "confirmed":
        return "revoked", owner
    return ("already_inside" if kind == "entry" else "not_inside"), owner


def _replay(conn: Connection, nonce: str, ticket: str | None) -> Outcome:
    earlier = conn.execute(_EARLIER, {"nonce": nonce}).first()
    if earlier is None or earlier[2] != ticket:
        raise NonceReused()
    accepted = bool(earlier[0])
    return Outcome(accepted, earlier[1], earlier[2], earlier[3] if accepted else None, None, True)


def answer(outcome: Outcome, lang: str) -> CheckinOut:
    """Say a scan's outcome to the gate in its language."""
    return CheckinOut(
        accepted=outcome.accepted,
        reason=outcome.reason,
        message=gettext(SCAN_REASONS[outcome.reason], lang),
        ticket=outcome.ticket,
        name=outcome.name,
        category=outcome.category,
        replayed=outcome.replayed,
    )


def scan(*, session: Session, data: CheckinIn, now: datetime, lang: str = "fr") -> CheckinOut:
    """Admit or refuse one scan at a gate, and say why."""
    return answer(record(session=session, data=data, now=now), lang)


def counts(*, session: Session, edition: Edition) -> list[VenueCount]:
    """Return how many of an edition's ticket holders are inside each venue now."""
    inside: dict[int, int] = dict(
        session.execute(  # type: ignore[arg-type]
            select(Registration.inside_venue_id, func.count())
            .where(Registration.edition_id == edition.id, Registration.inside_venue_id.is_not(None))
            .group_by(Registration.inside_venue_id)
        ).all()
    )
    venues = session.scalars(select(Venue).order_by(Venue.slug))
    return [VenueCount(venue=v.slug, name=v.name, inside=int(inside.get(v.id, 0))) for v in venues]


def presence_of(*, session: Session, places: Iterable[tuple[int, int]]) -> list[dict[str, object]]:
    """Return the live count of each (edition id, venue id), as events for the live view."""
    events: list[dict[str, object]] = []
    for edition_id, venue_id in sorted(set(places)):
        edition, venue = session.get(Edition, edition_id), session.get(Venue, venue_id)
        if edition is None or venue is None:
            continue
        inside = session.scalar(
            select(func.count()).where(
                Registration.edition_id == edition_id, Registration.inside_venue_id == venue_id
            )
        )
        events.append(
            {
                "type": "presence",
                "year": edition.year,
                "venue": venue.slug,
                "name": venue.name,
                "inside": int(inside or 0),
            }
        )
    return events


def category_code(session: Session, registration: Registration) -> str:
    """Return the category code of a registration."""
    category = session.get(Category, registration.category_id)
    return category.code if category else ""
