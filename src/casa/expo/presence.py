"""Live presence per venue on the event bus: the count after each admitted entry or exit.

The check-in endpoint marks a venue as changed once its scan is committed; one task per worker
then reads the venue's count and publishes it on the public channel ``expo-presence`` (counts
only, no personal data). Scans that arrive while a count is being read, or less than
``PAUSE_S`` after the last publication, are folded into the next read: the last event of a
venue always follows its last commit, and a busy gate costs at most a few reads a second.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from starlette.concurrency import run_in_threadpool

from casa.core.db import Database
from casa.core.system import PUBLIC_CHANNELS
from casa.expo import checkin

CHANNEL = "expo-presence"
PAUSE_S = 0.1
PUBLIC_CHANNELS.add(CHANNEL)
log = logging.getLogger(__name__)


class Announcer:
    """Publishes the new count of every venue touched by committed scans."""

    def __init__(self, db: Database, bus: Any) -> None:
        self.db = db
        self.bus = bus
        self.changed: set[tuple[int, int]] = set()
        self.task: asyncio.Task[None] | None = None

    def touch(self, edition_id: int, venue_id: int) -> None:
        """Note that a venue's count changed (call after the commit, on the event loop)."""
        self.changed.add((edition_id, venue_id))
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._flush())

    def _read(self, places: set[tuple[int, int]]) -> list[dict[str, object]]:
        with self.db.session() as session:
            return checkin.presence_of(session=session, places=places)

    async def _flush(self) -> None:
        while self.changed:
            places, self.changed = self.changed, set()
            try:
                events = await run_in_threadpool(self._read, places)
                for event in events:
                    await self.bus.publish(CHANNEL, event)
            except Exception:  # a lost count must not stop the next ones
                log.exception("presence counts could not be published")
            await asyncio.sleep(PAUSE_S)

    async def idle(self) -> None:
        """Wait until every noted change is published."""
        while self.task is not None and not self.task.done():
            await asyncio.shield(self.task)


def announcer(app: Any) -> Announcer:
    """Return the application's announcer, made on first use."""
    found = getattr(app.state, "expo_presence", None)
    if found is None:
        found = Announcer(app.state.db, app.state.bus)
        app.state.expo_presence = found
    return found
