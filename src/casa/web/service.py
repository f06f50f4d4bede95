"""City-wide notices: post one, read the one in force, clear it; and the events that say so."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from casa.web.exceptions import NoCurrentNotice, NoticeAlreadyExpired
from casa.web.models import Notice
from casa.web.schemas import NoticeIn, NoticeOut

CHANNEL = "notices"
Action = Literal["posted", "cleared"]


def _in_force(now: datetime) -> Any:
    return (Notice.cleared_at.is_(None)) & or_(Notice.expires_at.is_(None), Notice.expires_at > now)


def post_notice(
    *, session: Session, data: NoticeIn, now: datetime, posted_by_id: int | None
) -> NoticeOut:
    """Post a notice; it replaces the one in force, if any."""
    if data.expires_at is not None and data.expires_at <= now:
        raise NoticeAlreadyExpired()
    session.execute(update(Notice).where(_in_force(now)).values(cleared_at=now))
    notice = Notice(
        message_fr=data.message.fr,
        message_ar=data.message.ar,
        message_en=data.message.en,
        level=data.level,
        posted_at=now,
        expires_at=data.expires_at,
        posted_by_id=posted_by_id,
    )
    session.add(notice)
    session.flush()
    return NoticeOut.of(notice)


def _current(session: Session, now: datetime) -> Notice | None:
    query = (
        select(Notice)
        .where(_in_force(now))
        .order_by(Notice.posted_at.desc(), Notice.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def find_current_notice(*, session: Session, now: datetime) -> NoticeOut | None:
    """Return the notice in force, or None."""
    notice = _current(session, now)
    return NoticeOut.of(notice) if notice else None


def current_notice(*, session: Session, now: datetime) -> NoticeOut:
    """Return the notice in force, or raise NoCurrentNotice."""
    notice = find_current_notice(session=session, now=now)
    if notice is None:
        raise NoCurrentNotice()
    return notice


def clear_current_notice(*, session: Session, now: datetime) -> NoticeOut:
    """Take the notice in force down; raise NoCurrentNotice when there is none."""
    notice = _current(session, now)
    if notice is None:
        raise NoCurrentNotice()
    notice.cleared_at = now
    session.flush()
    return NoticeOut.of(notice)


def notice_event(action: Action, notice: NoticeOut) -> dict[str, Any]:
    """Return the bus event telling every page that a notice was posted or cleared."""
    return {"type": "notice", "action": action, "notice": notice.model_dump(mode="json")}
