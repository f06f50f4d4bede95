"""Observations in: validation, de-duplication, the late-arrival rule, sources and their keys.

Every channel (HTTP batches, MQTT, counts declared by hand, the simulator) goes through
``ingest``: a bad observation is rejected and counted, never fatal to the others; a repeat is
dropped by the table's unique key; an observation older than the live count is kept as history
but never overwrites the newer count.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from prometheus_client import Counter
from pydantic import ValidationError
from sqlalchemy import Table, and_, bindparam, case, event, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casa.core.errors import InvalidInput, PermissionDenied
from casa.core.metrics import REGISTRY
from casa.parking.exceptions import InvalidSourceKey, SiteNotFound, SourceExists
from casa.parking.models import IngestSource, Observation, Site, SiteStatus, Spot
from casa.parking.schemas import BatchResult, ObservationIn, RejectedObservation

CHANNEL = "parking"
FUTURE_TOLERANCE = timedelta(minutes=5)

OBSERVATIONS = Counter(
    "casa_parking_observations_total",
    "Parking observations received, by channel and outcome (accepted, duplicate, late, rejected).",
    ["channel", "outcome"],
    registry=REGISTRY,
)
REJECTIONS = Counter(
    "casa_parking_observations_rejected_total",
    "Parking observations rejected, by channel and reason.",
    ["channel", "reason"],
    registry=REGISTRY,
)


@dataclass(frozen=True, slots=True)
class _Row:
    index: int
    site_id: int
    kind: str
    key: str
    free: int | None
    status: str | None
    observed_at: datetime


@dataclass
class _Outcome:
    accepted: int = 0
    duplicates: int = 0
    late: int = 0
    errors: list[RejectedObservation] = field(default_factory=list)
    changed: dict[int, tuple[int | None, datetime]] = field(default_factory=dict)


def _insert(session: Session, table: Any) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _reject(out: _Outcome, index: int, reason: str, detail: str) -> None:
    out.errors.append(RejectedObservation(index=index, reason=reason, detail=detail))


def _validate(
    items: Sequence[Mapping[str, Any] | ObservationIn], out: _Outcome
) -> list[tuple[int, ObservationIn]]:
    valid = []
    for index, item in enumerate(items):
        if isinstance(item, ObservationIn):
            valid.append((index, item))
            continue
        try:
            valid.append((index, ObservationIn.model_validate(item)))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "observation"
            _reject(out, index, "malformed", f"{where}: {first['msg']}")
    return valid


def _resolve(
    session: Session,
    valid: list[tuple[int, ObservationIn]],
    *,
    source: IngestSource | None,
    now: datetime,
    out: _Outcome,
) -> list[_Row]:
    refs = {obs.site for _, obs in valid}
    sites = (
        {
            ref: (sid, capacity, source_id)
            for ref, sid, capacity, source_id in session.execute(
                select(Site.ref, Site.id, Site.capacity, Site.source_id).where(Site.ref.in_(refs))
            )
        }
        if refs
        else {}
    )
    rows = []
    for index, obs in valid:
        found = sites.get(obs.site)
        if found is None:
            _reject(out, index, "unknown-site", f"no site has the reference {obs.site!r}")
            continue
        site_id, capacity, site_source = found
        if source is not None and not source.all_sites and site_source != source.id:
            _reject(out, index, "forbidden", f"this key may not report for site {obs.site!r}")
            continue
        if obs.observed_at > now + FUTURE_TOLERANCE:
            _reject(out, index, "future", "observed_at is in the future; check the sensor's clock")
            continue
        if obs.free is not None and not 0 <= obs.free <= capacity:
            _reject(
                out,
                index,
                "impossible",
                f"free must be between 0 and the capacity {capacity}, not {obs.free}",
            )
            continue
        key = obs.spot if obs.kind == "spot" else obs.event if obs.kind != "count" else None
        rows.append(
            _Row(
                index,
                site_id,
                obs.kind,
                key or "",
                obs.free if obs.kind == "count" else None,
                obs.status,
                obs.observed_at,
            )
        )
    return rows


def _store(session: Session, rows: list[_Row], *, channel: str, now: datetime) -> list[_Row]:
    """Insert the rows as history; return those that were not already stored."""
    if not rows:
        return []
    params = [
        {
            "site_id": r.site_id,
            "kind": r.kind,
            "key": r.key,
            "free": r.free,
            "status": r.status,
            "observed_at": r.observed_at,
            "received_at": now,
            "channel": channel,
        }
        for r in rows
    ]
    table = cast(Table, Observation.__table__)
    stmt = (
        _insert(session, table)
        .on_conflict_do_nothing()
        .returning(table.c.site_id, table.c.kind, table.c.key, table.c.observed_at)
    )
    inserted = {tuple(row) for row in session.execute(stmt, params)}
    fresh, seen = [], set()
    for r in rows:
        ident = (r.site_id, r.kind, r.key, r.observed_at)
        if ident in inserted and ident not in seen:
            seen.add(ident)
            fresh.append(r)
    return fresh


def _apply_counts(
    session: Session, rows: list[_Row], current: dict[int, Any], out: _Outcome, channel: str
) -> None:
    newest: dict[int, _Row] = {}
    for r in rows:
        before = current.get(r.site_id)
        if before is not None and r.observed_at <= before:
            out.late += 1
            continue
        if r.site_id not in newest or r.observed_at > newest[r.site_id].observed_at:
            newest[r.site_id] = r
    if not newest:
        return
    status = cast(Table, SiteStatus.__table__)
    stmt = (
        update(status)
        .where(
            status.c.site_id == bindparam("sid"),
            or_(status.c.observed_at.is_(None), status.c.observed_at < bindparam("at")),
        )
        .values(free=bindparam("free"), observed_at=bindparam("at"), channel=channel)
    )
    session.connection().execute(
        stmt, [{"sid": r.site_id, "free": r.free, "at": r.observed_at} for r in newest.values()]
    )
    for r in newest.values():
        out.changed[r.site_id] = (r.free, r.observed_at)


def _apply_spots(
    session: Session, rows: list[_Row], current: dict[int, Any], out: _Outcome, channel: str
) -> None:
    if not rows:
        return
    site_ids = {r.site_id for r in rows}
    known = {
        (sid, ref): at
        for sid, ref, at in session.execute(
            select(Spot.site_id, Spot.ref, Spot.observed_at).where(Spot.site_id.in_(site_ids))
        )
    }
    latest: dict[tuple[int, str], _Row] = {}
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
        _Row(-1, sid, "count", "", int(free), None, at)
        for sid, free, at in session.execute(
            select(
                Spot.site_id, func.count().filter(Spot.status == "free"), func.max(Spot.observed_at)
            )
            .where(Spot.site_id.in_({r.site_id for r in latest.values()}))
            .group_by(Spot.site_id)
        )
    ]
    scratch = _Outcome()
    _apply_counts(session, derived, current, scratch, channel)
    out.changed.update(scratch.changed)


def _apply_gates(
    session: Session, rows: list[_Row], current: dict[int, Any], out: _Outcome, channel: str
) -> None:
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


def ingest(
    *,
    session: Session,
    items: Sequence[Mapping[str, Any] | ObservationIn],
    channel: str,
    now: datetime,
    source: IngestSource | None = None,
    bus: Any = None,
) -> BatchResult:
    """Judge and store a batch of observations; return what became of them.

    With a bus, each site the batch changed is announced once, with its final count, after
    the unit of work commits.
    """
    out = _Outcome()
    valid = _validate(items, out)
    rows = _resolve(session, valid, source=source, now=now, out=out)
    fresh = _store(session, rows, channel=channel, now=now)
    out.duplicates = len(rows) - len(fresh)
    current = (
        {
            sid: at
            for sid, at in session.execute(
                select(SiteStatus.site_id, SiteStatus.observed_at).where(
                    SiteStatus.site_id.in_({r.site_id for r in fresh})
                )
            )
        }
        if fresh
        else {}
    )
    _apply_counts(session, [r for r in fresh if r.kind == "count"], current, out, channel)
    _apply_spots(session, [r for r in fresh if r.kind == "spot"], current, out, channel)
    _apply_gates(session, [r for r in fresh if r.kind in ("entry", "exit")], current, out, channel)
    session.flush()
    out.accepted = len(fresh) - out.late
    _count(channel, out)
    if bus is not None and out.changed:
        _publish(session, bus, out.changed)
    out.errors.sort(key=lambda e: e.index)
    return BatchResult(
        received=len(items),
        accepted=out.accepted,
        duplicates=out.duplicates,
        late=out.late,
        rejected=len(out.errors),
        errors=out.errors,
    )


def _count(channel: str, out: _Outcome) -> None:
    for outcome, n in (
        ("accepted", out.accepted),
        ("duplicate", out.duplicates),
        ("late", out.late),
        ("rejected", len(out.errors)),
    ):
        if n:
            OBSERVATIONS.labels(channel, outcome).inc(n)
    for error in out.errors:
        REJECTIONS.labels(channel, error.reason).inc()


def reject_unreadable(channel: str, reason: str = "malformed") -> None:
    """Count a message that could not even be read as an observation."""
    OBSERVATIONS.labels(channel, "rejected").inc()
    REJECTIONS.labels(channel, reason).inc()


def _publish(session: Session, bus: Any, changed: dict[int, tuple[int | None, datetime]]) -> None:
    rows = session.execute(select(Site.id, Site.ref).where(Site.id.in_(list(changed))))
    refs = {sid: ref for sid, ref in rows}
    events = [
        {"type": "occupancy", "site": refs.get(sid), "free": free, "observed_at": at.isoformat()}
        for sid, (free, at) in changed.items()
    ]

    def send(_session: Session) -> None:
        for item in events:
            bus.publish_sync(CHANNEL, item)

    # Announced once stored: a listener that reads the site on an event must find the new
    # count, and a batch rolled back announces nothing.
    event.listen(session, "after_commit", send, once=True)


# --- sources ---------------------------------------------------------------------------------


def hash_key(key: str) -> str:
    """Return the stored form of an ingest key."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_source(
    *,
    session: Session,
    name: str,
    now: datetime,
    all_sites: bool = False,
    site_refs: Sequence[str] = (),
) -> tuple[IngestSource, str]:
    """Create an ingest source; return it and its key, shown only this once."""
    if session.scalar(select(IngestSource.id).where(IngestSource.name == name)) is not None:
        raise SourceExists(f"a source named {name!r} exists already", field="name")
    key = "ipk_" + secrets.token_urlsafe(32)
    source = IngestSource(
        name=name, key_hash=hash_key(key), all_sites=all_sites, active=True, created_at=now
    )
    session.add(source)
    session.flush()
    if site_refs:
        session.execute(update(Site).where(Site.ref.in_(site_refs)).values(source_id=source.id))
    return source, key


