"""Press: journalists' accreditation, their press card scans, the press kit, speakers' contacts.

An accreditation builds on the journalist's registration (category ``journalist``, which needs
approval): approving it approves the registration, which claims a place and issues the press
ticket and badge; refusing or revoking it cancels the registration (revoking its ticket). A
refused journalist may ask again once they have fixed what the reason says.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.accounts.models import User
from casa.core.config import Settings
from casa.core.i18n import gettext
from casa.expo import editions, registration
from casa.expo.delegation_errors import (
    AccreditationExists,
    AccreditationMissing,
    AccreditationRevoked,
    CardMissing,
    CardTooLarge,
    CardWrongType,
    NotAccredited,
    NotAJournalist,
    NotApprovedAccreditation,
    NotPendingAccreditation,
    ReasonRequired,
)
from casa.expo.exceptions import ThingNotFound
from casa.expo.mail import Mailer, message
from casa.expo.models import Category, Edition, Registration
from casa.expo.models.delegations import Accreditation, PressKit, SpeakerContact
from casa.expo.schemas import RegistrationIn
from casa.expo.schemas_delegations import (
    AccreditationOut,
    PressKitIn,
    PressKitOut,
    SpeakerBrief,
)

#: The largest press card scan accepted.
CARD_LIMIT = 5 * 1024 * 1024
#: What a scan may be, told by its first bytes (the declared type is not trusted).
CARD_TYPES: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"%PDF-", "application/pdf", ".pdf"),
)


def _(text: str) -> str:
    """Mark a msgid for extraction; templates translate it when shown."""
    return text


STATUS_LABELS = {
    "pending": _("Waiting for review"),
    "approved": _("Approved"),
    "refused": _("Refused"),
    "revoked": _("Revoked"),
}
MAIL = {
    "pending": _("We received your press accreditation request; the press office will review it."),
    "approved": _("Your press accreditation is approved: your press badge is ready."),
    "refused": _("Your press accreditation request is refused."),
    "revoked": _("Your press accreditation is revoked."),
}


def card_dir(settings: Settings) -> Path:
    """Return the folder where press card scans are kept, outside any public path."""
    return settings.var_dir / "expo" / "press-cards"


def sniff_card(data: bytes) -> tuple[str, str]:
    """Return the media type and extension of a card scan, or say what is wrong with it."""
    if not data:
        raise CardMissing()
    if len(data) > CARD_LIMIT:
        raise CardTooLarge(limit_mb=CARD_LIMIT // (1024 * 1024))
    for magic, media_type, ext in CARD_TYPES:
        if data.startswith(magic):
            return media_type, ext
    raise CardWrongType()


def of_user(*, session: Session, edition: Edition, user_id: int) -> Accreditation | None:
    """Return a person's accreditation to an edition, if they asked for one."""
    return session.scalar(
        select(Accreditation).where(
            Accreditation.edition_id == edition.id, Accreditation.user_id == user_id
        )
    )


def request(
    *,
    session: Session,
    settings: Settings,
    edition: Edition,
    user: User,
    outlet: str,
    press_card: str | None,
    card: bytes,
    consent: bool,
    now: datetime,
    mailer: Mailer | None = None,
) -> Accreditation:
    """Ask for a press accreditation with a press card scan; it waits for the organizers."""
    media_type, ext = sniff_card(card)
    row = of_user(session=session, edition=edition, user_id=user.id)
    if row is not None and row.status == "revoked":
        raise AccreditationRevoked()
    if row is not None and row.status != "refused":
        raise AccreditationExists()
    reg = registration.of_user(session=session, edition=edition, user_id=user.id)
    if reg is not None and _category(session, reg) != "journalist":
        raise NotAJournalist()
    if reg is None:
        data = RegistrationIn(
            category="journalist",
            name=user.name,
            email=user.email,
            organisation=outlet,
            press_card=press_card,
            consent=consent,
        )
        reg = registration.register(
            session=session, edition=edition, data=data, now=now, user_id=user.id
        )
    else:
        reg.organisation, reg.press_card = outlet, press_card
        if reg.status == "cancelled":
            reg.status = "pending"
    if row is None:
        row = Accreditation(edition_id=edition.id, registration_id=reg.id, user_id=user.id)
        session.add(row)
    old_file = row.card_file
    row.outlet, row.press_card, row.status, row.reason = outlet, press_card, "pending", None
    row.card_file = secrets.token_hex(16) + ext
    row.card_type, row.card_size = media_type, len(card)
    row.created_at, row.decided_at, row.generated = now, None, False
    session.flush()
    folder = card_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / row.card_file).write_bytes(card)
    if old_file:
        (folder / old_file).unlink(missing_ok=True)
    _mail(session, mailer, edition, row)
    return row


