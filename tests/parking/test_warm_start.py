"""A served worker builds the parking index before its first request and freezes its heap."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casa.app import create_app
from casa.core.config import Settings
from casa.core.db import Database
from casa.parking import search_index
from tests.parking.factories import make_site

pytestmark = pytest.mark.integration


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the suite keeps collecting as usual


def test_warm_start_builds_the_index_before_any_request(
    settings: Settings, db: Database, unfrozen: None
) -> None:
    make_site(db, "a")
    warm = settings.model_copy(update={"warm_start": True})

    with db.session() as session:
        before = search_index.is_current(session)
    with TestClient(create_app(warm)):
        with db.session() as session:
            during = search_index.is_current(session)
        frozen = gc.get_freeze_count()

    assert (before, during, frozen > 0) == (False, True, True)


def test_warm_start_on_a_database_without_tables_still_serves(
    settings: Settings, tmp_path: Path, unfrozen: None
) -> None:
    empty = settings.model_copy(
        update={"warm_start": True, "database_url": f"sqlite:///{tmp_path / 'empty.db'}"}
    )

    with TestClient(create_app(empty)) as client:
        health = client.get("/healthz").status_code

    assert health == 200
