"""Pages of the trade show: exhibitor directory and profiles, the floor plan, lead scanning."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.accounts.models import User
from casa.accounts.permissions import grants
from casa.core.clock import local
from casa.core.deps import ClockDep, SessionDep
from casa.core.errors import CasaError
from casa.core.templating import error_context, render, templates
from casa.expo import booths, editions, exhibitors, floorplan, leads, registration
from casa.expo.exceptions import InvalidField, ThingNotFound
from casa.expo.exceptions_exhibitors import NoExhibitorOfYours
from casa.expo.models import Edition
from casa.expo.models.exhibitors import Exhibitor
from casa.expo.schemas_exhibitors import LeadNoteIn, ProfileIn
from casa.expo.web_press import refused

router = APIRouter(include_in_schema=False)
templates().env.globals.update(
    expo_exhibitor_kinds=exhibitors.KIND_LABELS,
    expo_sectors=exhibitors.SECTOR_LABELS,
    expo_booth_kinds=booths.BOOTH_KIND_LABELS,
)
OUTCOMES = {"new", "again"}


@router.get("/expo/{year}/exhibitors")
def directory(
    request: Request,
    year: int,
    session: SessionDep,
    kind: Annotated[str, Query(max_length=16)] = "",
    sector: Annotated[str, Query(max_length=24)] = "",
) -> Response:
    """List the exhibitors, filtered by kind (the startup village) and sector."""
    edition = editions.get_edition(session=session, year=year)
    kind = kind if kind in exhibitors.KIND_LABELS else ""
    sector = sector if sector in exhibitors.SECTOR_LABELS else ""
    rows = exhibitors.directory(session=session, edition=edition, kind=kind, sector=sector)
    context = {
        "edition": edition,
        "exhibitors": exhibitors.describe(session=session, rows=rows),
        "kind": kind,
        "sector": sector,
        "halls": booths.halls_of(session=session, edition=edition),
    }
    return render(request, "expo/exhibitors_directory.html", context)


@router.get("/expo/{year}/exhibitors/{slug}")
def profile(request: Request, year: int, slug: str, session: SessionDep) -> Response:
    """Show an exhibitor's profile and its booth highlighted on the floor plan."""
    edition = editions.get_edition(session=session, year=year)
    row = exhibitors.get_exhibitor(session=session, edition=edition, slug=slug)
    halls = floorplan.halls_of_exhibitor(session=session, edition=edition, exhibitor=row)
    context = {
        "edition": edition,
        "exhibitor": exhibitors.describe(session=session, rows=[row])[0],
        "plans": [
            floorplan.draw(session=session, edition=edition, hall=h, highlight=slug) for h in halls
        ],
    }
    return render(request, "expo/exhibitors_profile.html", context)


def _plan_context(
    session: Session, edition: Edition, hall_slug: str, user: User | None
) -> dict[str, Any]:
    halls = booths.halls_of(session=session, edition=edition)
    if not halls:
        raise ThingNotFound(kind="hall", ref=hall_slug or str(edition.year), field="hall")
    hall = next((h for h in halls if h.slug == hall_slug), halls[0])
    organizer = user is not None and grants(user.roles, "expo:organize")
    return {
        "edition": edition,
        "halls": halls,
        "plan": floorplan.draw(session=session, edition=edition, hall=hall),
        "organizer": organizer,
        "choices": exhibitors.describe(
            session=session, rows=exhibitors.directory(session=session, edition=edition)
        )
        if organizer
        else [],
    }


@router.get("/expo/{year}/floor-plan")
def plan_page(
    request: Request,
    year: int,
    user: OptionalUser,
    session: SessionDep,
    hall: Annotated[str, Query(max_length=80)] = "",
) -> Response:
    """Show a hall's floor plan: booths coloured by who holds them, a legend and a table."""
    edition = editions.get_edition(session=session, year=year)
    context = _plan_context(session, edition, hall, user)
    context["done"] = request.query_params.get("done", "")
    return render(request, "expo/exhibitors_plan.html", context)