def source_for_key(*, session: Session, key: str | None) -> IngestSource:
    """Return the active source a key belongs to, or refuse the caller."""
    if not key:
        raise InvalidSourceKey("send the source's key in the X-Api-Key header")
    source = session.scalar(
        select(IngestSource).where(IngestSource.key_hash == hash_key(key), IngestSource.active)
    )
    if source is None:
        raise InvalidSourceKey("this ingest key is unknown or revoked")
    return source


MANAGERS = frozenset({"parking_operator", "staff", "admin"})


def declare(
    *,
    session: Session,
    ref: str,
    free: int,
    user_id: int,
    roles: Sequence[str],
    now: datetime,
    bus: Any = None,
) -> BatchResult:
    """Record a count declared by hand: owners for their own garages, operators for any site."""
    site = session.scalar(select(Site).where(Site.ref == ref))
    if site is None:
        raise SiteNotFound(f"no parking site has the reference {ref!r}", field="site")
    if not MANAGERS & set(roles) and site.owner_id != user_id:
        raise PermissionDenied("only the garage's owner or an operator may declare its count")
    result = ingest(
        session=session,
        items=[ObservationIn(site=ref, kind="count", free=free, observed_at=now)],
        channel="manual",
        now=now,
        bus=bus,
    )
    if result.rejected:
        raise InvalidInput(result.errors[0].detail, field="free")
    return result
