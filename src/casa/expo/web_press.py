"""Pages of the press: the public press page, accreditation, review, press kit, interviews."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.accounts.models import User
from casa.accounts.permissions import grants
from casa.core.clock import CASABLANCA, local
from casa.core.deps import ClockDep, SessionDep, SettingsDep
from casa.core.errors import CasaError
from casa.core.templating import error_context, login_redirect, render
from casa.expo import editions, interviews, press
from casa.expo.exceptions import InvalidField
from casa.expo.mail import mailer_for
from casa.expo.schemas_delegations import AcceptIn, InterviewIn, SlotIn

router = APIRouter(include_in_schema=False)


def refused(request: Request, user: User | None, permission: str | None) -> Response | None:
    """Send anonymous visitors to log in and refuse those without the permission."""
    if user is None:
        return login_redirect(request)
    if permission is not None and not grants(user.roles, permission):
        return render(request, "expo/refused.html", {}, status_code=403)
    return None


def invalid(exc: ValidationError) -> InvalidField:
    """Turn a form's validation error into the field to fix."""
    loc = exc.errors()[0]["loc"]
    return InvalidField(field=str(loc[0]) if loc else "form")


def _at(text: str, field: str) -> datetime:
    try:
        return datetime.fromisoformat(text).replace(tzinfo=CASABLANCA)
    except ValueError:
        raise InvalidField(field=field) from None


@router.get("/expo/{year}/press")
def press_page(request: Request, year: int, user: OptionalUser, session: SessionDep) -> Response:
    """Show the public press page: the press contact and how to get accredited."""
    edition = editions.get_edition(session=session, year=year)
    kit = press.kit(session=session, edition=edition)
    return render(request, "expo/press_public.html", {"edition": edition, "kit": kit})


def _accreditation(
    request: Request, session: Session, year: int, user: User, extra: dict[str, Any], status: int
) -> Response:
    edition = editions.get_edition(session=session, year=year)
    row = press.of_user(session=session, edition=edition, user_id=user.id)
    context = {"edition": edition, "row": row, "form": {}, **extra}
    return render(request, "expo/press_accreditation.html", context, status_code=status)


@router.get("/expo/{year}/press/accreditation")
def accreditation_page(
    request: Request, year: int, user: OptionalUser, session: SessionDep
) -> Response:
    """Show a journalist's accreditation: the request form, or its state and reason."""
    denied = refused(request, user, "expo:press")
    if denied is not None or user is None:
        return denied or Response(status_code=500)
    return _accreditation(request, session, year, user, {}, 200)


