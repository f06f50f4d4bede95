"""Interview requests: an accredited journalist asks a speaker; the speaker or an organizer
answers with a slot and a place, or declines.

An accepted slot must leave the speaker free: it is checked with the programme's own conflict
rules (``conflicts.check``) against the speaker's placed sessions, with the travel time between
venues, and against the interviews they already gave their word for.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casa.accounts.models import User
from casa.accounts.permissions import grants
from casa.core.clock import local
from casa.core.config import Settings
from casa.core.i18n import gettext
from casa.expo import conflicts, editions, press, programme
from casa.expo.delegation_errors import (
    BadSlot,
    InterviewAnswered,
    InterviewOutsideEdition,
    NotTheSpeaker,
    ReasonRequired,
    SpeakerBusy,
    SpeakerInInterview,
    SpeakerTravelling,
)
from casa.expo.exceptions import ThingNotFound
from casa.expo.mail import Mailer, message
from casa.expo.models import Edition, Registration, Room, Speaker
from casa.expo.models.delegations import Accreditation, InterviewRequest, SpeakerContact
from casa.expo.schemas_delegations import AcceptIn, InterviewIn, InterviewOut


def _(text: str) -> str:
    """Mark a msgid for extraction; templates translate it when shown."""
    return text


STATUS_LABELS = {
    "requested": _("Requested"),
    "accepted": _("Accepted"),
    "declined": _("Declined"),
}
MAIL = {
    "requested": _("A journalist asks you for an interview."),
    "accepted": _("Your interview request is accepted."),
    "declined": _("Your interview request is declined."),
}


def ask(
    *,
    session: Session,
    edition: Edition,
    user: User,
    data: InterviewIn,
    now: datetime,
    mailer: Mailer | None = None,
) -> InterviewRequest:
    """Ask a speaker for an interview (needs an approved press accreditation)."""
    accreditation = press.approved(session=session, edition=edition, user_id=user.id)
    speaker = editions.speakers_by_code(session=session, edition=edition).get(data.speaker)
    if speaker is None:
        raise ThingNotFound(kind="speaker", ref=data.speaker, field="speaker")
    for slot in data.preferred:
        if slot.ends_at <= slot.starts_at:
            raise BadSlot()
    row = InterviewRequest(
        edition_id=edition.id,
        accreditation_id=accreditation.id,
        speaker_id=speaker.id,
        topic=data.topic.strip(),
        preferred=[[_utc(s.starts_at), _utc(s.ends_at)] for s in data.preferred],
        status="requested",
        created_at=now,
    )
    session.add(row)
    session.flush()
    contact = session.get(SpeakerContact, speaker.id)
    if contact is not None:
        _mail(session, mailer, edition, row, to=contact.email, name=speaker.name)
    return row


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def get(*, session: Session, edition: Edition, ident: int) -> InterviewRequest:
    """Return an interview request of an edition."""
    row = session.get(InterviewRequest, ident)
    if row is None or row.edition_id != edition.id:
        raise ThingNotFound(kind="interview", ref=str(ident), field="id")
    return row


def may_answer(*, session: Session, user: User, row: InterviewRequest) -> bool:
    """Tell whether a person may answer a request: the speaker asked, or an organizer."""
    if grants(user.roles, "expo:organize"):
        return True
    contact = session.get(SpeakerContact, row.speaker_id)
    return contact is not None and contact.email == user.email.lower()


def _answerable(session: Session, edition: Edition, user: User, ident: int) -> InterviewRequest:
    row = get(session=session, edition=edition, ident=ident)
    if not may_answer(session=session, user=user, row=row):
        raise NotTheSpeaker()
    if row.status != "requested":
        raise InterviewAnswered()
    return row


def accept(
    *,
    session: Session,
    settings: Settings,
    edition: Edition,
    user: User,
    ident: int,
    data: AcceptIn,
    now: datetime,
    mailer: Mailer | None = None,
) -> InterviewRequest:
    """Accept a request with a slot and a place that leave the speaker free."""
    row = _answerable(session, edition, user, ident)
    venue = editions.get_venue(session=session, slug=data.venue)
    start = data.starts_at
    end = start + timedelta(minutes=data.duration_min)
    if not any(a <= start and end <= b for a, b in conflicts.edition_bounds(edition)):
        raise InterviewOutsideEdition()
    row.starts_at, row.duration_min, row.venue_id = start, data.duration_min, venue.id
    _check_free(session, settings, edition, row)
    row.status, row.place, row.answered_at = "accepted", data.place.strip(), now
    session.flush()
    _mail_journalist(session, mailer, edition, row)
    return row


def decline(
    *,
    session: Session,
    edition: Edition,
    user: User,
    ident: int,
    reason: str,
    now: datetime,
    mailer: Mailer | None = None,
) -> InterviewRequest:
    """Decline a request, saying why."""
    row = _answerable(session, edition, user, ident)
    if not reason.strip():
        raise ReasonRequired()
    row.status, row.reason, row.answered_at = "declined", reason.strip(), now
    session.flush()
    _mail_journalist(session, mailer, edition, row)
    return row


def _key(row: InterviewRequest) -> str:
    return f"interview-{row.id}"


def _slot(row: InterviewRequest, code: str) -> conflicts.Slot:
    assert row.starts_at is not None and row.duration_min is not None
    assert row.venue_id is not None
    return conflicts.Slot(
        code=_key(row),
        room_id=-row.id,  # an interview has a place of its own, never a programme room
        venue_id=row.venue_id,
        start=row.starts_at,
        end=row.starts_at + timedelta(minutes=row.duration_min),
        audience=0,
        speakers=frozenset({code}),
    )


def _check_free(
    session: Session, settings: Settings, edition: Edition, row: InterviewRequest
) -> None:
    speaker = session.get(Speaker, row.speaker_id)
    assert speaker is not None
    rooms = dict(editions.rooms_by_id(session=session))
    sessions = programme.sessions_of(session=session, edition=edition)
    titles = {s.code: s.title for s in sessions}
    slots = [s for s in conflicts.slots_of(sessions, rooms) if speaker.code in s.speakers]
    given = session.scalars(
        select(InterviewRequest).where(
            InterviewRequest.speaker_id == speaker.id,
            InterviewRequest.status == "accepted",
            InterviewRequest.id != row.id,
        )
    )
    for interview in [*given, row]:
        slots.append(_slot(interview, speaker.code))
        rooms[-interview.id] = Room(id=-interview.id, venue_id=interview.venue_id, capacity=1)
    venues = editions.venues_by_id(session=session)
    travel = editions.travel_minutes(settings=settings, venues=venues.values())
    mine = _key(row)
    for found in conflicts.check(slots, rooms=rooms, travel=travel, availability={}):
        if mine not in found.sessions or found.kind not in (
            "speaker_double_booked",
            "speaker_travel",
        ):
            continue
        other = next(code for code in found.sessions if code != mine)
        if other.startswith("interview-"):
            raise SpeakerInInterview()
        if found.kind == "speaker_double_booked":
            raise SpeakerBusy(other=titles[other])
        first, second = (s for s in slots if s.code in found.sessions)
        ordered = sorted((first, second), key=lambda s: (s.start, s.code))
        minutes = travel.get((ordered[0].venue_id, ordered[1].venue_id), 0)
        raise SpeakerTravelling(other=titles[other], minutes=minutes)


def visible_to(*, session: Session, edition: Edition, user: User) -> list[InterviewRequest]:
    """Return the requests a person may see: all for organizers, else theirs as either side."""
    query = select(InterviewRequest).where(InterviewRequest.edition_id == edition.id)
    if not grants(user.roles, "expo:organize"):
        speakers = select(SpeakerContact.speaker_id).where(
            SpeakerContact.email == user.email.lower()
        )
        mine = select(Accreditation.id).where(Accreditation.user_id == user.id)
        query = query.where(
            or_(
                InterviewRequest.speaker_id.in_(speakers),
                InterviewRequest.accreditation_id.in_(mine),
            )
        )
    return list(session.scalars(query.order_by(InterviewRequest.created_at, InterviewRequest.id)))


def to_out(*, session: Session, row: InterviewRequest) -> InterviewOut:
    """Describe an interview request."""
    speaker = session.get(Speaker, row.speaker_id)
    accreditation = session.get(Accreditation, row.accreditation_id)
    assert speaker is not None and accreditation is not None
    reg = session.get(Registration, accreditation.registration_id)
    venue = editions.venues_by_id(session=session).get(row.venue_id) if row.venue_id else None
    return InterviewOut(
        id=row.id,
        speaker=speaker.code,
        speaker_name=speaker.name,
        journalist=reg.name if reg else "",
        outlet=accreditation.outlet,
        topic=row.topic,
        preferred=[[datetime.fromisoformat(t) for t in pair] for pair in row.preferred],
        status=row.status,
        starts_at=row.starts_at,
        duration_min=row.duration_min,
        venue=venue.slug if venue else None,
        place=row.place,
        reason=row.reason,
    )


def _mail_journalist(
    session: Session, mailer: Mailer | None, edition: Edition, row: InterviewRequest
) -> None:
    accreditation = session.get(Accreditation, row.accreditation_id)
    reg = session.get(Registration, accreditation.registration_id) if accreditation else None
    if reg is not None and reg.email is not None:
        _mail(session, mailer, edition, row, to=reg.email, name=reg.name)


def _mail(
    session: Session,
    mailer: Mailer | None,
    edition: Edition,
    row: InterviewRequest,
    *,
    to: str,
    name: str,
) -> None:
    if mailer is None:
        return
    user = session.scalar(select(User).where(User.email == to.lower()))
    lang = user.language if user is not None else "fr"
    subject = gettext("Interview request – Smart City Expo Casablanca {year}", lang)
    body = f"{name},\n\n{gettext(MAIL[row.status], lang)}\n\n{row.topic}\n"
    if row.status == "accepted" and row.starts_at is not None:
        body += f"\n{local(row.starts_at):%Y-%m-%d %H:%M} – {row.place}\n"
    if row.reason:
        body += f"\n{gettext('Reason', lang)}: {row.reason}\n"
    mailer.send(message(to=to, subject=subject.format(year=edition.year), body=body))