def _category(session: Session, reg: Registration) -> str:
    category = session.get(Category, reg.category_id)
    assert category is not None
    return category.code


def get(*, session: Session, edition: Edition, ident: int) -> Accreditation:
    """Return an accreditation of an edition."""
    row = session.get(Accreditation, ident)
    if row is None or row.edition_id != edition.id:
        raise ThingNotFound(kind="accreditation", ref=str(ident), field="id")
    return row


def approve(
    *, session: Session, edition: Edition, ident: int, now: datetime, mailer: Mailer | None = None
) -> Accreditation:
    """Approve a pending accreditation: the journalist's registration gets its press ticket."""
    row = get(session=session, edition=edition, ident=ident)
    if row.status != "pending":
        raise NotPendingAccreditation()
    reg = session.get(Registration, row.registration_id)
    assert reg is not None
    if reg.status == "pending":
        registration.approve(session=session, edition=edition, ident=reg.id)
    row.status, row.reason, row.decided_at = "approved", None, now
    session.flush()
    _mail(session, mailer, edition, row)
    return row


def approve_registration(
    *, session: Session, edition: Edition, ident: int, now: datetime, mailer: Mailer | None = None
) -> Registration:
    """Approve a journalist's registration through its accreditation, which it must have."""
    reg = registration.get_registration(session=session, edition=edition, ident=ident)
    row = session.scalar(select(Accreditation).where(Accreditation.registration_id == reg.id))
    if row is None:
        raise AccreditationMissing()
    approve(session=session, edition=edition, ident=row.id, now=now, mailer=mailer)
    return reg


def refuse(
    *,
    session: Session,
    edition: Edition,
    ident: int,
    reason: str,
    now: datetime,
    mailer: Mailer | None = None,
) -> Accreditation:
    """Refuse a pending accreditation, saying why; the journalist may ask again."""
    row = get(session=session, edition=edition, ident=ident)
    if row.status != "pending":
        raise NotPendingAccreditation()
    return _close(session, edition, row, "refused", reason, now, mailer)


def revoke(
    *,
    session: Session,
    edition: Edition,
    ident: int,
    reason: str,
    now: datetime,
    mailer: Mailer | None = None,
) -> Accreditation:
    """Revoke an approved accreditation, saying why: the press ticket stops working."""
    row = get(session=session, edition=edition, ident=ident)
    if row.status != "approved":
        raise NotApprovedAccreditation()
    return _close(session, edition, row, "revoked", reason, now, mailer)


def _close(
    session: Session,
    edition: Edition,
    row: Accreditation,
    status: str,
    reason: str,
    now: datetime,
    mailer: Mailer | None,
) -> Accreditation:
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    reg = session.get(Registration, row.registration_id)
    assert reg is not None
    if reg.status != "cancelled":
        registration.cancel(session=session, edition=edition, ident=reg.id, now=now)
    row.status, row.reason, row.decided_at = status, reason, now
    session.flush()
    _mail(session, mailer, edition, row)
    return row


def _mail(session: Session, mailer: Mailer | None, edition: Edition, row: Accreditation) -> None:
    reg = session.get(Registration, row.registration_id)
    if mailer is None or reg is None or reg.email is None:
        return
    user = session.get(User, row.user_id) if row.user_id is not None else None
    lang = user.language if user is not None else "fr"
    subject = gettext("Press accreditation – Smart City Expo Casablanca {year}", lang)
    body = f"{reg.name},\n\n{gettext(MAIL[row.status], lang)}\n"
    if row.reason:
        body += f"\n{gettext('Reason', lang)}: {row.reason}\n"
    if row.status == "approved" and reg.ticket:
        body += f"\n{gettext('Ticket', lang)}: {reg.ticket}\n"
    mailer.send(message(to=reg.email, subject=subject.format(year=edition.year), body=body))


