"""Conversation state: what is asked, what is missing, follow-ups, and forgetting.

A conversation keeps the slots of its question (intent, origin, destination, time, the last
journey) for 30 minutes after its last message, then it is deleted (Law 09-08: keep personal
data no longer than needed). A conversation idle for longer is never read back, even before
the sweep that deletes it has run.
"""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casa.assistant.models import Conversation, Delivery, Turn

KEEP = timedelta(minutes=30)
# Platforms retry a delivery for hours at most; a day of message ids is enough to refuse repeats.
KEEP_DELIVERIES = timedelta(days=1)
SWEEP_EVERY = timedelta(minutes=1)
RETURN = re.compile(
    r"(?<!\w)(revenir|retour|rentrer|come back|coming back|return|go back|get back|nrje3|nrj3|"
    r"nrjaa|nrja3|nrjee3|rjou3|نرجع|رجوع|الرجوع|العودة|أعود|اعود|نرجعو)(?!\w)",
    re.IGNORECASE,
)
# "w b tram?", "et en tram ?", "by busway?", "وبالطرام؟": the same trip, on one mode only.
MODE = re.compile(
    r"(?<!\w)(?:w\s*|et\s+|and\s+|و\s*)?(?:b|bi|bl|en|par|by|on|with|ب)\s*(?:l|el|al|le|the|ال)?\s*"
    r"(tram|tramway|ttram|trame|طرام|ترام|ترامواي|busway|bus way|بوسواي|باصواي)(?!\w)",
    re.IGNORECASE,
)
FILLERS = frozenset(
    ["w", "o", "et", "and", "ou", "or", "alors", "then", "what", "about", "wach", "ila", "و", "واش"]
)

_swept: dict[str, datetime] = {}
_sweep_lock = threading.Lock()


@dataclass
class Memory:
    """A conversation as read at the start of a message."""

    id: str
    state: dict[str, Any]
    lang: str | None = None


def forget_expired(*, session: Session, now: datetime) -> int:
    """Delete conversations idle for longer than they may be kept, with their turns; count them."""
    result = session.execute(delete(Conversation).where(Conversation.updated_at < now - KEEP))
    session.execute(delete(Turn).where(Turn.conversation_id.not_in(select(Conversation.id))))
    session.execute(delete(Delivery).where(Delivery.received_at < now - KEEP_DELIVERIES))
    return int(getattr(result, "rowcount", 0) or 0)


def _sweep_due(session: Session, now: datetime) -> bool:
    # Sweeping on every message costs a statement; once a minute per database is enough
    # because expired rows are never read back anyway.
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    with _sweep_lock:
        last = _swept.get(url)
        if last is not None and last <= now < last + SWEEP_EVERY:
            return False
        _swept[url] = now
        return True


def load(*, session: Session, conversation_id: str | None, now: datetime) -> Memory:
    """Return the conversation of an id (a new one when unknown or expired)."""
    if _sweep_due(session, now):
        forget_expired(session=session, now=now)
    if not conversation_id:
        return Memory(uuid.uuid4().hex, {})
    row = session.execute(
        select(Conversation.state, Conversation.lang).where(
            Conversation.id == conversation_id, Conversation.updated_at >= now - KEEP
        )
    ).first()
    if row is None:
        return Memory(conversation_id, {})
    return Memory(conversation_id, dict(row.state or {}), row.lang)


def save(
    *, session: Session, memory: Memory, state: dict[str, Any], lang: str, now: datetime
) -> None:
    """Keep a conversation's new state, in one statement (insert or update)."""
    values = {"id": memory.id, "lang": lang, "state": state, "updated_at": now}
    session.execute(_upsert(session.get_bind().dialect.name), values)


@lru_cache(maxsize=4)
def _upsert(dialect: str) -> Any:
    # Built once per dialect: building it per message costs more than running it.
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Conversation)
    return stmt.on_conflict_do_update(
        index_elements=[Conversation.id],
        set_={
            "lang": stmt.excluded.lang,
            "state": stmt.excluded.state,
            "updated_at": stmt.excluded.updated_at,
        },
    )


def insert_for(session: Session, model: type[Any]) -> Any:
    """Return an INSERT with ON CONFLICT clauses for the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def is_return(text: str) -> bool:
    """Tell whether a message asks for the way back."""
    return RETURN.search(text) is not None


def mode_of(text: str) -> str | None:
    """Return the mode a bare follow-up asks to ride ("tram" or "bus"), or None.

    Only a message that says little else counts ("w b tram?", "and by busway?"): a question
    naming a mode among other words ("chhal b tram?") is a question of its own.
    """
    found = MODE.search(text)
    if found is None:
        return None
    rest = (text[: found.start()] + " " + text[found.end() :]).lower()
    if any(w not in FILLERS for w in re.findall(r"\w+", rest)):
        return None
    word = found.group(1).lower()
    return "bus" if word.startswith("bus") or word in ("بوسواي", "باصواي") else "tram"
