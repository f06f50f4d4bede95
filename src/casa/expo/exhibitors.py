"""Exhibitors of an edition: companies, the startup village, their profiles and their staff."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casa.accounts import service as accounts
from casa.accounts.models import User
from casa.expo.exceptions import ThingNotFound
from casa.expo.exceptions_exhibitors import NotStaffOfExhibitor
from casa.expo.models import Edition
from casa.expo.models.exhibitors import Allocation, Booth, Exhibitor, ExhibitorStaff
from casa.expo.schemas_exhibitors import ExhibitorIn, ExhibitorOut, ProfileIn, StaffOut

EXHIBITOR_ROLE = "exhibitor"


def _(message: str) -> str:
    """Mark a msgid for extraction; pages translate it when shown."""
    return message


KIND_LABELS = {
    "exhibitor": _("Exhibitor"),
    "startup": _("Startup (startup village)"),
    "institution": _("Institution"),
    "sponsor": _("Sponsor"),
}
SECTOR_LABELS = {
    "mobility": _("Mobility and transport"),
    "energy": _("Energy"),
    "water_waste": _("Water and waste"),
    "buildings": _("Buildings and construction"),
    "digital": _("Digital and telecoms"),
    "security": _("Safety and security"),
    "e_government": _("E-government and civic tech"),
    "finance": _("Finance and insurance"),
    "education": _("Education and training"),
    "health": _("Health"),
    "consulting": _("Consulting and engineering"),
    "other": _("Other"),
}


def upsert_exhibitor(
    *, session: Session, edition: Edition, data: ExhibitorIn, now: datetime, generated: bool = False
) -> Exhibitor:
    """Create an exhibitor of an edition, or update the one with the same slug."""
    row = session.scalar(
        select(Exhibitor).where(Exhibitor.edition_id == edition.id, Exhibitor.slug == data.slug)
    )
    if row is None:
        row = Exhibitor(edition_id=edition.id, slug=data.slug, created_at=now, generated=generated)
        session.add(row)
    row.name = data.name
    row.kind = data.kind
    row.sector = data.sector
    row.country = data.country
    row.city = data.city
    row.website = str(data.website) if data.website else None
    row.description = data.description
    row.description_lang = data.description_lang
    row.logo_url = str(data.logo_url) if data.logo_url else None
    row.area_requested = data.area_requested
    session.flush()
    return row


def get_exhibitor(*, session: Session, edition: Edition, slug: str) -> Exhibitor:
    """Return an exhibitor of an edition by its slug."""
    row = session.scalar(
        select(Exhibitor).where(Exhibitor.edition_id == edition.id, Exhibitor.slug == slug)
    )
    if row is None:
        raise ThingNotFound(kind="exhibitor", ref=slug, field="exhibitor")
    return row


def directory(
    *, session: Session, edition: Edition, kind: str = "", sector: str = ""
) -> list[Exhibitor]:
    """Return an edition's exhibitors by name, filtered by kind and sector when given."""
    query = select(Exhibitor).where(Exhibitor.edition_id == edition.id)
    if kind:
        query = query.where(Exhibitor.kind == kind)
    if sector:
        query = query.where(Exhibitor.sector == sector)
    return list(session.scalars(query.order_by(func.lower(Exhibitor.name), Exhibitor.id)))


def booths_by_exhibitor(
    *, session: Session, exhibitor_ids: Iterable[int]
) -> dict[int, list[Booth]]:
    """Return the booths allocated to each of these exhibitors, by code."""
    ids = list(exhibitor_ids)
    found: dict[int, list[Booth]] = {i: [] for i in ids}
    if not ids:
        return found
    rows = session.execute(
        select(Allocation.exhibitor_id, Booth)
        .join(Booth, Booth.id == Allocation.booth_id)
        .where(Allocation.exhibitor_id.in_(ids))
        .order_by(Booth.code)
    )
    for exhibitor_id, booth in rows:
        found[exhibitor_id].append(booth)
    return found


def to_out(row: Exhibitor, booths: list[Booth]) -> ExhibitorOut:
    """Describe an exhibitor with its booths and the area they give it."""
    return ExhibitorOut(
        slug=row.slug,
        name=row.name,
        kind=row.kind,
        sector=row.sector,
        country=row.country,
        city=row.city,
        website=row.website,
        description=row.description,
        description_lang=row.description_lang,
        logo_url=row.logo_url,
        area_requested=row.area_requested,
        area_allocated=round(sum(b.area for b in booths), 2),
        booths=[b.code for b in booths],
        generated=row.generated,
    )


def describe(*, session: Session, rows: list[Exhibitor]) -> list[ExhibitorOut]:
    """Describe exhibitors with their booths, in the order given."""
    booths = booths_by_exhibitor(session=session, exhibitor_ids=[r.id for r in rows])
    return [to_out(r, booths[r.id]) for r in rows]


def update_profile(*, session: Session, exhibitor: Exhibitor, data: ProfileIn) -> Exhibitor:
    """Change what the public profile says: website, description, logo."""
    exhibitor.website = str(data.website) if data.website else None
    exhibitor.description = data.description
    exhibitor.description_lang = data.description_lang
    exhibitor.logo_url = str(data.logo_url) if data.logo_url else None
    session.flush()
    return exhibitor


def link_staff(*, session: Session, exhibitor: Exhibitor, email: str, now: datetime) -> User:
    """Link an account to an exhibitor and give it the exhibitor role (linking twice is a no-op)."""
    user = accounts.grant_role(session=session, email=email, role=EXHIBITOR_ROLE)
    if session.get(ExhibitorStaff, (exhibitor.id, user.id)) is None:
        session.add(ExhibitorStaff(exhibitor_id=exhibitor.id, user_id=user.id, added_at=now))
        session.flush()
    return user


def unlink_staff(*, session: Session, exhibitor: Exhibitor, user_id: int) -> None:
    """Remove an account from an exhibitor's staff."""
    row = session.get(ExhibitorStaff, (exhibitor.id, user_id))
    if row is None:
        raise ThingNotFound(kind="staff", ref=str(user_id), field="user_id")
    session.delete(row)
    session.flush()


def staff_of(*, session: Session, exhibitor: Exhibitor) -> list[StaffOut]:
    """Return the accounts speaking for an exhibitor, by name."""
    rows = session.execute(
        select(User.id, User.name, User.email)
        .join(ExhibitorStaff, ExhibitorStaff.user_id == User.id)
        .where(ExhibitorStaff.exhibitor_id == exhibitor.id)
        .order_by(User.name, User.id)
    )
    return [StaffOut(user_id=i, name=n, email=e) for i, n, e in rows]


def of_user(*, session: Session, edition: Edition, user_id: int) -> list[Exhibitor]:
    """Return the exhibitors of an edition a user is staff of, by name."""
    return list(
        session.scalars(
            select(Exhibitor)
            .join(ExhibitorStaff, ExhibitorStaff.exhibitor_id == Exhibitor.id)
            .where(Exhibitor.edition_id == edition.id, ExhibitorStaff.user_id == user_id)
            .order_by(Exhibitor.name, Exhibitor.id)
        )
    )


def require_staff(*, session: Session, exhibitor: Exhibitor, user_id: int) -> None:
    """Refuse anyone but the exhibitor's own staff (organizers included: leads are private)."""
    if session.get(ExhibitorStaff, (exhibitor.id, user_id)) is None:
        raise NotStaffOfExhibitor(exhibitor=exhibitor.name)
