"""Spot sensors and gate counters: how their observations move a site's live count.

A site with sensed spots counts its free spots (the derived count follows the same
late-arrival rule as any count); gates move the count by entries and exits from a known base.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casa.parking.ingest_store import Outcome, Row, apply_counts
from casa.parking.models import Site, SiteStatus, Spot


def _insert(session: Session, table: Any) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def apply_spots(
    session: Session,
    rows: Sequence[Row],
    current: Mapping[int, datetime | None],
    out: Outcome,
    channel: str,
) -> None:
    """Store each spot's newest status, then the count of free spots it gives its site."""
    if not rows:
        return
    site_ids = {r.site_id for r in rows}
    known = {
        (sid, ref): at
        for sid, ref, at in session.execute(
            select(Spot.site_id, Spot.ref, Spot.observed_at).where(Spot.site_id.in_(site_ids))
        )
    }
    latest: dict[tuple[int, str], Row] = {}
    for r in rows:
        ident = (r.site_id, r.key)
        if ident in known and r.observed_at <= known[ident]:
            out.late += 1
        elif ident not in latest or r.observed_at > latest[ident].observed_at:
            latest[ident] = r
    if not latest:
        return
    table = cast(Table, Spot.__table__)
    stmt = _insert(session, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.site_id, table.c.ref],
        set_={"status": stmt.excluded.status, "observed_at": stmt.excluded.observed_at},
        where=table.c.observed_at < stmt.excluded.observed_at,
    )
    session.connection().execute(
        stmt,
        [
            {"site_id": r.site_id, "ref": r.key, "status": r.status, "observed_at": r.observed_at}
            for r in latest.values()
        ],
    )
    # A site with sensed spots counts its free spots; the derived count follows the same rule.
    derived = [
        Row(-1, sid, "count", "", int(free), None, at)
        for sid, free, at in session.execute(
            select(
                Spot.site_id, func.count().filter(Spot.status == "free"), func.max(Spot.observed_at)
            )
            .where(Spot.site_id.in_({r.site_id for r in latest.values()}))
            .group_by(Spot.site_id)
        )
    ]
    scratch = Outcome()
    apply_counts(session, derived, current, scratch, channel)
    out.changed.update(scratch.changed)


def apply_gates(
    session: Session,
    rows: Sequence[Row],
    current: Mapping[int, datetime | None],
    out: Outcome,
    channel: str,
) -> None:
    """Move each site's count by its gates' entries and exits, from a known base."""
    deltas: dict[int, tuple[int, datetime]] = {}
    for r in rows:
        before = current.get(r.site_id)
        if before is not None and r.observed_at < before:
            out.late += 1
            continue
        delta, at = deltas.get(r.site_id, (0, r.observed_at))
        deltas[r.site_id] = (delta + (-1 if r.kind == "entry" else 1), max(at, r.observed_at))
    if not deltas:
        return
    status = cast(Table, SiteStatus.__table__)
    site = cast(Table, Site.__table__)
    capacity = select(site.c.capacity).where(site.c.id == status.c.site_id).scalar_subquery()
    moved = status.c.free + bindparam("delta")
    stmt = (
        update(status)
        .where(
            status.c.site_id == bindparam("sid"),
            status.c.free.is_not(None),
            and_(status.c.observed_at.is_not(None), status.c.observed_at <= bindparam("at")),
        )
        .values(
            free=case((moved < 0, 0), (moved > capacity, capacity), else_=moved),
            observed_at=bindparam("at"),
            channel=channel,
        )
    )
    session.connection().execute(
        stmt, [{"sid": sid, "delta": d, "at": at} for sid, (d, at) in deltas.items()]
    )
    for sid, free, at in session.execute(
        select(SiteStatus.site_id, SiteStatus.free, SiteStatus.observed_at).where(
            SiteStatus.site_id.in_(list(deltas))
        )
    ):
        out.changed[sid] = (free, at)
