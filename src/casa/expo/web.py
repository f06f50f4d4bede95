"""Pages of the Expo: the public programme, speakers, registration, your ticket, the figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.core.deps import ClockDep, SessionDep, SettingsDep
from casa.core.errors import CasaError
from casa.core.i18n import gettext
from casa.core.templating import error_context, login_redirect, render, templates
from casa.expo import (
    badges,
    editions,
    kpis,
    pages,
    registration,
    web_delegations,
    web_exhibitors,
    web_staff,
)
from casa.expo.exceptions import InvalidField, ThingNotFound
from casa.expo.mail import mailer_for
from casa.expo.models import Category
from casa.expo.schemas import RegistrationIn

router = APIRouter(include_in_schema=False)
router.include_router(web_staff.router)
router.include_router(web_delegations.router)
router.include_router(web_exhibitors.router)
templates().env.globals.update(
    expo_kinds=pages.KIND_LABELS,
    expo_categories=registration.CATEGORY_LABELS,
    expo_statuses=pages.STATUS_LABELS,
)
FORM_FIELDS = ("category", "name", "email", "organisation", "city", "country", "press_card")


@router.get("/expo")
def latest(session: SessionDep) -> Response:
    """Open the programme of the latest edition."""
    listed = editions.list_editions(session=session)
    if not listed:
        return RedirectResponse("/expo/figures", status_code=303)
    return RedirectResponse(f"/expo/{listed[-1].year}", status_code=303)


@router.get("/expo/figures")
def figures(request: Request, session: SessionDep) -> Response:
    """Compare the figures of every edition, in bars and in a table."""
    checkins = kpis.checkins_of_editions(session=session)
    return render(
        request, "expo/figures.html", {**pages.comparison(session=session), "checkins": checkins}
    )


@router.get("/expo/{year}")
def programme_page(
    request: Request,
    year: int,
    session: SessionDep,
    venue: Annotated[str, Query(max_length=80)] = "",
    track: Annotated[str, Query(max_length=80)] = "",
) -> Response:
    """Show the published programme by day, filtered by venue or track."""
    edition = editions.get_edition(session=session, year=year)
    slots = pages.published_slots(session=session, edition=edition)
    venues = sorted({s.venue.slug: s.venue for s in slots}.values(), key=lambda v: v.name)
    tracks = sorted(
        {s.track.slug: s.track for s in slots if s.track}.values(), key=lambda t: t.name
    )
    shown = [
        s
        for s in slots
        if (not venue or s.venue.slug == venue)
        and (not track or (s.track and s.track.slug == track))
    ]
    context = {
        "edition": edition,
        "days": pages.by_day(shown),
        "venues": venues,
        "tracks": tracks,
        "venue": venue,
        "track": track,
        "speakers": pages.speakers_of(session=session, edition=edition),
    }
    return render(request, "expo/programme.html", context)


@router.get("/expo/{year}/sessions/{code}")
def session_page(request: Request, year: int, code: str, session: SessionDep) -> Response:
    """Show one published session with its speakers."""
    edition = editions.get_edition(session=session, year=year)
    slot = next(
        (
            s
            for s in pages.published_slots(session=session, edition=edition)
            if s.session.code == code
        ),
        None,
    )
    if slot is None:
        raise ThingNotFound(kind="session", ref=code, field="code")
    context = {
        "edition": edition,
        "slot": slot,
        "speakers": pages.speakers_of(session=session, edition=edition),
    }
    return render(request, "expo/session.html", context)


@router.get("/expo/{year}/speakers/{code}")
def speaker_page(request: Request, year: int, code: str, session: SessionDep) -> Response:
    """Show a speaker and the published sessions they take part in."""
    edition = editions.get_edition(session=session, year=year)
    speaker = pages.speakers_of(session=session, edition=edition).get(code)
    if speaker is None:
        raise ThingNotFound(kind="speaker", ref=code, field="code")
    slots = [
        s
        for s in pages.published_slots(session=session, edition=edition)
        if any(ref["speaker"] == code for ref in s.session.speakers)
    ]
    return render(
        request, "expo/speaker.html", {"edition": edition, "speaker": speaker, "slots": slots}
    )


@router.get("/expo/{year}/register")
def register_form(request: Request, year: int, user: OptionalUser, session: SessionDep) -> Response:
    """Show the registration form (or your registration, once you have one)."""
    if user is None:
        return login_redirect(request)
    edition = editions.get_edition(session=session, year=year)
    if registration.of_user(session=session, edition=edition, user_id=user.id) is not None:
        return RedirectResponse(f"/expo/{year}/ticket", status_code=303)
    form = {"name": user.name, "email": user.email, "category": "professional"}
    return render(request, "expo/register.html", {"edition": edition, "form": form})


@router.post("/expo/{year}/register")
async def register(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
) -> Response:
    """Register from the form; the confirmation page shows the ticket."""
    if user is None:
        return login_redirect(request)
    edition = editions.get_edition(session=session, year=year)
    raw = await request.form()
    form = {k: str(raw.get(k) or "").strip() for k in FORM_FIELDS}
    try:
        data = _registration_in(form, consent=raw.get("consent") == "yes")
        data.share_with_exhibitors = raw.get("share_with_exhibitors") == "yes"
        registration.register(
            session=session,
            edition=edition,
            data=data,
            now=clock(),
            user_id=user.id,
            mailer=mailer_for(settings),
            lang=str(request.state.lang),
        )
    except CasaError as exc:
        session.rollback()
        context = {"edition": edition, "form": form, **error_context(request, exc)}
        return render(request, "expo/register.html", context, status_code=422)
    return RedirectResponse(f"/expo/{year}/ticket", status_code=303)


def _registration_in(form: dict[str, str], *, consent: bool) -> RegistrationIn:
    try:
        return RegistrationIn(
            **{k: (v or None) for k, v in form.items() if k in FORM_FIELDS},
            consent=consent,
        )
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "name"
        raise InvalidField(field=field) from None


def _mine(request: Request, year: int, user_id: int, session: Any, now: Any) -> dict[str, Any]:
    edition = editions.get_edition(session=session, year=year)
    row = registration.of_user(session=session, edition=edition, user_id=user_id)
    if row is None:
        raise ThingNotFound(kind="registration", ref=str(year), field="year")
    out = registration.to_out(session=session, edition=edition, registration=row, now=now)
    category = session.get(Category, row.category_id)
    return {"edition": edition, "registration": row, "out": out, "category": category}


@router.get("/expo/{year}/ticket")
def ticket_page(
    request: Request, year: int, user: OptionalUser, session: SessionDep, clock: ClockDep
) -> Response:
    """Show your registration and, once confirmed, your ticket's QR code and badge."""
    if user is None:
        return login_redirect(request)
    context = _mine(request, year, user.id, session, clock())
    secret = context["out"].secret
    context["qr"] = (
        badges.qr_svg(secret, title=gettext("Ticket", request.state.lang)) if secret else None
    )
    return render(request, "expo/ticket.html", context)


@router.get("/expo/{year}/ticket/badge.pdf")
def badge(
    request: Request, year: int, user: OptionalUser, session: SessionDep, clock: ClockDep
) -> Response:
    """Return your printable A6 badge."""
    if user is None:
        return login_redirect(request)
    context = _mine(request, year, user.id, session, clock())
    out, category = context["out"], context["category"]
    if out.secret is None:
        raise ThingNotFound(kind="ticket", ref=str(year), field="year")
    pdf = badges.badge_pdf(
        name=out.name,
        organisation=context["registration"].organisation,
        category=gettext(registration.CATEGORY_LABELS[category.code], request.state.lang),
        color=category.color,
        secret=out.secret,
        edition_title=context["edition"].title,
    )
    headers = {"Content-Disposition": f'inline; filename="badge-{year}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
