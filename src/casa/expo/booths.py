"""Floor plans and booths, and their allocation to exhibitors.

One booth holds one exhibitor: the allocation's booth is unique in the database, so when two
organizers give the same booth at once, exactly one insert succeeds and the other is told who
holds it. Startups exhibit in the startup village (startup pods only, and pods only for them);
the agora stage is shared and never allocated.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casa.expo import editions
from casa.expo.exceptions import ThingNotFound
from casa.expo.exceptions_exhibitors import (
    BoothAreaTooLarge,
    BoothInAnotherHall,
    BoothOutsideHall,
    BoothsOverlap,
    BoothStillAllocated,
    BoothTaken,
    DuplicateBoothCode,
    NotAllocated,
    PodForStartupsOnly,
    StageNotAllocatable,
    StartupOffPod,
)
from casa.expo.models import Edition
from casa.expo.models.exhibitors import Allocation, Booth, Exhibitor, Hall
from casa.expo.schemas_exhibitors import BoothIn, BoothOut, HallIn, HallOut

#: Rectangles may touch; a sliver below this (metres) is rounding, not an overlap.
EPSILON = 1e-6


def _(message: str) -> str:
    """Mark a msgid for extraction; pages translate it when shown."""
    return message


BOOTH_KIND_LABELS = {
    "standard": _("Standard booth"),
    "corner": _("Corner booth"),
    "island": _("Island booth"),
    "startup_pod": _("Startup pod"),
    "agora_stage": _("Agora stage"),
}


def _check_plan(data: HallIn) -> None:
    for booth in data.booths:
        if booth.x + booth.w > data.width + EPSILON or booth.y + booth.h > data.depth + EPSILON:
            raise BoothOutsideHall(booth=booth.code)
        most = round(booth.w * booth.h, 2)
        if booth.area is not None and booth.area > most + EPSILON:
            raise BoothAreaTooLarge(booth=booth.code, most=most)
    ordered = sorted(data.booths, key=lambda b: (b.x, b.y, b.code))
    codes = set()
    for i, first in enumerate(ordered):
        if first.code in codes:
            raise DuplicateBoothCode(booth=first.code)
        codes.add(first.code)
        for second in ordered[i + 1 :]:
            if second.x >= first.x + first.w - EPSILON:
                break  # sorted by x: nothing further right can overlap ``first``
            if second.y < first.y + first.h - EPSILON and first.y < second.y + second.h - EPSILON:
                raise BoothsOverlap(first=first.code, second=second.code)


def upsert_hall(*, session: Session, edition: Edition, data: HallIn) -> Hall:
    """Create or replace a floor plan; booths left out are removed unless they are allocated."""
    _check_plan(data)
    venue = editions.get_venue(session=session, slug=data.venue)
    hall = session.scalar(select(Hall).where(Hall.edition_id == edition.id, Hall.slug == data.slug))
    if hall is None:
        hall = Hall(edition_id=edition.id, slug=data.slug)
        session.add(hall)
    hall.venue_id, hall.name, hall.floor = venue.id, data.name, data.floor
    hall.width, hall.depth = data.width, data.depth
    session.flush()
    existing = {
        b.code: b for b in session.scalars(select(Booth).where(Booth.edition_id == edition.id))
    }
    held = set(
        session.scalars(
            select(Allocation.booth_id)
            .join(Booth, Booth.id == Allocation.booth_id)
            .where(Booth.hall_id == hall.id)
        )
    )
    wanted = {b.code for b in data.booths}
    for code, booth in existing.items():
        if booth.hall_id == hall.id and code not in wanted:
            if booth.id in held:
                raise BoothStillAllocated(booth=code)
            session.delete(booth)
    for item in data.booths:
        found = existing.get(item.code)
        if found is not None and found.hall_id != hall.id:
            raise BoothInAnotherHall(booth=item.code)
        if found is None:
            found = Booth(edition_id=edition.id, hall_id=hall.id, code=item.code)
            session.add(found)
        _fill(found, item)
    session.flush()
    return hall


def _fill(booth: Booth, item: BoothIn) -> None:
    booth.kind = item.kind
    booth.x, booth.y, booth.w, booth.h = item.x, item.y, item.w, item.h
    booth.area = item.area if item.area is not None else round(item.w * item.h, 2)


def halls_of(*, session: Session, edition: Edition) -> list[Hall]:
    """Return an edition's floor plans, by venue floor and name."""
    return list(
        session.scalars(
            select(Hall).where(Hall.edition_id == edition.id).order_by(Hall.floor, Hall.name)
        )
    )


