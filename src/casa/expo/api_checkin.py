"""The gates' endpoint: scans grouped into few transactions on the database's own threads.

The handler is ``async``: it hands the scan (the caller's credentials, permission, the scan
itself) to its database's lane and awaits the answer, one trip to a thread instead of one per
dependency. A lane thread takes every scan waiting and runs them in one transaction, one
after the other, then commits once and answers each (group commit): under load, a handful of
scans share a commit and a few switches between threads, so latency stays flat as the rate
grows. SQLite gets one lane thread (it has one writer at a time anyway, and a thread waiting
in its busy handler sleeps and polls); PostgreSQL gets a few, whose commits overlap. Each
scan keeps its own outcome: a refused scan does not touch the others, and an unexpected
database error has the group run again one scan per transaction.

A gate sends hundreds of scans a minute with the same credentials, and checking them costs
three reads, more than the scan itself. So a worker remembers, for ``AUTH_TTL_S`` seconds,
which credentials (by their SHA-256) belong to a user allowed to scan: a token revoked or a
role withdrawn stops opening the gates of a worker at most that long afterwards.
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import event
from sqlalchemy.orm import Session

from casa.accounts import login
from casa.accounts.deps import BearerToken, get_optional_user
from casa.accounts.exceptions import LoginRequired, MissingPermission
from casa.accounts.permissions import grants
from casa.core.clock import Clock
from casa.core.db import Database
from casa.core.deps import ClockDep, LanguageDep
from casa.core.errors import CasaError
from casa.expo import checkin
from casa.expo.presence import announcer
from casa.expo.schemas import CheckinIn, CheckinOut

PERMISSION = "expo:checkin"
AUTH_TTL_S = 2.0
GROUP = 64
POSTGRES_THREADS = 4
CHECKPOINT_EVERY = 500
log = logging.getLogger(__name__)


def _no_autocheckpoint(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


Job = Callable[[Session], checkin.Outcome]
Waiting = tuple[Job, asyncio.AbstractEventLoop, "asyncio.Future[checkin.Outcome]"]


class Lane:
    """A database's check-in threads, their queue of scans, and the credentials recently allowed."""

    def __init__(self, db: Database) -> None:
        self.shared = db
        self.sqlite = db.engine.dialect.name == "sqlite"
        self.db = db
        self.checkpointer: ThreadPoolExecutor | None = None
        if self.sqlite:
            # SQLite copies its write-ahead log into the database (a checkpoint, with an fsync)
            # in whichever commit crosses the log's limit: hundreds of milliseconds on a busy
            # disk, with every gate waiting. The lane writes through a connection of its own
            # that never does so, and a thread of its own copies the log without blocking it.
            self.db = Database(db.url, pool_size=1, max_overflow=0)
            event.listen(self.db.engine, "connect", _no_autocheckpoint)
            self.checkpointer = ThreadPoolExecutor(1, thread_name_prefix="casa-checkpoint")
        self.threads = 1 if self.sqlite else POSTGRES_THREADS
        self.executor = ThreadPoolExecutor(self.threads, thread_name_prefix="casa-checkin")
        self.waiting: list[Waiting] = []
        self.lock = threading.Lock()
        self.draining = 0
        self.since_checkpoint = 0
        self.checkpointing = False
        self.allowed_until: dict[str, float] = {}

    def close(self) -> None:
        """Let the lane's threads and its own connection go."""
        self.executor.shutdown(wait=False)
        if self.checkpointer is not None:
            self.checkpointer.shutdown(wait=True)
        if self.db is not self.shared:
            self.db.dispose()

    def _checkpoint(self) -> None:
        try:
            with self.shared.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception:  # the next one will catch up; scans must go on
            log.exception("the check-in log could not be checkpointed")
        finally:
            self.checkpointing = False

    def _written(self, n: int) -> None:
        if self.checkpointer is None:
            return
        self.since_checkpoint += n
        if self.since_checkpoint >= CHECKPOINT_EVERY and not self.checkpointing:
            self.since_checkpoint, self.checkpointing = 0, True
            self.checkpointer.submit(self._checkpoint)

    def allowed(self, credential: str) -> bool:
        """Tell whether these credentials were allowed less than ``AUTH_TTL_S`` ago."""
        return self.allowed_until.get(credential, 0.0) > time.monotonic()

    def allow(self, credential: str) -> None:
        """Note that these credentials are allowed, for ``AUTH_TTL_S`` seconds."""
        now = time.monotonic()
        if len(self.allowed_until) > 1000:
            self.allowed_until = {k: v for k, v in self.allowed_until.items() if v > now}
        self.allowed_until[credential] = now + AUTH_TTL_S

    async def run(self, job: Job) -> checkin.Outcome:
        """Run a scan in the next group and return its outcome once committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[checkin.Outcome] = loop.create_future()
        with self.lock:
            self.waiting.append((job, loop, future))
            start = self.draining < self.threads
            self.draining += start
        if start:
            self.executor.submit(contextvars.copy_context().run, self._drain)
        return await future

    def _drain(self) -> None:
        while True:
            with self.lock:
                group, self.waiting = self.waiting[:GROUP], self.waiting[GROUP:]
                if not group:
                    self.draining -= 1
                    return
            try:
                results = self._together(group)
            except Exception:  # one scan broke the group: run each scan on its own
                results = [self._together([item])[0] for item in group]
            self._written(len(group))
            for (_, loop, future), result in zip(group, results, strict=True):
                try:
                    loop.call_soon_threadsafe(_settle, future, result)
                except RuntimeError:  # that caller's event loop has closed: nobody to answer
                    continue

    def _together(self, group: list[Waiting]) -> list[checkin.Outcome | BaseException]:
        results: list[checkin.Outcome | BaseException] = []
        try:
            with self.db.session() as session:
                for job, _, _ in group:
                    try:
                        results.append(job(session))
                    except CasaError as exc:  # raised before the scan wrote anything
                        results.append(exc)
        except Exception as exc:
            if len(group) > 1:
                raise
            return [exc]
        return results


def _settle(
    future: asyncio.Future[checkin.Outcome], result: checkin.Outcome | BaseException
) -> None:
    if future.done():
        return
    if isinstance(result, BaseException):
        future.set_exception(result)
    else:
        future.set_result(result)


def lane(app: Any) -> Lane:
    """Return the application's check-in lane, made on first use."""
    found: Lane | None = getattr(app.state, "expo_checkin_lane", None)
    if found is None:
        found = app.state.expo_checkin_lane = Lane(app.state.db)
    return found


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Let the lane's threads go when the application stops."""
    try:
        yield
    finally:
        found: Lane | None = getattr(app.state, "expo_checkin_lane", None)
        if found is not None:
            found.close()


