"""One migration history that upgrades and downgrades cleanly on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from casa.core import migrate
from casa.core.db import make_engine
from casa.models import metadata
from tests.conftest import create_postgres_database, drop_postgres_database

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    admin = request.getfixturevalue("postgres_admin_url")
    url = create_postgres_database(admin)
    yield url
    drop_postgres_database(admin, url)


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_creates_every_table_of_the_models(empty_url: str) -> None:
    migrate.upgrade(empty_url)

    assert migrate.current(empty_url) == migrate.head()
    assert _tables(empty_url) == set(metadata.tables)


def test_migrated_schema_matches_the_models(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    engine = make_engine(empty_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()

    assert diff == []


def test_downgrade_to_base_removes_everything_and_upgrade_again_works(empty_url: str) -> None:
    migrate.upgrade(empty_url)

    migrate.downgrade(empty_url, "base")
    after_downgrade = _tables(empty_url)
    migrate.upgrade(empty_url)

    assert after_downgrade == set()
    assert migrate.current(empty_url) == migrate.head()
    assert _tables(empty_url) == set(metadata.tables)


def test_each_step_downgrades_to_its_parent(empty_url: str) -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config(empty_url))
    revisions = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    migrate.upgrade(empty_url)

    visited = []
    for parent in reversed([None, *revisions[:-1]]):
        migrate.downgrade(empty_url, "-1")
        visited.append(migrate.current(empty_url))
        assert visited[-1] == parent

    assert visited[-1] is None
