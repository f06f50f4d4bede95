"""JSON API of the press: accreditations with card scans, the press kit, interview requests."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Path, Query, Response, UploadFile

from casa.accounts.deps import CurrentUser, require
from casa.accounts.models import User
from casa.accounts.permissions import grants
from casa.core.deps import ClockDep, SessionDep, SettingsDep
from casa.expo import editions, interviews, press, privacy_press  # noqa: F401 - data hooks
from casa.expo.exceptions import ThingNotFound
from casa.expo.mail import mailer_for
from casa.expo.models import Registration
from casa.expo.schemas_delegations import (
    AcceptIn,
    AccreditationOut,
    DecisionIn,
    InterviewIn,
    InterviewOut,
    PressKitIn,
    PressKitOut,
    SpeakerContactIn,
)

router = APIRouter()
Organizer = Annotated[User, Depends(require("expo:organize"))]
Journalist = Annotated[User, Depends(require("expo:press"))]
Year = Annotated[int, Path(ge=2000, le=2100, description="the edition's year")]


def _out(session: SessionDep, row: press.Accreditation) -> AccreditationOut:
    reg = session.get(Registration, row.registration_id)
    assert reg is not None
    return press.to_out(row, reg)


@router.post("/editions/{year}/accreditations", summary="Ask for accreditation", status_code=201)
async def request_accreditation(
    year: Year,
    user: Journalist,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    outlet: Annotated[str, Form(min_length=1, max_length=200)],
    card: UploadFile,
    consent: Annotated[bool, Form()],
    press_card: Annotated[str | None, Form(max_length=60)] = None,
) -> AccreditationOut:
    """Ask for a press accreditation with a scan of your press card (JPEG, PNG or PDF)."""
    data = await card.read(press.CARD_LIMIT + 1)
    edition = editions.get_edition(session=session, year=year)
    row = press.request(
        session=session,
        settings=settings,
        edition=edition,
        user=user,
        outlet=outlet.strip(),
        press_card=(press_card or "").strip() or None,
        card=data,
        consent=consent,
        now=clock(),
        mailer=mailer_for(settings),
    )
    return _out(session, row)


@router.get("/editions/{year}/accreditations/mine", summary="Your accreditation")
def my_accreditation(year: Year, user: CurrentUser, session: SessionDep) -> AccreditationOut:
    """Return your accreditation request, its state and the reason of a refusal."""
    edition = editions.get_edition(session=session, year=year)
    row = press.of_user(session=session, edition=edition, user_id=user.id)
    if row is None:
        raise ThingNotFound(kind="accreditation", ref=str(year), field="year")
    return _out(session, row)


@router.get("/editions/{year}/accreditations", summary="Accreditations to review")
def list_accreditations(
    year: Year,
    user: Organizer,
    session: SessionDep,
    status: Annotated[Literal["pending", "approved", "refused", "revoked"] | None, Query()] = None,
) -> list[AccreditationOut]:
    """Return the edition's accreditations, the oldest first, optionally in one state."""
    edition = editions.get_edition(session=session, year=year)
    return [
        press.to_out(row, reg)
        for row, reg in press.listed(session=session, edition=edition, status=status)
    ]


@router.get("/editions/{year}/accreditations/{ident}/card", summary="A press card scan")
def card_scan(
    year: Year, ident: int, user: Organizer, session: SessionDep, settings: SettingsDep
) -> Response:
    """Return the press card scan of an accreditation."""
    edition = editions.get_edition(session=session, year=year)
    row = press.get(session=session, edition=edition, ident=ident)
    data, media_type = press.card_of(settings=settings, row=row)
    return Response(data, media_type=media_type, headers={"Cache-Control": "no-store"})