router = APIRouter(lifespan=lifespan)


def _web_key(request: Request) -> str | None:
    key = request.session.get(login.WEB_SESSION_KEY) if "session" in request.scope else None
    return key if isinstance(key, str) and key else None


async def _credentials(request: Request, token: BearerToken) -> str | None:
    # Anonymous callers get their 401 before the body is even looked at, as on every route.
    if token is None and _web_key(request) is None:
        raise LoginRequired()
    return token


Credentials = Annotated[str | None, Depends(_credentials)]


def _checkin(request: Request, gate: Lane, body: CheckinIn, token: str | None, clock: Clock) -> Job:
    raw = f"bearer:{token}" if token is not None else f"web:{_web_key(request)}"
    credential = hashlib.sha256(raw.encode()).hexdigest()

    def job(session: Session) -> checkin.Outcome:
        if not gate.allowed(credential):
            user = get_optional_user(request, session, clock, token)
            if user is None:
                raise LoginRequired()
            if not grants(user.roles, PERMISSION):
                raise MissingPermission(permission=PERMISSION)
            gate.allow(credential)
        return checkin.record(session=session, data=body, now=clock())

    return job


@router.post("/checkins", summary="Scan a ticket at a gate", response_model=CheckinOut)
async def post_checkin(
    request: Request, body: CheckinIn, token: Credentials, clock: ClockDep, lang: LanguageDep
) -> Response:
    """Admit or refuse a ticket at a gate; a replayed nonce gets its first answer again."""
    gate = lane(request.app)
    outcome = await gate.run(_checkin(request, gate, body, token, clock))
    if outcome.moved and outcome.edition_id is not None and outcome.venue_id is not None:
        announcer(request.app).touch(outcome.edition_id, outcome.venue_id)
    answer = checkin.answer(outcome, lang)
    return Response(answer.model_dump_json(), media_type="application/json")
