"""The registry of personal data: each domain says how to export and erase what it holds.

Law 09-08 gives every person the right to see and to erase their data. Accounts cannot know
what other domains keep, and must not import them, so each domain registers, at import time,
an exporter (returns JSON-ready data about a user) and an eraser (deletes or anonymises it):

    personal_data.register("errands", exporter=export_errands, eraser=erase_errands)

Both receive the unit of work and the user's id, and must only flush.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

Exporter = Callable[[Session, int], Any]
Eraser = Callable[[Session, int], None]


@dataclass(frozen=True)
class Holder:
    """A domain holding personal data."""

    name: str
    exporter: Exporter
    eraser: Eraser


_HOLDERS: dict[str, Holder] = {}


def register(name: str, *, exporter: Exporter, eraser: Eraser) -> None:
    """Register a domain's exporter and eraser (registering the same name again replaces it)."""
    _HOLDERS[name] = Holder(name, exporter, eraser)


def unregister(name: str) -> None:
    """Forget a domain's exporter and eraser."""
    _HOLDERS.pop(name, None)


def holders() -> list[Holder]:
    """Return the registered holders, by name."""
    return [_HOLDERS[name] for name in sorted(_HOLDERS)]


def export_all(session: Session, user_id: int) -> dict[str, Any]:
    """Return every registered domain's data about a user, keyed by domain."""
    return {h.name: h.exporter(session, user_id) for h in holders()}


def erase_all(session: Session, user_id: int) -> None:
    """Run every registered domain's eraser for a user."""
    for holder in holders():
        holder.eraser(session, user_id)
