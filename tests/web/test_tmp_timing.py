"""Two Casa workers sharing one database and Redis: a notice posted on one reaches the other's
live stream whole."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from casa.core import migrate
from casa.core.db import Database
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration

NOTICE = {
    "message": {
        "fr": "Coupure d'eau à Maârif",
        "ar": "انقطاع الماء في المعاريف",
        "en": "Water cut",
    },
    "level": "warning",
}


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[str]:
    """A migrated database both workers use: PostgreSQL when configured, else a SQLite file."""
    admin = os.environ.get("CASA_TEST_DATABASE_URL")
    url = create_postgres_database(admin) if admin else f"sqlite:///{tmp_path / 'shared.db'}"
    migrate.upgrade(url)
    yield url
    if admin:
        drop_postgres_database(admin, url)


def sse_events(response: httpx.Response) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (event, data) pairs from a Server-Sent Events stream."""
    name, data = "message", ""
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data += line.removeprefix("data:").strip()
        elif line == "" and data:
            yield name, json.loads(data)
            name, data = "message", ""


def test_notice_posted_on_one_worker_streams_from_the_other(
    serve: Any, redis_url: str, shared_database: str
) -> None:
    import time; t0 = time.monotonic(); print("start")
    db = Database(shared_database)
    make_user(db, email="staff@casa.ma", roles=("staff",))
    db.dispose()
    env = {"CASA_DATABASE_URL": shared_database, "CASA_REDIS_URL": redis_url}
    worker_a, worker_b = serve(env), serve(env); print("served", time.monotonic()-t0)

    with (
        httpx.Client(base_url=worker_a.url, timeout=10) as a,
        httpx.Client(base_url=worker_b.url, timeout=10) as b,
        b.stream("GET", "/api/v1/events", params={"channel": "notices"}) as stream,
    ):
        events = sse_events(stream)
        ready = next(events); print("ready", time.monotonic()-t0)
        posted = a.post("/api/v1/notices", json=NOTICE, headers=bearer(a, "staff@casa.ma"))  # type: ignore[arg-type]
        # Bounded: the read times out after 10 s of silence, and the stream is left after
        # the first notice event.
        heard = next(event for event in events if event[0] == "notice"); print("heard", time.monotonic()-t0)

    print("closed", time.monotonic()-t0)
    assert (ready, posted.status_code) == (("ready", {"channel": "notices"}), 201)
    assert heard == ("notice", {"type": "notice", "action": "posted", "notice": posted.json()})
