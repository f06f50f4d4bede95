"""Per-process caches that follow the database: rebuilt whenever a revision token changes.

A write bumps the token of what it changed (``areas`` or ``gazetteer``) in the same
transaction; a reader compares the token with the one its cache was built from. Tokens are
random, so a database emptied and refilled never matches a stale cache by accident, and every
worker process sees another's writes once they are committed.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.city.models import Revision

T = TypeVar("T")
_lock = threading.Lock()
_caches: dict[tuple[str, str], tuple[str, object]] = {}


def token(session: Session, name: str) -> str:
    """Return the current revision token of a table group ('' before any write)."""
    found = session.execute(select(Revision.token).where(Revision.name == name)).scalar()
    return found or ""


def bump(session: Session, name: str) -> None:
    """Give a table group a new revision token (in the session's transaction)."""
    row = session.get(Revision, name)
    if row is None:
        session.add(Revision(name=name, token=uuid.uuid4().hex))
    else:
        row.token = uuid.uuid4().hex
    session.flush()


def cached(session: Session, name: str, build: Callable[[Session], T]) -> T:
    """Return the cached value built from a table group, rebuilding it if the group changed."""
    key = (session.get_bind().engine.url.render_as_string(hide_password=True), name)
    current = token(session, name)
    hit = _caches.get(key)
    if hit is not None and hit[0] == current:
        return hit[1]  # type: ignore[return-value]
    with _lock:
        value = build(session)
        _caches[key] = (current, value)
    return value


def clear() -> None:
    """Forget every cache of this process."""
    with _lock:
        _caches.clear()