@router.post("/expo/{year}/floor-plan/allocation")
async def allocate(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
    hall: Annotated[str, Form(max_length=80)] = "",
    booth: Annotated[str, Form(max_length=16)] = "",
    exhibitor: Annotated[str, Form(max_length=80)] = "",
    release: Annotated[str, Form(max_length=4)] = "",
) -> Response:
    """Allocate a booth to an exhibitor, or release it, from the floor plan."""
    denied = refused(request, user, "expo:organize")
    if denied is not None:
        return denied
    edition = editions.get_edition(session=session, year=year)
    try:
        row = booths.get_booth(session=session, edition=edition, code=booth)
        if release:
            booths.release(session=session, booth=row)
        else:
            holder = exhibitors.get_exhibitor(session=session, edition=edition, slug=exhibitor)
            booths.allocate(session=session, booth=row, exhibitor=holder, now=clock())
    except CasaError as exc:
        session.rollback()
        context = {**_plan_context(session, edition, hall, user), **error_context(request, exc)}
        return render(request, "expo/exhibitors_plan.html", context, status_code=422)
    done = "released" if release else "allocated"
    query = urlencode({"hall": hall, "done": done})
    return RedirectResponse(f"/expo/{year}/floor-plan?{query}", status_code=303)


def _mine(
    request: Request, session: Session, edition: Edition, user: User, slug: str
) -> tuple[list[Exhibitor], Exhibitor]:
    mine = exhibitors.of_user(session=session, edition=edition, user_id=user.id)
    if not mine:
        raise NoExhibitorOfYours()
    current = next((e for e in mine if e.slug == slug), None) if slug else mine[0]
    if current is None:
        found = exhibitors.get_exhibitor(session=session, edition=edition, slug=slug)
        exhibitors.require_staff(session=session, exhibitor=found, user_id=user.id)
        current = found
    return mine, current


def _leads_page(
    request: Request,
    session: Session,
    edition: Edition,
    user: User,
    slug: str,
    extra: dict[str, Any],
    status: int = 200,
) -> Response:
    try:
        mine, current = _mine(request, session, edition, user, slug)
    except CasaError as exc:
        context = {"edition": edition, **error_context(request, exc)}
        return render(request, "expo/exhibitors_leads.html", context, status_code=exc.status)
    rows = leads.leads_of(session=session, exhibitor=current)
    last_id = extra.pop("last_id", 0)
    # Only a lead of this stand is echoed back: another stand's lead id shows nothing.
    last = next((r for r in rows if r.id == last_id), None) if extra.get("outcome") else None
    context = {
        "last": last,
        "edition": edition,
        "mine": mine,
        "exhibitor": current,
        "leads": rows,
        "counts": leads.counts(session=session, exhibitor=current),
        "local": local,
        **extra,
    }
    return render(request, "expo/exhibitors_leads.html", context, status_code=status)


@router.get("/expo/{year}/leads")
def leads_page(
    request: Request,
    year: int,
    user: OptionalUser,
    session: SessionDep,
    exhibitor: Annotated[str, Query(max_length=80)] = "",
    lead: Annotated[int, Query(ge=0)] = 0,
    outcome: Annotated[str, Query(max_length=8)] = "",
) -> Response:
    """Show the stand's scanner: type or scan a badge, then the leads with notes and ratings."""
    denied = refused(request, user, "expo:exhibit")
    if denied is not None:
        return denied
    assert user is not None
    edition = editions.get_edition(session=session, year=year)
    extra: dict[str, Any] = {
        "outcome": outcome if outcome in OUTCOMES else "",
        "last_id": lead,
        "done": request.query_params.get("done", ""),
    }
    return _leads_page(request, session, edition, user, exhibitor, extra)


