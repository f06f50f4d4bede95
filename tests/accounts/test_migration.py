"""The accounts migration builds exactly the tables of the models, and undoes them exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from casa.core import migrate
from casa.core.db import make_engine
from casa.models import metadata
from tests.conftest import create_postgres_database, drop_postgres_database, need

pytestmark = pytest.mark.integration

ACCOUNTS_TABLES = {"users", "user_roles", "api_tokens", "web_sessions", "login_attempts"}


def _accounts_diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    return [d for d in diff if ACCOUNTS_TABLES & {str(part) for part in _names(d)}]


def _names(item: object) -> list[object]:
    # A diff entry is a tuple (or a list of tuples) holding tables, columns or indexes.
    entries = item if isinstance(item, list) else [item]
    names: list[object] = []
    for entry in entries:
        for part in entry:
            table = getattr(part, "table", None)
            names.append(getattr(table, "name", None) or getattr(part, "name", part))
    return names


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _round_trip(url: str) -> tuple[list[object], set[str], set[str]]:
    migrate.upgrade(url)
    diff = _accounts_diff(url)
    migrate.downgrade(url, "base")
    after_downgrade = _tables(url)
    migrate.upgrade(url)
    return diff, after_downgrade, _tables(url) & ACCOUNTS_TABLES


def test_migration_round_trip_on_sqlite(tmp_path: Path) -> None:
    result = _round_trip(f"sqlite:///{tmp_path / 'casa.db'}")

    assert result == ([], {"alembic_version"}, ACCOUNTS_TABLES)


def test_migration_round_trip_on_postgresql() -> None:
    admin = os.environ.get("CASA_TEST_DATABASE_URL")
    if not admin:
        need("PostgreSQL", "CASA_TEST_DATABASE_URL is not set")
    url = create_postgres_database(str(admin))
    try:
        result = _round_trip(url)
    finally:
        drop_postgres_database(str(admin), url)

    assert result == ([], {"alembic_version"}, ACCOUNTS_TABLES)
