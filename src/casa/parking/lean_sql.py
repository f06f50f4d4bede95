"""Statements run straight on the driver's cursor, for the hottest reads and writes of IPARK.

The search and the ingest of observations send a few fixed statements many times a second.
Going through the ORM's rows (or even Core's result processing) cost more than the database
work itself, so these run on the unit of work's own connection (same transaction) with one
SQL text per dialect, and only the timestamp columns pass through the column type's own
conversions, so values are written and read exactly as the ORM would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from casa.core.db import UTCDateTime
from casa.parking.sites import meta_values

DIALECTS = ("sqlite", "postgresql")
"""The databases these statements are written for; any other goes through the ORM."""


def lean(session: Session) -> bool:
    """Tell whether the unit of work's database takes the statements of this module."""
    return session.get_bind().dialect.name in DIALECTS


@lru_cache(maxsize=8)
def converters(dialect: Dialect) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """Return how a UTC timestamp is written to and read from a database, as the ORM does.

    Reading is memoised: a count's time is read by many searches before it changes, and the
    conversion is a pure function of the stored value.
    """
    column = UTCDateTime().dialect_impl(dialect)
    to_db = column.bind_processor(dialect) or _same
    from_db = column.result_processor(dialect, None)
    return to_db, _same if from_db is None else lru_cache(maxsize=32_768)(from_db)


def _same(value: Any) -> Any:
    return value


def fetch(session: Session, sql: str, params: Sequence[Any]) -> list[Any]:
    """Run one statement on the unit of work's connection and return its rows."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall()) if cursor.description else []
    finally:
        cursor.close()


def execute_many(session: Session, sql: str, params: Sequence[Sequence[Any]]) -> None:
    """Run one statement once per set of parameters on the unit of work's connection."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.executemany(sql, params)
    finally:
        cursor.close()


def read_meta(session: Session) -> dict[str, str]:
    """Return every version kept in ``parking_meta`` (sites, forecasts) in one query."""
    if not lean(session):
        return meta_values(session)
    return dict(fetch(session, "SELECT key, value FROM parking_meta", ()))