@router.post("/editions/{year}/accreditations/{ident}/approve", summary="Approve")
def approve(
    year: Year,
    ident: int,
    user: Organizer,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> AccreditationOut:
    """Approve a pending accreditation: the journalist gets a press ticket and an e-mail."""
    edition = editions.get_edition(session=session, year=year)
    row = press.approve(
        session=session, edition=edition, ident=ident, now=clock(), mailer=mailer_for(settings)
    )
    return _out(session, row)


@router.post("/editions/{year}/accreditations/{ident}/refuse", summary="Refuse")
def refuse(
    year: Year,
    ident: int,
    body: DecisionIn,
    user: Organizer,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> AccreditationOut:
    """Refuse a pending accreditation; the journalist reads the reason and may ask again."""
    edition = editions.get_edition(session=session, year=year)
    row = press.refuse(
        session=session,
        edition=edition,
        ident=ident,
        reason=body.reason,
        now=clock(),
        mailer=mailer_for(settings),
    )
    return _out(session, row)


@router.post("/editions/{year}/accreditations/{ident}/revoke", summary="Revoke")
def revoke(
    year: Year,
    ident: int,
    body: DecisionIn,
    user: Organizer,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> AccreditationOut:
    """Revoke an approved accreditation: its press ticket stops working."""
    edition = editions.get_edition(session=session, year=year)
    row = press.revoke(
        session=session,
        edition=edition,
        ident=ident,
        reason=body.reason,
        now=clock(),
        mailer=mailer_for(settings),
    )
    return _out(session, row)


@router.get("/editions/{year}/press-kit", summary="The press kit")
def get_kit(year: Year, user: CurrentUser, session: SessionDep) -> PressKitOut:
    """Return the press kit (approved journalists and organizers)."""
    edition = editions.get_edition(session=session, year=year)
    if not grants(user.roles, "expo:organize"):
        press.approved(session=session, edition=edition, user_id=user.id)
    return press.kit(session=session, edition=edition)


@router.put("/editions/{year}/press-kit", summary="Set the press kit")
def put_kit(
    year: Year, body: PressKitIn, user: Organizer, session: SessionDep, clock: ClockDep
) -> PressKitOut:
    """Set the press release and the press contact."""
    edition = editions.get_edition(session=session, year=year)
    press.put_kit(session=session, edition=edition, data=body, now=clock())
    return press.kit(session=session, edition=edition)


@router.put("/editions/{year}/speakers/{code}/contact", summary="Link a speaker", status_code=204)
def put_speaker_contact(
    year: Year, code: str, body: SpeakerContactIn, user: Organizer, session: SessionDep
) -> None:
    """Link a speaker to the account using this e-mail: they answer their interview requests."""
    edition = editions.get_edition(session=session, year=year)
    press.set_speaker_contact(session=session, edition=edition, code=code, email=str(body.email))


@router.post("/editions/{year}/interviews", summary="Ask for an interview", status_code=201)
def ask_interview(
    year: Year,
    body: InterviewIn,
    user: Journalist,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> InterviewOut:
    """Ask a speaker for an interview, with a topic and preferred slots."""
    edition = editions.get_edition(session=session, year=year)
    row = interviews.ask(
        session=session,
        edition=edition,
        user=user,
        data=body,
        now=clock(),
        mailer=mailer_for(settings),
    )
    return interviews.to_out(session=session, row=row)


@router.get("/editions/{year}/interviews", summary="Interview requests")
def list_interviews(year: Year, user: CurrentUser, session: SessionDep) -> list[InterviewOut]:
    """Return the requests you asked or were asked (every one for organizers)."""
    edition = editions.get_edition(session=session, year=year)
    rows = interviews.visible_to(session=session, edition=edition, user=user)
    return [interviews.to_out(session=session, row=row) for row in rows]


@router.post("/editions/{year}/interviews/{ident}/accept", summary="Accept an interview")
def accept_interview(
    year: Year,
    ident: int,
    body: AcceptIn,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> InterviewOut:
    """Accept with a slot and a place; the slot must leave the speaker free."""
    edition = editions.get_edition(session=session, year=year)
    row = interviews.accept(
        session=session,
        settings=settings,
        edition=edition,
        user=user,
        ident=ident,
        data=body,
        now=clock(),
        mailer=mailer_for(settings),
    )
    return interviews.to_out(session=session, row=row)


@router.post("/editions/{year}/interviews/{ident}/decline", summary="Decline an interview")
def decline_interview(
    year: Year,
    ident: int,
    body: DecisionIn,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> InterviewOut:
    """Decline a request, saying why."""
    edition = editions.get_edition(session=session, year=year)
    row = interviews.decline(
        session=session,
        edition=edition,
        user=user,
        ident=ident,
        reason=body.reason,
        now=clock(),
        mailer=mailer_for(settings),
    )
    return interviews.to_out(session=session, row=row)