def listed(
    *, session: Session, edition: Edition, status: str | None = None
) -> list[tuple[Accreditation, Registration]]:
    """Return an edition's accreditations with their registrations, the oldest first."""
    query = (
        select(Accreditation, Registration)
        .join(Registration, Registration.id == Accreditation.registration_id)
        .where(Accreditation.edition_id == edition.id)
        .order_by(Accreditation.created_at, Accreditation.id)
    )
    if status:
        query = query.where(Accreditation.status == status)
    return list(session.execute(query).tuples())


def to_out(row: Accreditation, reg: Registration) -> AccreditationOut:
    """Describe an accreditation."""
    return AccreditationOut(
        id=row.id,
        registration=reg.id,
        name=reg.name,
        email=reg.email,
        outlet=row.outlet,
        press_card=row.press_card,
        card=row.card_file is not None,
        status=row.status,
        reason=row.reason,
        registration_status=reg.status,
        created_at=row.created_at,
        decided_at=row.decided_at,
    )


def card_of(*, settings: Settings, row: Accreditation) -> tuple[bytes, str]:
    """Return a card scan and its media type."""
    if row.card_file is None or row.card_type is None:
        raise ThingNotFound(kind="accreditation", ref=str(row.id), field="card")
    path = card_dir(settings) / row.card_file
    if not path.exists():
        raise ThingNotFound(kind="accreditation", ref=str(row.id), field="card")
    return path.read_bytes(), row.card_type


def approved(*, session: Session, edition: Edition, user_id: int) -> Accreditation:
    """Return a person's approved accreditation, or say they need one."""
    row = of_user(session=session, edition=edition, user_id=user_id)
    if row is None or row.status != "approved":
        raise NotAccredited()
    return row


def put_kit(*, session: Session, edition: Edition, data: PressKitIn, now: datetime) -> PressKit:
    """Set an edition's press release and press contact."""
    row = session.get(PressKit, edition.id) or PressKit(edition_id=edition.id)
    row.release, row.contact_name = data.release, data.contact_name
    row.contact_email, row.contact_phone = str(data.contact_email), data.contact_phone
    row.updated_at = now
    session.add(row)
    session.flush()
    return row


def kit(*, session: Session, edition: Edition) -> PressKitOut:
    """Return an edition's press kit: release, contact, figures, exports and speakers."""
    row = session.get(PressKit, edition.id)
    base = f"/api/v1/expo/editions/{edition.year}"
    speakers = sorted(
        editions.speakers_by_code(session=session, edition=edition).values(),
        key=lambda s: (s.generated, s.name),
    )
    return PressKitOut(
        year=edition.year,
        title=edition.title,
        release=row.release if row else "",
        contact_name=row.contact_name if row else "",
        contact_email=row.contact_email if row else "",
        contact_phone=row.contact_phone if row else "",
        links={
            "figures_csv": "/api/v1/expo/kpis.csv",
            "figures": f"{base}/kpis",
            "programme_xml": f"{base}/schedule.xml",
            "programme_json": f"{base}/schedule.json",
            "programme_ics": f"{base}/schedule.ics",
        },
        speakers=[
            SpeakerBrief(
                code=s.code,
                name=s.name,
                organisation=s.organisation,
                city=s.city,
                country=s.country,
            )
            for s in speakers
        ],
    )


def set_speaker_contact(*, session: Session, edition: Edition, code: str, email: str) -> None:
    """Link a speaker to the account that uses this e-mail address."""
    speaker = editions.speakers_by_code(session=session, edition=edition).get(code)
    if speaker is None:
        raise ThingNotFound(kind="speaker", ref=code, field="speaker")
    row = session.get(SpeakerContact, speaker.id) or SpeakerContact(speaker_id=speaker.id)
    row.email = email.lower()
    session.add(row)
    session.flush()
