"""Personal data of delegations and press (Law 09-08): export, erasure and retention purges.

Delegation members' stay, hotel and needs, journalists' press card numbers and scans, and the
e-mail addresses linking speakers to accounts are personal data. Erasure and purges keep the
rows that figures count (a member, an accreditation's state) and drop what names or describes
the person.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.accounts import personal_data
from casa.accounts.models import User
from casa.core.config import Settings
from casa.expo import press
from casa.expo.models import Edition, Registration
from casa.expo.models.delegations import (
    Accreditation,
    Delegation,
    DelegationMember,
    InterviewRequest,
    SpeakerContact,
)

CARD_RETENTION = timedelta(days=183)
"""How long after an edition ends press card scans are kept (six months)."""
STAY_RETENTION = timedelta(days=90)
"""How long after an edition ends delegation members' stay, hotel and needs are kept."""


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def export_user(session: Session, user_id: int) -> dict[str, Any]:
    """Return what delegations and press hold about a user."""
    members = session.execute(
        select(DelegationMember, Delegation)
        .join(Delegation, Delegation.id == DelegationMember.delegation_id)
        .join(Registration, Registration.id == DelegationMember.registration_id)
        .where(Registration.user_id == user_id)
        .order_by(DelegationMember.id)
    ).tuples()
    accreditations = session.scalars(
        select(Accreditation).where(Accreditation.user_id == user_id).order_by(Accreditation.id)
    ).all()
    ids = [a.id for a in accreditations]
    interviews = session.scalars(
        select(InterviewRequest)
        .where(InterviewRequest.accreditation_id.in_(ids))
        .order_by(InterviewRequest.id)
    )
    user = session.get(User, user_id)
    contacts = (
        session.scalars(
            select(SpeakerContact.speaker_id).where(SpeakerContact.email == user.email.lower())
        ).all()
        if user is not None
        else []
    )
    return {
        "delegations": [
            {
                "edition_id": d.edition_id,
                "city": d.city,
                "country": d.country,
                "position": m.position,
                "head": m.is_head,
                "arrives_at": _iso(m.arrives_at),
                "departs_at": _iso(m.departs_at),
                "hotel": m.hotel,
                "room_type": m.room_type,
                "interpreter_languages": list(m.interpreter_languages),
                "dietary": m.dietary,
                "accessibility": m.accessibility,
            }
            for m, d in members
        ],
        "accreditations": [
            {
                "edition_id": a.edition_id,
                "outlet": a.outlet,
                "press_card": a.press_card,
                "card_scan": (
                    {"type": a.card_type, "bytes": a.card_size} if a.card_file is not None else None
                ),
                "status": a.status,
                "reason": a.reason,
                "created_at": a.created_at.isoformat(),
            }
            for a in accreditations
        ],
        "interviews": [
            {"speaker_id": i.speaker_id, "topic": i.topic, "status": i.status} for i in interviews
        ],
        "speaker_of": sorted(contacts),
    }


_NO_STAY: dict[str, Any] = {
    "arrives_at": None,
    "departs_at": None,
    "hotel": None,
    "room_type": None,
    "interpreter_languages": [],
    "dietary": None,
    "accessibility": None,
}


def _clear_stay(member: DelegationMember) -> None:
    for key, value in _NO_STAY.items():
        setattr(member, key, value)


def _drop_card(settings: Settings | None, row: Accreditation) -> None:
    if row.card_file is not None and settings is not None:
        (press.card_dir(settings) / row.card_file).unlink(missing_ok=True)
    row.card_file = row.card_type = None
    row.card_size = None


def erase_user(session: Session, user_id: int, settings: Settings | None = None) -> None:
    """Erase a user's stay and needs, press card number and scan, and speaker contact."""
    members = session.scalars(
        select(DelegationMember)
        .join(Registration, Registration.id == DelegationMember.registration_id)
        .where(Registration.user_id == user_id)
    )
    for member in members:
        _clear_stay(member)
    for row in session.scalars(select(Accreditation).where(Accreditation.user_id == user_id)):
        _drop_card(settings or _settings(), row)
        row.press_card, row.outlet, row.user_id = None, "—", None
    user = session.get(User, user_id)
    if user is not None:
        for contact in session.scalars(
            select(SpeakerContact).where(SpeakerContact.email == user.email.lower())
        ):
            session.delete(contact)
    session.flush()


def _settings() -> Settings:
    from casa.core.config import get_settings

    return get_settings()


def _ended_before(now: datetime, keep: timedelta) -> Any:
    cutoff: date = (now - keep).date()
    return select(Edition.id).where(Edition.ends_on < cutoff)


def purge(
    *,
    session: Session,
    settings: Settings,
    now: datetime,
    cards: timedelta = CARD_RETENTION,
    stays: timedelta = STAY_RETENTION,
) -> dict[str, int]:
    """Delete card scans and members' stay and needs of editions past their retention."""
    scans = 0
    for row in session.scalars(
        select(Accreditation).where(
            Accreditation.edition_id.in_(_ended_before(now, cards)),
            Accreditation.card_file.is_not(None),
        )
    ):
        _drop_card(settings, row)
        scans += 1
    past = select(Delegation.id).where(Delegation.edition_id.in_(_ended_before(now, stays)))
    stays_n = 0
    for member in session.scalars(
        select(DelegationMember).where(DelegationMember.delegation_id.in_(past))
    ):
        if any(getattr(member, key) for key in _NO_STAY):
            _clear_stay(member)
            stays_n += 1
    session.flush()
    return {"card_scans": scans + _sweep(session, settings), "stays": stays_n}


def _sweep(session: Session, settings: Settings) -> int:
    # An erasure run without the application's settings may leave its file behind.
    folder = press.card_dir(settings)
    if not folder.is_dir():
        return 0
    kept = set(
        session.scalars(select(Accreditation.card_file).where(Accreditation.card_file.is_not(None)))
    )
    orphans = [p for p in folder.iterdir() if p.is_file() and p.name not in kept]
    for path in orphans:
        path.unlink(missing_ok=True)
    return len(orphans)


personal_data.register("expo_press", exporter=export_user, eraser=erase_user)
