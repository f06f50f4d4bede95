"""Observations in: validation, de-duplication, the late-arrival rule, sources and their keys.

Every channel (HTTP batches, MQTT, counts declared by hand, the simulator) goes through
``ingest``: a bad observation is rejected and counted, never fatal to the others; a repeat is
dropped by the table's unique key; an observation older than the live count is kept as history
but never overwrites the newer count. Storing is in ``ingest_store`` (counts) and
``ingest_spots`` (spot sensors and gates); sources and their keys in ``sources``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from prometheus_client import Counter
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from casa.core.errors import InvalidInput, PermissionDenied
from casa.core.metrics import REGISTRY
from casa.parking.exceptions import SiteNotFound
from casa.parking.ingest_spots import apply_gates, apply_spots
from casa.parking.ingest_store import (
    Outcome,
    Row,
    SiteTable,
    apply_counts,
    current_times,
    insert_history,
    site_table,
)
from casa.parking.lean_sql import read_meta
from casa.parking.models import IngestSource, Site
from casa.parking.schemas import BatchResult, ObservationIn
from casa.parking.sources import create_source, hash_key, source_for_key

__all__ = [
    "CHANNEL",
    "MANAGERS",
    "create_source",
    "declare",
    "hash_key",
    "ingest",
    "reject_unreadable",
    "source_for_key",
]

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
_MANY = TypeAdapter(list[ObservationIn])


def _validate(
    items: Sequence[Mapping[str, Any] | ObservationIn], out: Outcome
) -> list[tuple[int, ObservationIn]]:
    if all(isinstance(item, ObservationIn) for item in items):
        return list(enumerate(items))  # type: ignore[arg-type]
    try:
        # One validation pass for the whole batch; only a batch with a bad observation is
        # read again one by one, to tell which.
        return list(enumerate(_MANY.validate_python(items)))
    except ValidationError:
        pass
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
            out.reject(index, "malformed", f"{where}: {first['msg']}")
    return valid


def _resolve(
    valid: list[tuple[int, ObservationIn]],
    sites: SiteTable,
    *,
    source: IngestSource | None,
    now: datetime,
    out: Outcome,
) -> list[Row]:
    latest = now + FUTURE_TOLERANCE
    limited = source is not None and not source.all_sites
    rows = []
    for index, obs in valid:
        found = sites.by_ref.get(obs.site)
        if found is None:
            out.reject(index, "unknown-site", f"no site has the reference {obs.site!r}")
            continue
        if limited and source is not None and found.source_id != source.id:
            out.reject(index, "forbidden", f"this key may not report for site {obs.site!r}")
            continue
        if obs.observed_at > latest:
            out.reject(index, "future", "observed_at is in the future; check the sensor's clock")
            continue
        if obs.free is not None and not 0 <= obs.free <= found.capacity:
            out.reject(
                index,
                "impossible",
                f"free must be between 0 and the capacity {found.capacity}, not {obs.free}",
            )
            continue
        kind = obs.kind
        key = obs.spot if kind == "spot" else obs.event if kind != "count" else None
        rows.append(
            Row(
                index,
                found.id,
                kind,
                key or "",
                obs.free if kind == "count" else None,
                obs.status,
                obs.observed_at,
            )
        )
    return rows


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
    out = Outcome()
    valid = _validate(items, out)
    # The statements below go to the connection itself: write what the session holds first.
    session.flush()
    sites = site_table(session, read_meta(session))
    rows = _resolve(valid, sites, source=source, now=now, out=out)
    fresh = insert_history(session, rows, channel=channel, now=now)
    out.duplicates = len(rows) - len(fresh)
    current = current_times(session, (r.site_id for r in fresh))
    counts = [r for r in fresh if r.kind == "count"]
    apply_counts(session, counts, current, out, channel)
    apply_spots(session, [r for r in fresh if r.kind == "spot"], current, out, channel)
    apply_gates(session, [r for r in fresh if r.kind in ("entry", "exit")], current, out, channel)
    session.flush()
    out.accepted = len(fresh) - out.late
    _count(channel, out)
    if bus is not None and out.changed:
        _publish(session, bus, out.changed, sites)
    out.errors.sort(key=lambda e: e.index)
    return BatchResult(
        received=len(items),
        accepted=out.accepted,
        duplicates=out.duplicates,
        late=out.late,
        rejected=len(out.errors),
        errors=out.errors,
    )


def _count(channel: str, out: Outcome) -> None:
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


def _publish(
    session: Session,
    bus: Any,
    changed: dict[int, tuple[int | None, datetime]],
    sites: SiteTable,
) -> None:
    events = [
        {
            "type": "occupancy",
            "site": sites.ref_of.get(sid),
            "free": free,
            "observed_at": at.isoformat(),
        }
        for sid, (free, at) in changed.items()
    ]

    def send(_session: Session) -> None:
        for item in events:
            bus.publish_sync(CHANNEL, item)

    # Announced once stored: a listener that reads the site on an event must find the new
    # count, and a batch rolled back announces nothing.
    event.listen(session, "after_commit", send, once=True)


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
