"""Pages of building garages: the owner's dashboard and sharing form, the concierge's counter."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.accounts.models import User
from casa.accounts.permissions import grants
from casa.core.deps import BusDep, ClockDep, SessionDep
from casa.core.errors import CasaError
from casa.core.templating import error_context, login_redirect, render
from casa.parking import garages, hours, sites
from casa.parking.exceptions import InvalidSearch
from casa.parking.garage_schemas import DAYS, GarageIn

router = APIRouter(include_in_schema=False)


def _owner_or_login(request: Request, user: User | None) -> Response | None:
    if user is None:
        return login_redirect(request)
    if not grants(user.roles, "parking:share"):
        return render(request, "parking/refused.html", {}, status_code=403)
    return None


@router.get("/parking/owner")
def owner_dashboard(
    request: Request, user: OptionalUser, session: SessionDep, clock: ClockDep
) -> Response:
    """Show an owner's garages with occupancy and revenue, and the form to share one."""
    refused = _owner_or_login(request, user)
    if refused is not None or user is None:
        return refused or login_redirect(request)
    return render(request, "parking/owner.html", _owner_context(session, user.id, clock()))


def _owner_context(session: Any, user_id: int, now: datetime) -> dict[str, Any]:
    return {
        "garages": garages.stats(session=session, user_id=user_id, now=now),
        "days": DAYS,
        "form": {"days": ["Mo", "Tu", "We", "Th", "Fr"], "opens": "08:00", "closes": "18:00"},
    }


@router.post("/parking/owner/garages")
async def share_garage(
    request: Request,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
) -> Response:
    """Share a garage from the owner's dashboard form."""
    refused = _owner_or_login(request, user)
    if refused is not None or user is None:
        return refused or login_redirect(request)
    form = await request.form()
    values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    values["days"] = [str(d) for d in form.getlist("days")]  # type: ignore[assignment]
    try:
        data = _garage_in(values)
        garages.list_garage(session=session, owner_id=user.id, data=data, now=clock())
    except CasaError as exc:
        context = {**_owner_context(session, user.id, clock()), **error_context(request, exc)}
        context["form"] = values
        return render(request, "parking/owner.html", context, status_code=422)
    return RedirectResponse("/parking/owner", status_code=303)


def _garage_in(values: dict[str, Any]) -> GarageIn:
    try:
        price = Decimal(values.get("price_per_hour") or "x")
    except InvalidOperation:
        raise InvalidSearch("give the price per hour", field="price_per_hour") from None
    try:
        return GarageIn.model_validate(
            {
                "name": values.get("name", ""),
                "lat": float(values.get("lat") or "nan"),
                "lon": float(values.get("lon") or "nan"),
                "address": values.get("address") or None,
                "shared_places": int(values.get("shared_places") or 0),
                "windows": [
                    {
                        "days": values.get("days") or [],
                        "opens": values.get("opens"),
                        "closes": values.get("closes"),
                    }
                ],
                "price_per_hour": price,
            }
        )
    except (ValidationError, ValueError) as exc:
        field = "name"
        if isinstance(exc, ValidationError) and exc.errors():
            field = str(exc.errors()[0]["loc"][0])
        raise InvalidSearch(
            "check the garage's name, position, places, days and hours", field=field
        ) from None


@router.get("/parking/concierge/{ref}")
def concierge(
    request: Request, ref: str, user: OptionalUser, session: SessionDep, clock: ClockDep
) -> Response:
    """Show the concierge's page: the count and big buttons to move it."""
    if user is None:
        return login_redirect(request)
    return _concierge_page(request, session, ref, user, clock())


def _concierge_page(
    request: Request, session: Any, ref: str, user: User, now: datetime, status: int = 200
) -> Response:
    site = sites.get_site(session=session, ref=ref)
    if not garages.may_count(site, user_id=user.id, email=user.email, roles=user.roles):
        return render(request, "parking/refused.html", {}, status_code=403)
    described = sites.describe(session=session, ref=ref, now=now)
    return render(
        request,
        "parking/concierge.html",
        {"site": described, "open_now": hours.is_open(site.opening_hours, now)},
        status_code=status,
    )


@router.post("/parking/concierge/{ref}")
def concierge_step(
    request: Request,
    ref: str,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
    bus: BusDep,
    delta: Annotated[int, Form(ge=-50, le=50)] = 0,
    free: Annotated[int | None, Form(ge=0, le=10_000)] = None,
) -> Response:
    """Move the count by one tap, or set it after counting (``free``); htmx swaps the count, a
    plain post reloads the page."""
    if user is None:
        return login_redirect(request)
    garages.step_count(
        session=session,
        ref=ref,
        delta=delta,
        user_id=user.id,
        email=user.email,
        roles=user.roles,
        now=clock(),
        bus=bus,
        free=free,
    )
    if request.headers.get("HX-Request"):
        described = sites.describe(session=session, ref=ref, now=clock())
        return render(request, "parking/_count.html", {"site": described})
    return RedirectResponse(f"/parking/concierge/{quote(ref)}", status_code=303)
