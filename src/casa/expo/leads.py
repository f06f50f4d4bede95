"""Lead scanning: an exhibitor's staff scan a visitor's badge, with the visitor's consent.

The badge's QR secret is verified with the edition's keys (``tickets``). The lead carries the
visitor's name, organisation and e-mail only when the visitor opted in to share them with
exhibitors; otherwise it is counted without personal data. Withdrawing the consent strips those
fields from every existing lead. A badge scanned twice by the same exhibitor is one lead: the
pair is unique in the database, so concurrent scans of one badge also make one lead.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casa.accounts import personal_data
from casa.core.clock import local
from casa.core.i18n import gettext
from casa.expo import tickets
from casa.expo.exceptions import ThingNotFound
from casa.expo.exceptions_exhibitors import BadgeRefused, NoLiveRegistration
from casa.expo.models import Category, Edition, Registration
from casa.expo.models.exhibitors import Exhibitor, ExhibitorStaff, Lead
from casa.expo.registration import CATEGORY_LABELS
from casa.expo.schemas_exhibitors import LeadNoteIn, LeadOut

RETENTION = timedelta(days=365)
"""How long after an edition ends its leads keep the visitors' details and the notes."""

STRIPPED: dict[str, Any] = {"shared": False, "name": None, "organisation": None, "email": None}
PURGED: dict[str, Any] = {**STRIPPED, "notes": "", "registration_id": None, "scanned_by": None}
CSV_HEADER = (
    "Scanned at",
    "Category",
    "Name",
    "Organisation",
    "E-mail",
    "Shared by the visitor",
    "Rating",
    "Notes",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def scan(
    *,
    session: Session,
    edition: Edition,
    exhibitor: Exhibitor,
    code: str,
    user_id: int | None,
    now: datetime,
) -> tuple[Lead, bool]:
    """Record the lead of a scanned badge; return it and whether it is new."""
    # The revocation is read on the badge's own registration below, not as a whole list.
    keys = tickets.public_keys(session=session, edition=edition)
    verdict = tickets.Verifier(keys, set(), edition.year).verify(code)
    if not verdict.ok:
        raise BadgeRefused(reason=tickets.REASONS[verdict.reason])
    found = session.execute(
        select(Registration, Category.code)
        .join(Category, Category.id == Registration.category_id)
        .where(Registration.edition_id == edition.id, Registration.ticket == verdict.ticket)
    ).first()
    person, category = found if found is not None else (None, "")
    if person is not None and person.revoked_at is not None:
        raise BadgeRefused(reason=tickets.REASONS["revoked"])
    if person is None or person.status != "confirmed" or person.erased:
        raise NoLiveRegistration()
    earlier = _lead_of(session, exhibitor, person)
    if earlier is not None:
        return earlier, False
    shared = person.share_with_exhibitors_at is not None
    lead = Lead(
        exhibitor_id=exhibitor.id,
        registration_id=person.id,
        category=category,
        shared=shared,
        name=person.name if shared else None,
        organisation=person.organisation if shared else None,
        email=person.email if shared else None,
        notes="",
        rating=None,
        scanned_by=user_id,
        scanned_at=now,
    )
    try:
        with session.begin_nested():
            session.add(lead)
            session.flush()
    except IntegrityError:
        # Two phones of the same stand scanned the badge at once: the first one made the lead.
        earlier = _lead_of(session, exhibitor, person)
        if earlier is None:
            raise
        return earlier, False
    return lead, True


def _lead_of(session: Session, exhibitor: Exhibitor, person: Registration) -> Lead | None:
    return session.scalar(
        select(Lead).where(Lead.exhibitor_id == exhibitor.id, Lead.registration_id == person.id)
    )


def leads_of(*, session: Session, exhibitor: Exhibitor) -> list[Lead]:
    """Return an exhibitor's leads, the latest first."""
    return list(
        session.scalars(
            select(Lead)
            .where(Lead.exhibitor_id == exhibitor.id)
            .order_by(Lead.scanned_at.desc(), Lead.id.desc())
        )
    )


def get_lead(*, session: Session, exhibitor: Exhibitor, ident: int) -> Lead:
    """Return one of an exhibitor's leads (another exhibitor's lead is not found)."""
    lead = session.get(Lead, ident)
    if lead is None or lead.exhibitor_id != exhibitor.id:
        raise ThingNotFound(kind="lead", ref=str(ident), field="id")
    return lead


def annotate(*, session: Session, lead: Lead, data: LeadNoteIn) -> Lead:
    """Set a lead's notes and rating."""
    lead.notes, lead.rating = data.notes, data.rating
    session.flush()
    return lead


def to_out(lead: Lead) -> LeadOut:
    """Describe a lead."""
    return LeadOut.model_validate(lead, from_attributes=True)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell starting like a formula: keep it text.
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(*, leads: list[Lead], lang: str) -> str:
    """Return leads as CSV in a language, with a byte-order mark for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([gettext(h, lang) for h in CSV_HEADER])
    yes, no = gettext("yes", lang), gettext("no", lang)
    for lead in leads:
        label = CATEGORY_LABELS.get(lead.category, lead.category)
        writer.writerow(
            [
                local(lead.scanned_at).strftime("%Y-%m-%d %H:%M"),
                gettext(label, lang),
                *(_cell(v) for v in (lead.name, lead.organisation, lead.email)),
                yes if lead.shared else no,
                "" if lead.rating is None else lead.rating,
                _cell(lead.notes),
            ]
        )
    return "\ufeff" + out.getvalue()


def set_consent(*, session: Session, person: Registration, share: bool, now: datetime) -> None:
    """Give or withdraw the consent to share details with exhibitors; withdrawing strips leads."""
    if share:
        if person.share_with_exhibitors_at is None:
            person.share_with_exhibitors_at = now
    else:
        person.share_with_exhibitors_at = None
        session.execute(update(Lead).where(Lead.registration_id == person.id).values(**STRIPPED))
    session.flush()


def counts(*, session: Session, exhibitor: Exhibitor) -> dict[str, int]:
    """Return how many leads an exhibitor has, and how many share their details."""
    rows = leads_of(session=session, exhibitor=exhibitor)
    return {"total": len(rows), "shared": sum(1 for r in rows if r.shared)}


def export_user(session: Session, user_id: int) -> dict[str, Any]:
    """Return what exhibitors hold about a user (their leads) and the stands they work for."""
    rows = session.execute(
        select(Lead, Exhibitor.name)
        .join(Exhibitor, Exhibitor.id == Lead.exhibitor_id)
        .join(Registration, Registration.id == Lead.registration_id)
        .where(Registration.user_id == user_id)
        .order_by(Lead.scanned_at, Lead.id)
    )
    staff = session.scalars(
        select(Exhibitor.name)
        .join(ExhibitorStaff, ExhibitorStaff.exhibitor_id == Exhibitor.id)
        .where(ExhibitorStaff.user_id == user_id)
        .order_by(Exhibitor.name)
    )
    return {
        "leads": [
            {
                "exhibitor": name,
                "scanned_at": lead.scanned_at.isoformat(),
                "shared": lead.shared,
                "name": lead.name,
                "organisation": lead.organisation,
                "email": lead.email,
                "notes": lead.notes,
                "rating": lead.rating,
            }
            for lead, name in rows
        ],
        "staff_of": list(staff),
    }


def erase_user(session: Session, user_id: int) -> None:
    """Strip a user's leads to anonymous counts and drop their links to exhibitors."""
    mine = select(Registration.id).where(
        or_(Registration.user_id == user_id, Registration.erased.is_(True))
    )
    session.execute(update(Lead).where(Lead.registration_id.in_(mine)).values(**PURGED))
    session.execute(update(Lead).where(Lead.scanned_by == user_id).values(scanned_by=None))
    for link in session.scalars(select(ExhibitorStaff).where(ExhibitorStaff.user_id == user_id)):
        session.delete(link)
    session.flush()


def purge(*, session: Session, now: datetime, keep: timedelta = RETENTION) -> int:
    """Strip the leads of editions ended longer ago than the retention period; return how many."""
    cutoff: date = (now - keep).date()
    past = select(Exhibitor.id).join(Edition, Edition.id == Exhibitor.edition_id)
    past = past.where(Edition.ends_on < cutoff)
    done = session.execute(
        update(Lead)
        .where(
            Lead.exhibitor_id.in_(past),
            or_(
                Lead.registration_id.is_not(None),
                Lead.scanned_by.is_not(None),
                Lead.shared.is_(True),
                Lead.notes != "",
            ),
        )
        .values(**PURGED)
    )
    session.flush()
    return int(done.rowcount)  # type: ignore[attr-defined]


# Sorted before "expo", so a user's leads are found while their registration still names them.
personal_data.register("expo_exhibitors", exporter=export_user, eraser=erase_user)