@router.post("/expo/{year}/press/accreditation")
async def request_accreditation(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    """Ask for a press accreditation with a press card scan."""
    denied = refused(request, user, "expo:press")
    if denied is not None or user is None:
        return denied or Response(status_code=500)
    raw = await request.form()
    form = {k: str(raw.get(k) or "").strip() for k in ("outlet", "press_card")}
    upload = raw.get("card")
    card = b""
    if isinstance(upload, UploadFile):
        card = await upload.read(press.CARD_LIMIT + 1)
        await upload.close()
    try:
        if not form["outlet"] or len(form["outlet"]) > 200:
            raise InvalidField(field="outlet")
        edition = editions.get_edition(session=session, year=year)
        press.request(
            session=session,
            settings=settings,
            edition=edition,
            user=user,
            outlet=form["outlet"],
            press_card=form["press_card"][:60] or None,
            card=card,
            consent=raw.get("consent") == "yes",
            now=clock(),
            mailer=mailer_for(settings),
        )
    except CasaError as exc:
        session.rollback()
        extra = {"form": form, **error_context(request, exc)}
        return _accreditation(request, session, year, user, extra, 422)
    return RedirectResponse(f"/expo/{year}/press/accreditation", status_code=303)


def _review(
    request: Request, session: Session, year: int, extra: dict[str, Any], status: int = 200
) -> Response:
    edition = editions.get_edition(session=session, year=year)
    rows = press.listed(session=session, edition=edition)
    context = {"edition": edition, "rows": rows, "done": request.query_params.get("done", "")}
    return render(request, "expo/press_review.html", {**context, **extra}, status_code=status)


@router.get("/expo/{year}/press/review")
def review_page(request: Request, year: int, user: OptionalUser, session: SessionDep) -> Response:
    """Show the accreditations to review, with their card scans, to organizers."""
    return refused(request, user, "expo:organize") or _review(request, session, year, {})


@router.post("/expo/{year}/press/review/{ident}/{decision}")
async def decide(
    request: Request,
    year: int,
    ident: int,
    decision: str,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    """Approve, refuse or revoke an accreditation; refusing and revoking say why."""
    denied = refused(request, user, "expo:organize")
    if denied is not None:
        return denied
    reason = str((await request.form()).get("reason") or "")
    mailer = mailer_for(settings)
    try:
        edition = editions.get_edition(session=session, year=year)
        now = clock()
        if decision == "approve":
            press.approve(session=session, edition=edition, ident=ident, now=now, mailer=mailer)
        elif decision in ("refuse", "revoke"):
            act = press.refuse if decision == "refuse" else press.revoke
            act(
                session=session,
                edition=edition,
                ident=ident,
                reason=reason,
                now=now,
                mailer=mailer,
            )
        else:
            raise InvalidField(field="decision")
    except CasaError as exc:
        session.rollback()
        return _review(request, session, year, error_context(request, exc), status=422)
    return RedirectResponse(f"/expo/{year}/press/review?done={decision}", status_code=303)


@router.get("/expo/{year}/press/review/{ident}/card")
def review_card(
    request: Request,
    year: int,
    ident: int,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Show a press card scan to organizers."""
    denied = refused(request, user, "expo:organize")
    if denied is not None:
        return denied
    edition = editions.get_edition(session=session, year=year)
    data, media_type = press.card_of(
        settings=settings, row=press.get(session=session, edition=edition, ident=ident)
    )
    return Response(data, media_type=media_type, headers={"Cache-Control": "no-store"})


def _kit(
    request: Request,
    session: Session,
    year: int,
    user: User,
    extra: dict[str, Any],
    status: int = 200,
) -> Response:
    edition = editions.get_edition(session=session, year=year)
    if not grants(user.roles, "expo:organize"):
        press.approved(session=session, edition=edition, user_id=user.id)
    rows = interviews.visible_to(session=session, edition=edition, user=user)
    context = {
        "edition": edition,
        "kit": press.kit(session=session, edition=edition),
        "requests": [interviews.to_out(session=session, row=r) for r in rows],
        "local": local,
        "form": {},
        "done": request.query_params.get("done", ""),
        **extra,
    }
    return render(request, "expo/press_kit.html", context, status_code=status)


@router.get("/expo/{year}/press/kit")
def kit_page(request: Request, year: int, user: OptionalUser, session: SessionDep) -> Response:
    """Show the press kit to approved journalists, with their interview requests."""
    denied = refused(request, user, None)
    if denied is not None or user is None:
        return denied or Response(status_code=500)
    try:
        return _kit(request, session, year, user, {})
    except CasaError as exc:
        context = {
            "edition": editions.get_edition(session=session, year=year),
            **error_context(request, exc),
        }
        return render(request, "expo/press_denied.html", context, status_code=exc.status)


@router.post("/expo/{year}/press/interviews")
async def ask_interview(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    """Ask a speaker for an interview from the press kit."""
    denied = refused(request, user, "expo:press")
    if denied is not None or user is None:
        return denied or Response(status_code=500)
    raw = await request.form()
    form = {k: str(raw.get(k) or "").strip() for k in ("speaker", "topic", "from", "to")}
    try:
        slots = []
        if form["from"] or form["to"]:
            slots.append(SlotIn(starts_at=_at(form["from"], "from"), ends_at=_at(form["to"], "to")))
        try:
            data = InterviewIn(speaker=form["speaker"], topic=form["topic"], preferred=slots)
        except ValidationError as exc:
            raise invalid(exc) from None
        edition = editions.get_edition(session=session, year=year)
        interviews.ask(
            session=session,
            edition=edition,
            user=user,
            data=data,
            now=clock(),
            mailer=mailer_for(settings),
        )
    except CasaError as exc:
        session.rollback()
        return _kit(
            request, session, year, user, {"form": form, **error_context(request, exc)}, 422
        )
    return RedirectResponse(f"/expo/{year}/press/kit?done=asked", status_code=303)


def _answers(
    request: Request,
    session: Session,
    year: int,
    user: User,
    extra: dict[str, Any],
    status: int = 200,
) -> Response:
    edition = editions.get_edition(session=session, year=year)
    rows = interviews.visible_to(session=session, edition=edition, user=user)
    context = {
        "edition": edition,
        "requests": [
            (
                interviews.to_out(session=session, row=r),
                interviews.may_answer(session=session, user=user, row=r),
            )
            for r in rows
        ],
        "venues": list(editions.venues_by_id(session=session).values()),
        "local": local,
        "done": request.query_params.get("done", ""),
        **extra,
    }
    return render(request, "expo/press_interviews.html", context, status_code=status)


@router.get("/expo/{year}/press/interviews")
def interviews_page(
    request: Request, year: int, user: OptionalUser, session: SessionDep
) -> Response:
    """Show the interview requests a speaker or an organizer may answer."""
    denied = refused(request, user, None)
    if denied is not None or user is None:
        return denied or Response(status_code=500)
    return _answers(request, session, year, user, {})


@router.post("/expo/{year}/press/interviews/{ident}/{answer}")
async def answer_interview(
    request: Request,
    year: int,
    ident: int,
    answer: str,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    """Accept a request with a slot and a place, or decline it with a reason."""
    denied = refused(request, user, None)
    if denied is not None or user is None:
        return denied or Response(status_code=500)
    raw = await request.form()
    form = {
        k: str(raw.get(k) or "").strip()
        for k in ("starts_at", "duration_min", "venue", "place", "reason")
    }
    mailer = mailer_for(settings)
    try:
        edition = editions.get_edition(session=session, year=year)
        if answer == "accept":
            try:
                data = AcceptIn(
                    starts_at=_at(form["starts_at"], "starts_at"),
                    duration_min=int(form["duration_min"] or 30),
                    venue=form["venue"],
                    place=form["place"],
                )
            except ValidationError as exc:
                raise invalid(exc) from None
            except ValueError:
                raise InvalidField(field="duration_min") from None
            interviews.accept(
                session=session,
                settings=settings,
                edition=edition,
                user=user,
                ident=ident,
                data=data,
                now=clock(),
                mailer=mailer,
            )
        else:
            interviews.decline(
                session=session,
                edition=edition,
                user=user,
                ident=ident,
                reason=form["reason"],
                now=clock(),
                mailer=mailer,
            )
    except CasaError as exc:
        session.rollback()
        extra = {"answering": ident, **error_context(request, exc)}
        return _answers(request, session, year, user, extra, status=exc.status)
    return RedirectResponse(f"/expo/{year}/press/interviews?done={answer}", status_code=303)
