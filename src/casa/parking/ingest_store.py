"""Storing a batch of observations in few round trips: history, then the live counts.

A batch of 1,000 counts is one INSERT of every row (repeats dropped by the unique key, the
new rows returned), one read of the sites' current times and one conditional UPDATE of the
live counts (an executemany on SQLite, one statement over arrays on PostgreSQL), all through
``lean_sql``. The sites a batch names are looked up in memory, in a table of references
rebuilt when ``parking_meta.sites_version`` changes (as the search index is).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.parking.lean_sql import converters, execute_many, fetch
from casa.parking.models import Site
from casa.parking.schemas import RejectedObservation
from casa.parking.sites import SITES_VERSION


class SiteFacts(NamedTuple):
    """What judging an observation needs to know of its site."""

    id: int
    capacity: int
    source_id: int | None


@dataclass(frozen=True, slots=True)
class Row:
    """One observation that passed validation, ready to store."""

    index: int
    site_id: int
    kind: str
    key: str
    free: int | None
    status: str | None
    observed_at: datetime


@dataclass
class Outcome:
    """What became of a batch so far."""

    accepted: int = 0
    duplicates: int = 0
    late: int = 0
    errors: list[RejectedObservation] = field(default_factory=list)
    changed: dict[int, tuple[int | None, datetime]] = field(default_factory=dict)

    def reject(self, index: int, reason: str, detail: str) -> None:
        """Record that one observation was refused, and why."""
        self.errors.append(RejectedObservation(index=index, reason=reason, detail=detail))


class SiteTable:
    """Every site's facts by reference, and its reference by id."""

    def __init__(self, rows: Iterable[tuple[str, int, int, int | None]]) -> None:
        self.by_ref: dict[str, SiteFacts] = {}
        self.ref_of: dict[int, str] = {}
        for ref, sid, capacity, source_id in rows:
            self.by_ref[ref] = SiteFacts(sid, capacity, source_id)
            self.ref_of[sid] = ref


_tables: dict[str, tuple[str | None, SiteTable]] = {}
_build_lock = threading.Lock()
_SITE_FACTS = select(Site.ref, Site.id, Site.capacity, Site.source_id)


def site_table(session: Session, meta: Mapping[str, str]) -> SiteTable:
    """Return the sites' facts, read again only when a site has changed."""
    version = meta.get(SITES_VERSION)
    key = str(session.get_bind().engine.url)
    cached = _tables.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _build_lock:
        cached = _tables.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        table = SiteTable(tuple(row) for row in session.execute(_SITE_FACTS))
        _tables[key] = (version, table)
    return table


def _placeholders(rows: int, columns: int) -> str:
    one = "(" + ",".join(["?"] * columns) + ")"
    return ",".join([one] * rows)


# SQLite takes at most 32,766 parameters a statement: 1,000 rows of 8 fit with room to spare.
_INSERT_ROWS = 2_000
_INSERT_SQL = (
    "INSERT INTO parking_observations"
    " (site_id, kind, key, free, status, observed_at, received_at, channel) VALUES {values}"
    " ON CONFLICT DO NOTHING RETURNING site_id, kind, key, observed_at"
)
_INSERT_UNNEST = (
    "INSERT INTO parking_observations"
    " (site_id, kind, key, observed_at, free, status, received_at, channel)"
    " SELECT v.*, %s, %s FROM unnest(%s::integer[], %s::varchar[], %s::varchar[],"
    " %s::timestamptz[], %s::integer[], %s::varchar[]) AS v"
    " ON CONFLICT DO NOTHING RETURNING site_id, kind, key, observed_at"
)
_UPDATE_UNNEST = (
    "UPDATE parking_site_status AS s SET free = v.free, observed_at = v.at, channel = %s"
    " FROM unnest(%s::integer[], %s::integer[], %s::timestamptz[]) AS v(site_id, free, at)"
    " WHERE s.site_id = v.site_id AND (s.observed_at IS NULL OR s.observed_at < v.at)"
)
_CURRENT_SQL = {
    "sqlite": "SELECT site_id, observed_at FROM parking_site_status WHERE site_id IN ({marks})",
    "postgresql": "SELECT site_id, observed_at FROM parking_site_status WHERE site_id = ANY(%s)",
}
_UPDATE_SQL = (
    "UPDATE parking_site_status SET free = ?, observed_at = ?, channel = ?"
    " WHERE site_id = ? AND (observed_at IS NULL OR observed_at < ?)"
)


