"""The live state of sites as others see it: fresh counts minus the places reservations hold."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import Session

from casa.parking.models import SiteStatus, SlotHold
from casa.parking.schemas import Freshness, Live

STALE_AFTER = timedelta(minutes=30)
SLOT = timedelta(minutes=15)


def slot_of(at: datetime) -> datetime:
    """Return the start of the 15-minute slot an instant falls in (UTC)."""
    at = at.astimezone(UTC)
    return at.replace(minute=at.minute - at.minute % 15, second=0, microsecond=0)


def slots_between(start: datetime, end: datetime) -> list[datetime]:
    """Return the starts of every 15-minute slot that [start, end) touches."""
    slots = []
    slot = slot_of(start)
    while slot < end:
        slots.append(slot)
        slot += SLOT
    return slots


def judge(
    *, capacity: int, free: int | None, observed_at: datetime | None, held: int, now: datetime
) -> tuple[int | None, str, int | None]:
    """Return what a driver is shown: free places (None when unknown), freshness, age in s."""
    if observed_at is None:
        return None, "none", None
    age = max(0, int((now - observed_at).total_seconds()))
    if now - observed_at > STALE_AFTER:
        return None, "stale", age
    shown = None if free is None else max(0, min(free, capacity) - held)
    return shown, "live", age


def freshness(observed_at: datetime | None, now: datetime) -> Freshness:
    """Say how fresh a count is: live for 30 minutes, then stale (shown as unknown)."""
    _, state, age = judge(capacity=0, free=None, observed_at=observed_at, held=0, now=now)
    return Freshness(state=state, observed_at=observed_at, age_s=age)


def make_live(
    *, capacity: int, free: int | None, observed_at: datetime | None, held: int, now: datetime
) -> Live:
    """Combine a stored count and the current holds into what a driver is shown."""
    shown, state, age = judge(
        capacity=capacity, free=free, observed_at=observed_at, held=held, now=now
    )
    occupancy = None if shown is None or capacity == 0 else round(1 - shown / capacity, 3)
    return Live(
        free=shown,
        held=held,
        occupancy=occupancy,
        freshness=Freshness(state=state, observed_at=observed_at, age_s=age),
    )


_LIVE_ROWS = (
    select(
        SiteStatus.site_id,
        SiteStatus.free,
        SiteStatus.observed_at,
        func.coalesce(SlotHold.held, 0),
    )
    .outerjoin(
        SlotHold,
        and_(SlotHold.site_id == SiteStatus.site_id, SlotHold.slot_start == bindparam("slot")),
    )
    .where(SiteStatus.site_id.in_(bindparam("ids", expanding=True)))
)


def live_rows(
    *, session: Session, site_ids: Iterable[int], now: datetime
) -> dict[int, tuple[int | None, datetime | None, int]]:
    """Return each site's stored count, its time and the places held now, in one query."""
    ids = list(site_ids)
    if not ids:
        return {}
    rows = session.connection().execute(_LIVE_ROWS, {"ids": ids, "slot": slot_of(now)})
    return {sid: (free, at, held) for sid, free, at, held in rows}


def statuses(
    *, session: Session, site_ids: Iterable[int]
) -> dict[int, tuple[int | None, datetime | None]]:
    """Return the stored count and its time for each site."""
    ids = list(site_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(SiteStatus.site_id, SiteStatus.free, SiteStatus.observed_at).where(
            SiteStatus.site_id.in_(ids)
        )
    )
    return {sid: (free, at) for sid, free, at in rows}


def holds_now(*, session: Session, site_ids: Iterable[int], now: datetime) -> dict[int, int]:
    """Return how many places reservations hold at each site in the current slot."""
    ids = list(site_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(SlotHold.site_id, SlotHold.held).where(
            SlotHold.slot_start == slot_of(now), SlotHold.site_id.in_(ids), SlotHold.held > 0
        )
    )
    return {sid: held for sid, held in rows}


def live_of(
    *, session: Session, sites: Iterable[tuple[int, int]], now: datetime
) -> dict[int, Live]:
    """Return the live state of sites given as (id, capacity) pairs."""
    pairs = list(sites)
    rows = live_rows(session=session, site_ids=[sid for sid, _ in pairs], now=now)
    result = {}
    for sid, capacity in pairs:
        free, at, held = rows.get(sid, (None, None, 0))
        result[sid] = make_live(capacity=capacity, free=free, observed_at=at, held=held, now=now)
    return result
