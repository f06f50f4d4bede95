"""Personal data of attendees (Law 09-08): export, erasure, and a retention purge."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from casa.accounts import personal_data
from casa.expo.models import Edition, Favourite, Registration

RETENTION = timedelta(days=365)
"""How long after an edition ends its attendees' names and contacts are kept."""

ANONYMOUS = {
    "name": "—",
    "email": None,
    "organisation": None,
    "press_card": None,
    "user_id": None,
    "erased": True,
}


def export_user(session: Session, user_id: int) -> dict[str, Any]:
    """Return what the Expo holds about a user: registrations and favourite sessions."""
    rows = session.scalars(select(Registration).where(Registration.user_id == user_id))
    return {
        "registrations": [
            {
                "edition_id": r.edition_id,
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation,
                "city": r.city,
                "country": r.country,
                "status": r.status,
                "consent_at": r.consent_at.isoformat(),
                "ticket": r.ticket,
            }
            for r in rows
        ],
        "favourites": sorted(
            session.scalars(select(Favourite.session_id).where(Favourite.user_id == user_id))
        ),
    }


def erase_user(session: Session, user_id: int) -> None:
    """Anonymise a user's registrations (figures keep counting them) and drop their favourites."""
    session.execute(update(Registration).where(Registration.user_id == user_id).values(**ANONYMOUS))
    for fav in session.scalars(select(Favourite).where(Favourite.user_id == user_id)):
        session.delete(fav)
    session.flush()


def purge(*, session: Session, now: datetime, keep: timedelta = RETENTION) -> int:
    """Anonymise the registrations of editions ended longer ago than the retention period."""
    cutoff: date = (now - keep).date()
    past = select(Edition.id).where(Edition.ends_on < cutoff)
    done = session.execute(
        update(Registration)
        .where(Registration.edition_id.in_(past), Registration.erased.is_(False))
        .values(**ANONYMOUS)
    )
    session.flush()
    return int(done.rowcount)  # type: ignore[attr-defined]


personal_data.register("expo", exporter=export_user, eraser=erase_user)