def insert_history(
    session: Session, rows: Sequence[Row], *, channel: str, now: datetime
) -> list[Row]:
    """Insert the rows as history; return those that were not already stored, in order."""
    dialect = session.get_bind().dialect
    to_db, _ = converters(dialect)
    received = to_db(now)
    # A repeat inside the batch is a duplicate like any other: only its first copy is sent.
    first: dict[tuple[int, str, str, Any], Row] = {}
    for r in rows:
        first.setdefault((r.site_id, r.kind, r.key, to_db(r.observed_at)), r)
    inserted: set[tuple[Any, ...]] = set()
    pending = list(first.items())
    if dialect.name == "postgresql" and pending:
        # One statement whatever the batch's size: each column travels as one array.
        columns = zip(*((*ident, r.free, r.status) for ident, r in pending), strict=True)
        returned = fetch(session, _INSERT_UNNEST, (received, channel, *map(list, columns)))
        inserted.update((sid, kind, key, to_db(at)) for sid, kind, key, at in returned)
    elif pending:
        for start in range(0, len(pending), _INSERT_ROWS):
            chunk = pending[start : start + _INSERT_ROWS]
            params: list[Any] = []
            for (sid, kind, key, at), r in chunk:
                params += (sid, kind, key, r.free, r.status, at, received, channel)
            sql = _INSERT_SQL.format(values=_placeholders(len(chunk), 8))
            inserted.update(tuple(row) for row in fetch(session, sql, params))
    return [r for ident, r in first.items() if ident in inserted]


def current_times(session: Session, site_ids: Iterable[int]) -> dict[int, datetime | None]:
    """Return the time of each site's live count (None when it has none)."""
    ids = sorted(set(site_ids))
    if not ids:
        return {}
    dialect = session.get_bind().dialect
    _, from_db = converters(dialect)
    if dialect.name == "sqlite":
        sql = _CURRENT_SQL["sqlite"].format(marks=",".join("?" * len(ids)))
        rows = fetch(session, sql, ids)
    else:
        rows = fetch(session, _CURRENT_SQL["postgresql"], (ids,))
    return {sid: None if at is None else from_db(at) for sid, at in rows}


def update_counts(session: Session, newest: Sequence[Row], *, channel: str) -> None:
    """Set each site's live count to its newest row, unless a newer count is stored already."""
    if not newest:
        return
    dialect = session.get_bind().dialect
    to_db, _ = converters(dialect)
    if dialect.name == "postgresql":
        fetch(
            session,
            _UPDATE_UNNEST,
            (
                channel,
                [r.site_id for r in newest],
                [r.free for r in newest],
                [to_db(r.observed_at) for r in newest],
            ),
        )
        return
    params = []
    for r in newest:
        at = to_db(r.observed_at)
        params.append((r.free, at, channel, r.site_id, at))
    execute_many(session, _UPDATE_SQL, params)


def apply_counts(
    session: Session,
    rows: Sequence[Row],
    current: Mapping[int, datetime | None],
    out: Outcome,
    channel: str,
) -> None:
    """Move each site's live count to its newest row; count the rows older than the live one."""
    newest: dict[int, Row] = {}
    for r in rows:
        before = current.get(r.site_id)
        if before is not None and r.observed_at <= before:
            out.late += 1
            continue
        if r.site_id not in newest or r.observed_at > newest[r.site_id].observed_at:
            newest[r.site_id] = r
    if not newest:
        return
    update_counts(session, list(newest.values()), channel=channel)
    for r in newest.values():
        out.changed[r.site_id] = (r.free, r.observed_at)
