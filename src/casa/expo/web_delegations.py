"""Pages of delegations: organizers manage them; protocol order; the logistics summary."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.accounts.models import User
from casa.core.clock import CASABLANCA, local
from casa.core.deps import ClockDep, SessionDep
from casa.core.errors import CasaError
from casa.core.templating import error_context, render, templates
from casa.expo import delegations, editions, interviews, press, web_press
from casa.expo.exceptions import InvalidField
from casa.expo.models import Category, Registration
from casa.expo.models.delegations import DelegationMember
from casa.expo.schemas_delegations import DelegationIn, DelegationPatch, MemberIn
from casa.expo.web_press import invalid, refused

router = APIRouter(include_in_schema=False)
router.include_router(web_press.router)
templates().env.globals.update(
    expo_positions=delegations.POSITION_LABELS,
    expo_rooms=delegations.ROOM_LABELS,
    expo_press_statuses=press.STATUS_LABELS,
    expo_interview_statuses=interviews.STATUS_LABELS,
)


def local_input(text: str) -> datetime | None:
    """Read a datetime-local field as a time in Casablanca."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=CASABLANCA)
    except ValueError:
        raise InvalidField(field="arrives_at") from None


def _unassigned(session: Session, edition_id: int) -> list[Registration]:
    taken = select(DelegationMember.registration_id)
    return list(
        session.scalars(
            select(Registration)
            .join(Category, Category.id == Registration.category_id)
            .where(
                Registration.edition_id == edition_id,
                Category.code == "delegation",
                Registration.status == "confirmed",
                Registration.id.not_in(taken),
            )
            .order_by(Registration.name, Registration.id)
            .limit(500)
        )
    )


def _page(
    request: Request, session: Session, year: int, extra: dict[str, Any], status: int = 200
) -> Response:
    edition = editions.get_edition(session=session, year=year)
    context = {
        "edition": edition,
        "delegations": delegations.listed(session=session, edition=edition),
        "unassigned": _unassigned(session, edition.id),
        "local": local,
        "done": request.query_params.get("done", ""),
        **extra,
    }
    return render(request, "expo/delegations_list.html", context, status_code=status)


@router.get("/expo/{year}/delegations")
def delegations_page(
    request: Request, year: int, user: OptionalUser, session: SessionDep
) -> Response:
    """Show the delegations in protocol order, with members, stays and needs, to organizers."""
    return refused(request, user, "expo:organize") or _page(request, session, year, {})


async def _act(
    request: Request, year: int, user: User | None, session: Session, action: Any
) -> Response:
    denied = refused(request, user, "expo:organize")
    if denied is not None:
        return denied
    form = {k: str(v) for k, v in (await request.form()).multi_items() if k != "csrf_token"}
    try:
        edition = editions.get_edition(session=session, year=year)
        done = action(edition, form)
    except CasaError as exc:
        session.rollback()
        return _page(request, session, year, error_context(request, exc), status=422)
    return RedirectResponse(f"/expo/{year}/delegations?done={done}", status_code=303)


@router.post("/expo/{year}/delegations")
async def create_delegation(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
) -> Response:
    """Add a delegation from the organizers' page."""

    def action(edition: Any, form: dict[str, str]) -> str:
        try:
            data = DelegationIn(
                city=form.get("city", "").strip(),
                country=form.get("country", "").strip().upper(),
                protocol_order=int(form.get("protocol_order") or 0),
            )
        except ValidationError as exc:
            raise invalid(exc) from None
        except ValueError:
            raise InvalidField(field="protocol_order") from None
        delegations.create(session=session, edition=edition, data=data, now=clock())
        return "created"

    return await _act(request, year, user, session, action)


@router.post("/expo/{year}/delegations/{ident}/order")
async def set_order(
    request: Request,
    year: int,
    ident: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
) -> Response:
    """Set a delegation's order among those whose heads hold the same rank."""

    def action(edition: Any, form: dict[str, str]) -> str:
        try:
            order = DelegationPatch(protocol_order=int(form.get("protocol_order") or 0))
        except (ValidationError, ValueError):
            raise InvalidField(field="protocol_order") from None
        delegations.set_order(
            session=session, edition=edition, ident=ident, order=order.protocol_order
        )
        return "ordered"

    return await _act(request, year, user, session, action)


@router.post("/expo/{year}/delegations/{ident}/members")
async def add_member(
    request: Request,
    year: int,
    ident: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
) -> Response:
    """Add a registered delegation member with their stay, hotel and needs."""

    def action(edition: Any, form: dict[str, str]) -> str:
        languages = [
            c for c in form.get("interpreter_languages", "").replace(",", " ").split() if c
        ]
        try:
            data = MemberIn(
                registration=int(form.get("registration") or 0),
                position=form.get("position") or "delegate",
                head=form.get("head") == "yes",
                arrives_at=local_input(form.get("arrives_at", "")),
                departs_at=local_input(form.get("departs_at", "")),
                hotel=form.get("hotel") or None,
                room_type=form.get("room_type") or None,
                interpreter_languages=languages,
                dietary=form.get("dietary") or None,
                accessibility=form.get("accessibility") or None,
            )
        except ValidationError as exc:
            raise invalid(exc) from None
        except ValueError:
            raise InvalidField(field="registration") from None
        delegations.add_member(session=session, edition=edition, ident=ident, data=data)
        return "added"

    return await _act(request, year, user, session, action)


@router.get("/expo/{year}/protocol")
def protocol_page(request: Request, year: int, user: OptionalUser, session: SessionDep) -> Response:
    """Show the delegations in protocol order, for seating and receptions."""
    denied = refused(request, user, "expo:checkin")
    if denied is not None:
        return denied
    edition = editions.get_edition(session=session, year=year)
    rows = delegations.protocol(session=session, edition=edition)
    return render(request, "expo/delegations_protocol.html", {"edition": edition, "rows": rows})


@router.get("/expo/{year}/logistics")
def logistics_page(
    request: Request, year: int, user: OptionalUser, session: SessionDep
) -> Response:
    """Show rooms per hotel per night and interpreters per language per day."""
    denied = refused(request, user, "expo:organize")
    if denied is not None:
        return denied
    edition = editions.get_edition(session=session, year=year)
    summary = delegations.logistics(session=session, edition=edition)
    return render(
        request, "expo/delegations_logistics.html", {"edition": edition, "summary": summary}
    )