def get_hall(*, session: Session, edition: Edition, slug: str) -> Hall:
    """Return one floor plan of an edition."""
    hall = session.scalar(select(Hall).where(Hall.edition_id == edition.id, Hall.slug == slug))
    if hall is None:
        raise ThingNotFound(kind="hall", ref=slug, field="hall")
    return hall


def plan(*, session: Session, hall: Hall) -> HallOut:
    """Describe a floor plan: every booth and the exhibitor holding it."""
    rows = session.execute(
        select(Booth, Exhibitor.slug, Exhibitor.name)
        .outerjoin(Allocation, Allocation.booth_id == Booth.id)
        .outerjoin(Exhibitor, Exhibitor.id == Allocation.exhibitor_id)
        .where(Booth.hall_id == hall.id)
        .order_by(Booth.code)
    )
    venue = editions.venues_by_id(session=session)[hall.venue_id]
    return HallOut(
        slug=hall.slug,
        venue=venue.slug,
        name=hall.name,
        floor=hall.floor,
        width=hall.width,
        depth=hall.depth,
        booths=[
            BoothOut(
                code=b.code,
                kind=b.kind,
                x=b.x,
                y=b.y,
                w=b.w,
                h=b.h,
                area=b.area,
                exhibitor=slug,
                exhibitor_name=name,
            )
            for b, slug, name in rows
        ],
    )


def get_booth(*, session: Session, edition: Edition, code: str) -> Booth:
    """Return a booth of an edition by its code."""
    booth = session.scalar(select(Booth).where(Booth.edition_id == edition.id, Booth.code == code))
    if booth is None:
        raise ThingNotFound(kind="booth", ref=code, field="booth")
    return booth


def _holder(session: Session, booth: Booth) -> Exhibitor | None:
    return session.scalar(
        select(Exhibitor)
        .join(Allocation, Allocation.exhibitor_id == Exhibitor.id)
        .where(Allocation.booth_id == booth.id)
    )


def allocate(*, session: Session, booth: Booth, exhibitor: Exhibitor, now: datetime) -> Allocation:
    """Give a booth to an exhibitor, or say why it cannot be given."""
    if booth.kind == "agora_stage":
        raise StageNotAllocatable(booth=booth.code)
    if exhibitor.kind == "startup" and booth.kind != "startup_pod":
        raise StartupOffPod(booth=booth.code)
    if exhibitor.kind != "startup" and booth.kind == "startup_pod":
        raise PodForStartupsOnly(booth=booth.code)
    holder = _holder(session, booth)
    if holder is not None:
        if holder.id == exhibitor.id:
            return session.scalars(select(Allocation).where(Allocation.booth_id == booth.id)).one()
        raise BoothTaken(booth=booth.code, exhibitor=holder.name)
    row = Allocation(booth_id=booth.id, exhibitor_id=exhibitor.id, allocated_at=now)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        # Another organizer gave the booth away between our check and our insert.
        winner = _holder(session, booth)
        raise BoothTaken(booth=booth.code, exhibitor=winner.name if winner else "?") from None
    return row


def release(*, session: Session, booth: Booth) -> None:
    """Free a booth."""
    row = session.scalar(select(Allocation).where(Allocation.booth_id == booth.id))
    if row is None:
        raise NotAllocated(booth=booth.code)
    session.delete(row)
    session.flush()