@router.post("/expo/{year}/leads/scan")
async def scan(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
    exhibitor: Annotated[str, Form(max_length=80)] = "",
    code: Annotated[str, Form(max_length=400)] = "",
) -> Response:
    """Record the lead of a scanned or typed badge code."""
    denied = refused(request, user, "expo:exhibit")
    if denied is not None:
        return denied
    assert user is not None
    edition = editions.get_edition(session=session, year=year)
    try:
        current = _mine(request, session, edition, user, exhibitor)[1]
        row, created = leads.scan(
            session=session,
            edition=edition,
            exhibitor=current,
            code=code.strip(),
            user_id=user.id,
            now=clock(),
        )
    except CasaError as exc:
        session.rollback()
        extra = {**error_context(request, exc), "outcome": ""}
        return _leads_page(request, session, edition, user, exhibitor, extra, status=422)
    query = urlencode(
        {"exhibitor": current.slug, "lead": row.id, "outcome": "new" if created else "again"}
    )
    return RedirectResponse(f"/expo/{year}/leads?{query}", status_code=303)


@router.post("/expo/{year}/leads/{ident}")
async def annotate(
    request: Request,
    year: int,
    ident: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    exhibitor: Annotated[str, Form(max_length=80)] = "",
    notes: Annotated[str, Form(max_length=2000)] = "",
    rating: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    """Save a lead's notes and rating."""
    denied = refused(request, user, "expo:exhibit")
    if denied is not None:
        return denied
    assert user is not None
    edition = editions.get_edition(session=session, year=year)
    try:
        current = _mine(request, session, edition, user, exhibitor)[1]
        try:
            data = LeadNoteIn(notes=notes, rating=int(rating) if rating else None)
        except (ValidationError, ValueError):
            raise InvalidField(field="rating") from None
        row = leads.get_lead(session=session, exhibitor=current, ident=ident)
        leads.annotate(session=session, lead=row, data=data)
    except CasaError as exc:
        session.rollback()
        extra = {**error_context(request, exc), "outcome": ""}
        return _leads_page(request, session, edition, user, exhibitor, extra, status=422)
    query = urlencode({"exhibitor": current.slug})
    return RedirectResponse(f"/expo/{year}/leads?{query}#lead-{ident}", status_code=303)


@router.post("/expo/{year}/exhibitors/{slug}/profile")
async def edit_profile(
    request: Request,
    year: int,
    slug: str,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    website: Annotated[str, Form(max_length=300)] = "",
    description: Annotated[str, Form(max_length=5000)] = "",
    description_lang: Annotated[str, Form(max_length=2)] = "fr",
    logo_url: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """Save what the company's public profile says, from the stand's page."""
    denied = refused(request, user, "expo:exhibit")
    if denied is not None:
        return denied
    assert user is not None
    edition = editions.get_edition(session=session, year=year)
    try:
        current = _mine(request, session, edition, user, slug)[1]
        try:
            data = ProfileIn.model_validate(
                {
                    "website": website or None,
                    "description": description,
                    "description_lang": description_lang,
                    "logo_url": logo_url or None,
                }
            )
        except ValidationError as exc:
            loc = exc.errors()[0]["loc"]
            raise InvalidField(field=str(loc[0]) if loc else "description") from None
        exhibitors.update_profile(session=session, exhibitor=current, data=data)
    except CasaError as exc:
        session.rollback()
        extra = {**error_context(request, exc), "outcome": "", "error_field": exc.field}
        return _leads_page(request, session, edition, user, slug, extra, status=422)
    query = urlencode({"exhibitor": current.slug, "done": "profile"})
    return RedirectResponse(f"/expo/{year}/leads?{query}#profile", status_code=303)


@router.post("/expo/{year}/ticket/exhibitors")
async def consent(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
    share: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    """Give or withdraw the consent to share your details with the exhibitors who scan you."""
    if user is None:
        return RedirectResponse(f"/login?next=/expo/{year}/ticket", status_code=303)
    edition = editions.get_edition(session=session, year=year)
    person = registration.of_user(session=session, edition=edition, user_id=user.id)
    if person is None:
        raise ThingNotFound(kind="registration", ref=str(year), field="year")
    leads.set_consent(session=session, person=person, share=share == "yes", now=clock())
    return RedirectResponse(f"/expo/{year}/ticket#exhibitor-consent", status_code=303)
