"""Check-in at the gates: entry and exit per venue, exactly once per ticket, a nonce per scan.

A scan first claims its nonce (a unique row), so a gate that was offline can send its scans
again without counting them twice: a replayed nonce gets the first answer back. Entry is one
conditional UPDATE (``inside_venue_id = venue WHERE inside_venue_id IS NULL``): when the same
ticket is shown at two gates at once, the database lets exactly one of them through.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casa.core.i18n import gettext
from casa.expo.exceptions import InvalidGate, NonceReused
from casa.expo.models import Category, Edition, Registration, Scan, Venue
from casa.expo.schemas import CheckinIn, CheckinOut, VenueCount
from casa.expo.tickets import REASONS, Verifier, public_keys

SCAN_REASONS: dict[str, str] = {
    **REASONS,
    "ok": "Welcome",
    "left": "Goodbye",
    "already_inside": "This ticket is already inside a venue",
    "not_inside": "This ticket has not entered this venue",
    "unknown_ticket": "No registration holds this ticket",
}


def _venue(session: Session, gate: str) -> Venue:
    slug, sep, name = gate.partition(":")
    venue = session.scalar(select(Venue).where(Venue.slug == slug)) if sep and name else None
    if venue is None:
        raise InvalidGate(gate=gate)
    return venue


def _answer(
    scan: Scan, registration: Registration | None, code: str | None, lang: str, replayed: bool
) -> CheckinOut:
    return CheckinOut(
        accepted=scan.accepted,
        reason=scan.reason,
        message=gettext(SCAN_REASONS[scan.reason], lang),
        ticket=scan.ticket,
        name=registration.name if registration is not None and scan.accepted else None,
        category=code,
        replayed=replayed,
    )


def _replay(session: Session, data: CheckinIn, lang: str) -> CheckinOut | None:
    scan = session.scalar(select(Scan).where(Scan.nonce == data.nonce))
    if scan is None:
        return None
    registration = (
        session.scalar(select(Registration).where(Registration.ticket == scan.ticket))
        if scan.ticket
        else None
    )
    return _answer(scan, registration, None, lang, replayed=True)


def scan(*, session: Session, data: CheckinIn, now: datetime, lang: str = "fr") -> CheckinOut:
    """Admit or refuse one scan at a gate, and say why."""
    venue = _venue(session, data.gate)
    earlier = _replay(session, data, lang)
    if earlier is not None:
        return _check_same(earlier, data, session)
    verdict = Verifier(public_keys(session=session), set()).verify(data.secret)
    registration = None
    code = verdict.category
    if verdict.ok:
        registration = session.scalar(
            select(Registration).where(Registration.ticket == verdict.ticket)
        )
    record = Scan(
        nonce=data.nonce,
        edition_id=registration.edition_id if registration else None,
        ticket=verdict.ticket,
        venue_id=venue.id,
        gate=data.gate,
        kind=data.type,
        accepted=False,
        reason=verdict.reason,
        at=now,
    )
    try:
        with session.begin_nested():
            session.add(record)
            session.flush()
    except IntegrityError:
        earlier = _replay(session, data, lang)
        if earlier is None:
            raise
        return _check_same(earlier, data, session)
    if verdict.ok:
        record.reason = _move(session, registration, verdict.year, venue, data.type)
        record.accepted = record.reason in {"ok", "left"}
        session.flush()
    return _answer(record, registration, code, lang, replayed=False)


def _check_same(earlier: CheckinOut, data: CheckinIn, session: Session) -> CheckinOut:
    verdict = Verifier(public_keys(session=session), set()).verify(data.secret)
    if earlier.ticket != verdict.ticket:
        raise NonceReused()
    return earlier


def _move(
    session: Session, registration: Registration | None, year: int | None, venue: Venue, kind: str
) -> str:
    if registration is None:
        return "unknown_ticket"
    edition = session.get(Edition, registration.edition_id)
    if edition is None or edition.year != year:
        return "wrong_edition"
    if registration.revoked_at is not None or registration.status != "confirmed":
        return "revoked"
    table = cast(Table, Registration.__table__)
    if kind == "entry":
        done = session.execute(
            update(table)
            .where(table.c.id == registration.id, table.c.inside_venue_id.is_(None))
            .values(inside_venue_id=venue.id)
        )
        return "ok" if done.rowcount else "already_inside"  # type: ignore[attr-defined]
    done = session.execute(
        update(table)
        .where(table.c.id == registration.id, table.c.inside_venue_id == venue.id)
        .values(inside_venue_id=None)
    )
    return "left" if done.rowcount else "not_inside"  # type: ignore[attr-defined]


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


def category_code(session: Session, registration: Registration) -> str:
    """Return the category code of a registration."""
    category = session.get(Category, registration.category_id)
    return category.code if category else ""
