"""Conversation state: what is asked, what is missing, follow-ups, and forgetting.

A conversation keeps the slots of its question (intent, origin, destination, time, the last
journey) for 30 minutes after its last message, then it is deleted (Law 09-08: keep personal
data no longer than needed).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from casa.assistant.models import Conversation

KEEP = timedelta(minutes=30)
RETURN = re.compile(
    r"(?<!\w)(revenir|retour|rentrer|come back|coming back|return|go back|get back|nrje3|nrj3|"
    r"nrjaa|nrja3|nrjee3|rjou3|نرجع|رجوع|الرجوع|العودة|أعود|اعود|نرجعو)(?!\w)",
    re.IGNORECASE,
)


def forget_expired(*, session: Session, now: datetime) -> int:
    """Delete conversations idle for longer than they may be kept; return how many."""
    result = session.execute(delete(Conversation).where(Conversation.updated_at < now - KEEP))
    return int(getattr(result, "rowcount", 0) or 0)


def load(*, session: Session, conversation_id: str | None, now: datetime) -> Conversation:
    """Return the conversation of an id (a new one when unknown or expired)."""
    forget_expired(session=session, now=now)
    found = session.get(Conversation, conversation_id) if conversation_id else None
    if found is not None:
        return found
    new = Conversation(id=conversation_id or uuid.uuid4().hex, lang="fr", state={}, updated_at=now)
    session.add(new)
    return new


def save(conversation: Conversation, *, state: dict[str, Any], lang: str, now: datetime) -> None:
    """Keep a conversation's new state."""
    conversation.state = state
    conversation.lang = lang
    conversation.updated_at = now


def is_return(text: str) -> bool:
    """Tell whether a message asks for the way back."""
    return RETURN.search(text) is not None
