"""Registration: categories with quotas, a waiting list, approval, consent, bulk CSV import.

A place in a category is claimed with one conditional UPDATE (``taken = taken + 1 WHERE
taken < quota``), so concurrent registrations never overbook; whoever finds the category full
waits in line and is promoted, oldest first, when a confirmed person cancels.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, cast

from pydantic import ValidationError
from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from casa.core.i18n import gettext
from casa.expo.exceptions import (
    AlreadyCancelled,
    AlreadyRegistered,
    NoConsent,
    NotPending,
    ThingNotFound,
)
from casa.expo.mail import Mailer, message
from casa.expo.models import Category, Edition, Registration
from casa.expo.schemas import RegistrationIn, RegistrationOut
from casa.expo.tickets import Signer, active_key, new_ticket_id

#: Categories of every edition: default quota, approval needed, badge colour.
CATEGORIES: dict[str, tuple[int, bool, str]] = {
    "professional": (4000, False, "#1f6feb"),
    "exhibitor_staff": (600, False, "#8250df"),
    "speaker": (120, False, "#d1242f"),
    "journalist": (150, True, "#bf8700"),
    "delegation": (250, False, "#1a7f37"),
    "vip": (80, False, "#111111"),
    "citizen": (2000, False, "#0969da"),
}
CATEGORY_LABELS: dict[str, str] = {
    "professional": "Professional visitor",
    "exhibitor_staff": "Exhibitor staff",
    "speaker": "Speaker",
    "journalist": "Journalist",
    "delegation": "Delegation member",
    "vip": "VIP",
    "citizen": "Citizen",
}
ProgressFn = Callable[[int], None]


def ensure_categories(
    *, session: Session, edition: Edition, quotas: dict[str, int] | None = None
) -> dict[str, Category]:
    """Create the edition's categories that are missing; set quotas given; return them by code."""
    have = {
        c.code: c
        for c in session.scalars(select(Category).where(Category.edition_id == edition.id))
    }
    for code, (quota, approval, color) in CATEGORIES.items():
        if code not in have:
            have[code] = Category(
                edition_id=edition.id,
                code=code,
                quota=quota,
                taken=0,
                needs_approval=approval,
                color=color,
            )
            session.add(have[code])
        if quotas and code in quotas:
            have[code].quota = quotas[code]
    session.flush()
    return have


