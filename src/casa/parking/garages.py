"""Building garages shared by their owners: listing, sharing rules, the concierge's count, revenue.

A shared garage is a site of kind ``building_garage`` whose capacity is the number of places
its owner shares, all of them bookable, and whose opening hours are its sharing windows.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casa.parking import hours
from casa.parking.exceptions import NotOnWhitelist, NotYourGarage, ResidentsFirst
from casa.parking.garage_schemas import DAYS, GarageIn, GarageStats, ShareWindow
from casa.parking.ingest import MANAGERS, ingest
from casa.parking.models import Reservation, Site, SiteStatus
from casa.parking.occupancy import live_of
from casa.parking.schemas import GarageRules, ObservationIn, SiteIn, Tariff
from casa.parking.sites import get_site, upsert_site

RESIDENTS_AHEAD = timedelta(hours=24)
"""With "residents first", others may book only windows starting within this delay."""
REVENUE_PERIOD = timedelta(days=30)
EARNING = ("confirmed", "arrived")


def opening_hours_of(windows: Sequence[ShareWindow]) -> str:
    """Write sharing windows in OpenStreetMap ``opening_hours`` syntax."""
    rules = []
    for w in windows:
        days = ",".join(d for d in DAYS if d in w.days)
        rules.append(f"{days} {w.opens:%H:%M}-{w.closes:%H:%M}")
    return "; ".join(rules)


def _site_in(ref: str, data: GarageIn) -> SiteIn:
    tariff: dict[str, Any] = {"unit_minutes": 60, "unit_price": str(data.price_per_hour)}
    if data.daily_cap is not None:
        tariff["daily_cap"] = str(data.daily_cap)
    return SiteIn(
        ref=ref,
        name=data.name,
        kind="building_garage",
        operator=None,
        lat=data.lat,
        lon=data.lon,
        address=data.address,
        capacity=data.shared_places,
        reservable=data.shared_places,
        max_height_cm=data.max_height_cm,
        covered=data.covered,
        opening_hours=opening_hours_of(data.windows),
        tariff=Tariff.model_validate(tariff),
        payment_means=["card"],
        rules=data.rules,
    )


def _owned(session: Session, ref: str, user_id: int, roles: Sequence[str]) -> Site:
    site = get_site(session=session, ref=ref)
    if site.kind != "building_garage" or (site.owner_id != user_id and not MANAGERS & set(roles)):
        raise NotYourGarage("only the garage's owner may change it", field="ref")
    return site


def list_garage(*, session: Session, owner_id: int, data: GarageIn, now: datetime) -> Site:
    """List a new shared garage for its owner."""
    ref = f"garage-{uuid.uuid4().hex[:10]}"
    site, _ = upsert_site(session=session, data=_site_in(ref, data), now=now, owner_id=owner_id)
    return site


def update_garage(
    *, session: Session, ref: str, user_id: int, roles: Sequence[str], data: GarageIn, now: datetime
) -> Site:
    """Change a garage's places, windows, price or rules (its owner, or an operator)."""
    _owned(session, ref, user_id, roles)
    site, _ = upsert_site(session=session, data=_site_in(ref, data), now=now)
    return site


def check_rules(*, site: Site, email: str, starts_at: datetime, now: datetime) -> None:
    """Refuse a booking the garage's rules forbid: not whitelisted, or residents' turn."""
    rules = GarageRules.model_validate(site.rules or {})
    who = email.lower()
    residents = {e.lower() for e in rules.residents}
    whitelist = {e.lower() for e in rules.whitelist} | residents
    if rules.whitelist and who not in whitelist:
        raise NotOnWhitelist(f"{site.name} is shared only with people its owner listed")
    if rules.residents_first and who not in residents and starts_at > now + RESIDENTS_AHEAD:
        raise ResidentsFirst(
            f"{site.name} lets residents book first: others may book from 24 hours ahead",
            field="starts_at",
        )


def may_count(site: Site, *, user_id: int, email: str, roles: Sequence[str]) -> bool:
    """Tell whether someone may update a site's count: its owner, a concierge, an operator."""
    rules = GarageRules.model_validate(site.rules or {})
    concierges = {e.lower() for e in rules.concierges}
    return bool(site.owner_id == user_id or email.lower() in concierges or MANAGERS & set(roles))


def step_count(
    *,
    session: Session,
    ref: str,
    delta: int,
    user_id: int,
    email: str,
    roles: Sequence[str],
    now: datetime,
    bus: Any = None,
    free: int | None = None,
) -> int:
    """Move a site's free count by ``delta`` (or set it to ``free``); return the new count."""
    site = get_site(session=session, ref=ref)
    if not may_count(site, user_id=user_id, email=email, roles=roles):
        raise NotYourGarage("only the garage's owner or its concierge may update the count")
    if free is None:
        live = live_of(session=session, sites=[(site.id, site.capacity)], now=now)[site.id]
        base = live.free + live.held if live.free is not None else site.capacity
        free = base + delta
    free = max(0, min(site.capacity, free))
    status = session.get(SiteStatus, site.id)
    at = now
    if status is not None and status.observed_at is not None and status.observed_at >= now:
        # Two taps in the same instant are two counts, not a repeat of one.
        at = status.observed_at + timedelta(microseconds=1)
    ingest(
        session=session,
        items=[ObservationIn(site=ref, kind="count", free=free, observed_at=at)],
        channel="manual",
        now=now,
        bus=bus,
    )
    return free


def owned_by(*, session: Session, user_id: int) -> list[Site]:
    """Return the garages a user owns."""
    return list(
        session.scalars(
            select(Site)
            .where(Site.owner_id == user_id, Site.kind == "building_garage")
            .order_by(Site.name, Site.ref)
        )
    )


def stats(*, session: Session, user_id: int, now: datetime) -> list[GarageStats]:
    """Return each of an owner's garages with its occupancy now and revenue over 30 days."""
    garages = owned_by(session=session, user_id=user_id)
    live = live_of(session=session, sites=[(g.id, g.capacity) for g in garages], now=now)
    ids = [g.id for g in garages]
    since = now - REVENUE_PERIOD
    earned = {
        sid: (n, cents or 0)
        for sid, n, cents in session.execute(
            select(Reservation.site_id, func.count(), func.sum(Reservation.price_cents))
            .where(
                Reservation.site_id.in_(ids),
                Reservation.status.in_(EARNING),
                Reservation.starts_at >= since,
                Reservation.starts_at <= now,
            )
            .group_by(Reservation.site_id)
        )
    }
    upcoming: dict[int, int] = {
        sid: n
        for sid, n in session.execute(
            select(Reservation.site_id, func.count())
            .where(
                Reservation.site_id.in_(ids),
                Reservation.status.in_(EARNING),
                Reservation.ends_at > now,
            )
            .group_by(Reservation.site_id)
        )
    }
    out = []
    for g in garages:
        state = live[g.id]
        n, cents = earned.get(g.id, (0, 0))
        out.append(
            GarageStats(
                ref=g.ref,
                name=g.name,
                shared_places=g.capacity,
                opening_hours=g.opening_hours,
                open_now=hours.is_open(g.opening_hours, now),
                free=state.free,
                held_now=state.held,
                occupancy=state.occupancy,
                upcoming=int(upcoming.get(g.id, 0)),
                reservations_30d=int(n),
                revenue_30d=int(cents) / 100,
                currency="MAD",
            )
        )
    return out
