"""Reservations: a place held at a site for a window, claimed atomically slot by slot.

Each site's reservable places are counted per 15-minute slot in ``parking_slot_holds``. A
claim is one conditional UPDATE (``held = held + 1 WHERE held < reservable``) over the slots
of the window: it succeeds only if every slot had room, and the database's row locks (or
SQLite's single writer) make concurrent claims queue instead of overbooking. A failed claim
raises SiteFull, and the unit of work is rolled back whole.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casa.parking import hours
from casa.parking.exceptions import (
    InvalidWindow,
    NotReservable,
    ReservationClosed,
    ReservationNotFound,
    SiteClosed,
    SiteFull,
)
from casa.parking.garages import check_rules
from casa.parking.models import Reservation, Site, SlotHold
from casa.parking.occupancy import slot_of, slots_between
from casa.parking.schemas import ReservationIn, ReservationOut
from casa.parking.sites import get_site, tariff_of
from casa.parking.tariffs import price_cents

GRACE = timedelta(minutes=15)
"""How long after the start a reservation waits for its driver before it lapses."""
MAX_AHEAD = timedelta(days=30)
HOLDING = ("confirmed", "arrived")


def _insert(session: Session, table: Any) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _claim(session: Session, site: Site, slots: list[datetime]) -> None:
    holds = cast(Table, SlotHold.__table__)
    session.execute(
        _insert(session, holds).on_conflict_do_nothing(),
        [{"site_id": site.id, "slot_start": slot, "held": 0} for slot in slots],
    )
    claimed = session.execute(
        update(holds)
        .where(
            holds.c.site_id == site.id,
            holds.c.slot_start >= slots[0],
            holds.c.slot_start <= slots[-1],
            holds.c.held < site.reservable,
        )
        .values(held=holds.c.held + 1)
    )
    if claimed.rowcount != len(slots):  # type: ignore[attr-defined]
        raise SiteFull(f"{site.name} has no reservable place left for this window", field="site")


def _release(session: Session, reservation: Reservation, now: datetime) -> None:
    """Give back the slots of a reservation from the current slot on."""
    start = max(slot_of(reservation.starts_at), slot_of(now))
    holds = cast(Table, SlotHold.__table__)
    session.execute(
        update(holds)
        .where(
            holds.c.site_id == reservation.site_id,
            holds.c.slot_start >= start,
            holds.c.slot_start < reservation.ends_at,
            holds.c.held > 0,
        )
        .values(held=holds.c.held - 1)
    )


def create(
    *, session: Session, user_id: int, user_email: str, data: ReservationIn, now: datetime
) -> Reservation:
    """Hold a place at a site for a window, or raise why not."""
    site = get_site(session=session, ref=data.site)
    start = data.starts_at
    end = start + timedelta(minutes=data.stay_minutes)
    if site.reservable <= 0:
        raise NotReservable(f"{site.name} takes no reservations", field="site")
    if start < now - timedelta(minutes=5) or start > now + MAX_AHEAD:
        raise InvalidWindow("starts_at must be between now and 30 days ahead", field="starts_at")
    if not hours.open_throughout(site.opening_hours, start, end):
        raise SiteClosed(
            f"{site.name} is not open for the whole window (hours: {site.opening_hours})",
            field="starts_at",
        )
    check_rules(site=site, email=user_email, starts_at=start, now=now)
    _claim(session, site, slots_between(start, end))
    tariff = tariff_of(site)
    reservation = Reservation(
        ref=uuid.uuid4().hex,
        site_id=site.id,
        user_id=user_id,
        starts_at=start,
        ends_at=end,
        status="confirmed",
        price_cents=price_cents(tariff, start, end) if tariff else None,
        currency="MAD",
        plate=data.plate,
        created_at=now,
        expires_at=start + GRACE,
    )
    session.add(reservation)
    session.flush()
    return reservation


def _get(session: Session, ref: str, user_id: int | None) -> Reservation:
    query = select(Reservation).where(Reservation.ref == ref)
    if user_id is not None:
        query = query.where(Reservation.user_id == user_id)
    reservation = session.scalar(query)
    if reservation is None:
        raise ReservationNotFound(f"no reservation {ref!r} of yours", field="ref")
    return reservation


def cancel(*, session: Session, ref: str, user_id: int | None, now: datetime) -> Reservation:
    """Cancel a reservation and free its place for the rest of its window."""
    reservation = _get(session, ref, user_id)
    if reservation.status not in HOLDING or reservation.ends_at <= now:
        raise ReservationClosed(f"this reservation is {reservation.status}; it cannot be cancelled")
    _release(session, reservation, now)
    reservation.status = "cancelled"
    reservation.ended_at = now
    session.flush()
    return reservation


def arrive(*, session: Session, ref: str, user_id: int | None, now: datetime) -> Reservation:
    """Record that the driver has come, so the reservation no longer lapses."""
    reservation = _get(session, ref, user_id)
    if reservation.status != "confirmed" or now > reservation.expires_at:
        raise ReservationClosed(f"this reservation is {reservation.status}; check-in is closed")
    if now < reservation.starts_at - GRACE:
        raise InvalidWindow("check in no earlier than 15 minutes before the start", field="ref")
    reservation.status = "arrived"
    session.flush()
    return reservation


def expire_overdue(*, session: Session, now: datetime) -> int:
    """Let lapse the reservations whose driver did not come in time; return how many."""
    overdue = list(
        session.scalars(
            select(Reservation).where(
                Reservation.status == "confirmed", Reservation.expires_at < now
            )
        )
    )
    for reservation in overdue:
        _release(session, reservation, now)
        reservation.status = "expired"
        reservation.ended_at = now
    session.flush()
    return len(overdue)


def of_user(*, session: Session, user_id: int) -> list[Reservation]:
    """Return a user's reservations, the latest first."""
    return list(
        session.scalars(
            select(Reservation)
            .where(Reservation.user_id == user_id)
            .order_by(Reservation.starts_at.desc(), Reservation.id.desc())
        )
    )


def to_out(*, session: Session, reservation: Reservation) -> ReservationOut:
    """Describe a reservation."""
    site = session.get(Site, reservation.site_id)
    assert site is not None
    return ReservationOut(
        ref=reservation.ref,
        site=site.ref,
        site_name=site.name,
        starts_at=reservation.starts_at,
        ends_at=reservation.ends_at,
        status=reservation.status,
        price=None if reservation.price_cents is None else reservation.price_cents / 100,
        currency=reservation.currency,
        plate=reservation.plate,
        expires_at=reservation.expires_at,
        created_at=reservation.created_at,
    )