def _claim(session: Session, category: Category) -> bool:
    table = cast(Table, Category.__table__)
    done = session.execute(
        update(table)
        .where(table.c.id == category.id, table.c.taken < table.c.quota)
        .values(taken=table.c.taken + 1)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def _release(session: Session, category_id: int) -> None:
    table = cast(Table, Category.__table__)
    session.execute(
        update(table)
        .where(table.c.id == category_id, table.c.taken > 0)
        .values(taken=table.c.taken - 1)
    )


def _build(
    session: Session,
    edition: Edition,
    category: Category,
    data: RegistrationIn,
    now: datetime,
    user_id: int | None,
) -> Registration:
    if not data.consent:
        raise NoConsent()
    if category.needs_approval:
        status, ticket = "pending", None
    elif _claim(session, category):
        status, ticket = "confirmed", new_ticket_id()
    else:
        status, ticket = "waiting", None
    return Registration(
        edition_id=edition.id,
        category_id=category.id,
        user_id=user_id,
        name=data.name,
        email=str(data.email).lower(),
        organisation=data.organisation,
        city=data.city,
        country=data.country,
        press_card=data.press_card,
        status=status,
        consent_at=now,
        share_with_exhibitors_at=now if data.share_with_exhibitors else None,
        created_at=now,
        ticket=ticket,
        generated=False,
        erased=False,
    )


def register(
    *,
    session: Session,
    edition: Edition,
    data: RegistrationIn,
    now: datetime,
    user_id: int | None = None,
    mailer: Mailer | None = None,
    lang: str = "fr",
) -> Registration:
    """Register a person: confirmed with a ticket, pending approval, or on the waiting list."""
    categories = ensure_categories(session=session, edition=edition)
    email = str(data.email).lower()
    taken = session.scalar(
        select(Registration.id).where(
            Registration.edition_id == edition.id, Registration.email == email
        )
    )
    if taken is not None:
        raise AlreadyRegistered(email=email)
    row = _build(session, edition, categories[data.category], data, now, user_id)
    session.add(row)
    session.flush()
    if mailer is not None:
        notify(mailer=mailer, edition=edition, registration=row, lang=lang)
    return row


def notify(*, mailer: Mailer, edition: Edition, registration: Registration, lang: str) -> None:
    """Send the person the state of their registration."""
    if registration.email is None:
        return
    state = {
        "confirmed": "Your registration is confirmed. Your badge will be ready at the entrance.",
        "waiting": "This category is full: you are on the waiting list.",
        "pending": "Your accreditation request will be reviewed by the organizers.",
        "cancelled": "Your registration is cancelled.",
    }[registration.status]
    subject = gettext("Smart City Expo Casablanca {year}", lang).format(year=edition.year)
    body = f"{registration.name},\n\n{gettext(state, lang)}\n"
    if registration.ticket:
        body += f"\n{gettext('Ticket', lang)}: {registration.ticket}\n"
    mailer.send(message(to=registration.email, subject=subject, body=body))


def get_registration(*, session: Session, edition: Edition, ident: int) -> Registration:
    """Return a registration of an edition."""
    row = session.get(Registration, ident)
    if row is None or row.edition_id != edition.id:
        raise ThingNotFound(kind="registration", ref=str(ident), field="id")
    return row


def approve(*, session: Session, edition: Edition, ident: int) -> Registration:
    """Accept a pending accreditation: confirmed if the category has room, else waiting."""
    row = get_registration(session=session, edition=edition, ident=ident)
    if row.status != "pending":
        raise NotPending()
    category = session.get(Category, row.category_id)
    assert category is not None
    if _claim(session, category):
        row.status, row.ticket = "confirmed", new_ticket_id()
    else:
        row.status = "waiting"
    session.flush()
    return row


def cancel(*, session: Session, edition: Edition, ident: int, now: datetime) -> Registration:
    """Cancel a registration: revoke its ticket and promote the next person waiting."""
    row = get_registration(session=session, edition=edition, ident=ident)
    if row.status == "cancelled":
        raise AlreadyCancelled()
    was_confirmed = row.status == "confirmed"
    row.status = "cancelled"
    if row.ticket is not None:
        row.revoked_at = now
    session.flush()
    if was_confirmed:
        _release(session, row.category_id)
        _promote(session, edition, row.category_id)
    return row


def _promote(session: Session, edition: Edition, category_id: int) -> None:
    nxt = session.scalar(
        select(Registration)
        .where(Registration.category_id == category_id, Registration.status == "waiting")
        .order_by(Registration.created_at, Registration.id)
        .limit(1)
    )
    category = session.get(Category, category_id)
    if nxt is not None and category is not None and _claim(session, category):
        nxt.status, nxt.ticket = "confirmed", new_ticket_id()
        session.flush()


def to_out(
    *, session: Session, edition: Edition, registration: Registration, now: datetime
) -> RegistrationOut:
    """Describe a registration, with its QR secret when it holds a live ticket."""
    category = session.get(Category, registration.category_id)
    assert category is not None
    secret = None
    if registration.ticket and registration.revoked_at is None:
        signer = Signer(active_key(session=session, edition=edition, now=now), edition.year)
        secret = signer.sign(registration.ticket, category.code)
    return RegistrationOut(
        id=registration.id,
        category=category.code,
        name=registration.name,
        status=registration.status,
        ticket=registration.ticket,
        secret=secret,
    )


IMPORT_FIELDS = ("category", "name", "email", "organisation", "city", "country", "consent")


def import_rows(
    *,
    session: Session,
    edition: Edition,
    rows: Iterable[dict[str, str]],
    now: datetime,
    progress: ProgressFn | None = None,
    batch: int = 500,
) -> dict[str, Any]:
    """Register many people at once; each refused row is reported with its line and reason."""
    categories = ensure_categories(session=session, edition=edition)
    seen = set(
        session.scalars(select(Registration.email).where(Registration.edition_id == edition.id))
    )
    errors: list[dict[str, str | int]] = []
    created = count = 0
    for count, raw in enumerate(rows, start=1):
        line = count + 1  # the header is line 1
        if progress is not None:
            progress(count)
        try:
            data = RegistrationIn(
                **{k: (raw.get(k) or None) for k in IMPORT_FIELDS if k != "consent"},
                consent=(raw.get("consent") or "").strip().lower() in {"1", "true", "yes", "oui"},
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "row"
            errors.append({"line": line, "field": field, "message": first["msg"]})
            continue
        email = str(data.email).lower()
        if email in seen:
            errors.append({"line": line, "field": "email", "message": "already registered"})
            continue
        if not data.consent:
            errors.append({"line": line, "field": "consent", "message": "consent is missing"})
            continue
        seen.add(email)
        session.add(_build(session, edition, categories[data.category], data, now, None))
        created += 1
        if created % batch == 0:
            session.flush()
    session.flush()
    return {"rows": count, "created": created, "errors": errors}


def read_csv(path: str) -> list[dict[str, str]]:
    """Read a CSV file of registrations (UTF-8, a header row)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def of_user(*, session: Session, edition: Edition, user_id: int) -> Registration | None:
    """Return a person's registration to an edition, if they have one."""
    return session.scalar(
        select(Registration)
        .where(Registration.edition_id == edition.id, Registration.user_id == user_id)
        .order_by(Registration.id.desc())
        .limit(1)
    )
