"""The city migration goes down and up again cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from casa.core import migrate

pytestmark = pytest.mark.integration

CITY_TABLES = {"city_areas", "city_places", "city_revisions"}


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_city_migration_downgrades_exactly_and_upgrades_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'casa.db'}"
    migrate.upgrade(url, "0002_city")
    with_city = _tables(url)
    migrate.downgrade(url, "0001_accounts")
    without_city = _tables(url)
    migrate.upgrade(url, "0002_city")
    assert (with_city - without_city, _tables(url)) == (CITY_TABLES, with_city)
