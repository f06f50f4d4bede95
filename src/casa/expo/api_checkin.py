"""The gates' endpoint: one scan, one trip to a worker thread, two statements and a commit.

The handler is ``async`` and does the whole unit of work (caller's token, permission, scan,
commit) in a single call to the thread pool, instead of one hop per dependency. On SQLite the
scans of a worker take turns on a lock: they would queue for the database's write lock anyway,
and waiting on a Python lock wakes at once where SQLite's busy handler sleeps and polls.

A gate sends hundreds of scans a minute with the same credentials, and checking them costs
three reads, more than the scan itself. So a worker remembers, for ``AUTH_TTL_S`` seconds,
which credentials (by their SHA-256) belong to a user allowed to scan: a token revoked or a
role withdrawn stops opening the gates of a worker at most that long afterwards.
"""

from __future__ import annotations

import hashlib
import threading
import time
import weakref
from contextlib import nullcontext
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from casa.accounts import login
from casa.accounts.deps import BearerToken, get_optional_user
from casa.accounts.exceptions import LoginRequired, MissingPermission
from casa.accounts.permissions import grants
from casa.core.clock import Clock
from casa.core.db import Database
from casa.core.deps import ClockDep, LanguageDep
from casa.expo import checkin
from casa.expo.presence import announcer
from casa.expo.schemas import CheckinIn, CheckinOut

router = APIRouter()
PERMISSION = "expo:checkin"
AUTH_TTL_S = 2.0
_WRITERS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()
_WRITERS_LOCK = threading.Lock()


def _turn(db: Database) -> Any:
    if db.engine.dialect.name != "sqlite":
        return nullcontext()
    with _WRITERS_LOCK:
        return _WRITERS.setdefault(db.engine, threading.Lock())


class Allowed:
    """Credentials recently found to belong to a user allowed to scan, and until when."""

    def __init__(self) -> None:
        self.until: dict[str, float] = {}

    def fresh(self, credential: str) -> bool:
        """Tell whether these credentials were allowed less than ``AUTH_TTL_S`` ago."""
        return self.until.get(credential, 0.0) > time.monotonic()

    def remember(self, credential: str) -> None:
        """Note that these credentials are allowed, for ``AUTH_TTL_S`` seconds."""
        now = time.monotonic()
        if len(self.until) > 1000:
            self.until = {k: v for k, v in self.until.items() if v > now}
        self.until[credential] = now + AUTH_TTL_S


_ALLOWED: weakref.WeakKeyDictionary[Engine, Allowed] = weakref.WeakKeyDictionary()


async def _credentials(request: Request, token: BearerToken) -> str | None:
    # Anonymous callers get their 401 before the body is even looked at, as on every route.
    key = request.session.get(login.WEB_SESSION_KEY) if "session" in request.scope else None
    if token is None and not key:
        raise LoginRequired()
    return token


Credentials = Annotated[str | None, Depends(_credentials)]


def _fingerprint(request: Request, token: str | None) -> str:
    key = request.session.get(login.WEB_SESSION_KEY) if "session" in request.scope else None
    raw = f"bearer:{token}" if token is not None else f"web:{key}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _allowed(db: Database) -> Allowed:
    with _WRITERS_LOCK:
        return _ALLOWED.setdefault(db.engine, Allowed())


def _checkin(
    request: Request, db: Database, body: CheckinIn, token: str | None, clock: Clock
) -> checkin.Outcome:
    allowed, credential = _allowed(db), _fingerprint(request, token)
    with _turn(db), db.session() as session:
        if not allowed.fresh(credential):
            user = get_optional_user(request, session, clock, token)
            if user is None:
                raise LoginRequired()
            if not grants(user.roles, PERMISSION):
                raise MissingPermission(permission=PERMISSION)
            allowed.remember(credential)
        return checkin.record(session=session, data=body, now=clock())


@router.post("/checkins", summary="Scan a ticket at a gate")
async def post_checkin(
    request: Request, body: CheckinIn, token: Credentials, clock: ClockDep, lang: LanguageDep
) -> CheckinOut:
    """Admit or refuse a ticket at a gate; a replayed nonce gets its first answer again."""
    db: Database = request.app.state.db
    outcome = await run_in_threadpool(_checkin, request, db, body, token, clock)
    if outcome.moved and outcome.edition_id is not None and outcome.venue_id is not None:
        announcer(request.app).touch(outcome.edition_id, outcome.venue_id)
    return checkin.answer(outcome, lang)
