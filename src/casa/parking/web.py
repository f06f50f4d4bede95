"""Pages of IPARK: the live map and search, a site, booking, my reservations, owners, concierges."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.accounts.models import User
from casa.accounts.permissions import grants
from casa.core.clock import CASABLANCA, local
from casa.core.deps import BusDep, ClockDep, SessionDep, SettingsDep
from casa.core.errors import CasaError
from casa.core.i18n import gettext
from casa.core.templating import render, templates
from casa.parking import forecast, garages, hours, reservations, search, sites
from casa.parking.exceptions import InvalidSearch, NoForecast, NotYourGarage
from casa.parking.forecast_schemas import ForecastOut
from casa.parking.garage_schemas import DAYS, GarageIn
from casa.parking.ingest import CHANNEL
from casa.parking.schemas import ReservationIn, SearchResult
from casa.parking.tariffs import price_of_stay

router = APIRouter(include_in_schema=False)

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
CASABLANCA_CENTRE = (33.5731, -7.5898)
CHART_W, CHART_H = 600, 160


def _(message: str) -> str:
    """Mark a msgid for extraction; templates translate it when shown."""
    return message


STATUS_LABELS = {
    "confirmed": _("Confirmed"),
    "arrived": _("Arrived"),
    "cancelled": _("Cancelled"),
    "expired": _("Expired"),
}
DAY_LABELS = {
    "Mo": _("Monday"),
    "Tu": _("Tuesday"),
    "We": _("Wednesday"),
    "Th": _("Thursday"),
    "Fr": _("Friday"),
    "Sa": _("Saturday"),
    "Su": _("Sunday"),
}
templates().env.globals.update(
    parking_local=local, parking_status_labels=STATUS_LABELS, parking_day_labels=DAY_LABELS
)


def _problem(request: Request, exc: CasaError) -> dict[str, Any]:
    lang = str(request.state.lang)
    return {
        "error": gettext(exc.title, lang),
        "error_detail": exc.describe(lang),
        "error_field": exc.field,
    }


def _login(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


@router.get("/parking")
def parking_map(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    place: Annotated[str | None, Query(max_length=120)] = None,
    near: Annotated[str | None, Query(max_length=60)] = None,
    radius_m: Annotated[str, Query(max_length=6)] = "800",
    stay_minutes: Annotated[str, Query(max_length=6)] = "60",
    sort: Annotated[str, Query(max_length=10)] = "best",
) -> Response:
    """Show the live map of sites and the search by destination."""
    context: dict[str, Any] = {
        "place": place or "",
        "near": near or "",
        "radius_m": radius_m,
        "stay_minutes": stay_minutes,
        "sort": sort,
        "result": None,
        "tile_url": TILE_URL,
        "centre": CASABLANCA_CENTRE,
        "channel": CHANNEL,
    }
    status = 200
    if place or near:
        try:
            origin, label = search.resolve_origin(session=session, near=near, place=place)
            result: SearchResult = search.search(
                session=session,
                origin=origin,
                now=clock(),
                radius_m=_int(radius_m, "radius_m", 50, 5000),
                stay_minutes=_int(stay_minutes, "stay_minutes", 15, 7 * 24 * 60),
                sort=sort,
                detour=settings.travel_detour_factor,
                place=label,
            )
            context["result"] = result
        except CasaError as exc:
            context.update(_problem(request, exc))
            status = 422
    return render(request, "parking/map.html", context, status_code=status)


def _int(text: str, field: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise InvalidSearch(f"{field} must be between {low} and {high}", field=field)
    return value


def chart(steps: ForecastOut, lang: str) -> dict[str, Any]:
    """Lay out the 24-hour forecast as SVG coordinates (free places over time, with a band)."""
    cap = max(1, steps.capacity)
    n = len(steps.steps)

    def xy(i: int, value: int) -> str:
        return f"{i * CHART_W / max(1, n - 1):.1f},{CHART_H - value * CHART_H / cap:.1f}"

    line = " ".join(xy(i, s.free) for i, s in enumerate(steps.steps))
    upper = [xy(i, s.high) for i, s in enumerate(steps.steps)]
    lower = [xy(i, s.low) for i, s in reversed(list(enumerate(steps.steps)))]
    ticks = [
        {"x": round(i * CHART_W / max(1, n - 1), 1), "label": f"{local(s.at):%H:%M}"}
        for i, s in enumerate(steps.steps)
        if i % 16 == 15
    ]
    return {
        "width": CHART_W,
        "height": CHART_H,
        "line": line,
        "band": " ".join(upper + lower),
        "ticks": ticks,
        "rows": [s for i, s in enumerate(steps.steps) if i % 4 == 3],
    }


def _site_context(request: Request, session: Any, ref: str, now: datetime) -> dict[str, Any]:
    site = sites.get_site(session=session, ref=ref)
    described = sites.describe(session=session, ref=ref, now=now)
    try:
        predicted = forecast.forecast(session=session, site=site, now=now)
        graph = chart(predicted, str(request.state.lang))
    except NoForecast:
        graph = None
    start = local(now + timedelta(minutes=30)).replace(second=0, microsecond=0, tzinfo=None)
    return {
        "site": described,
        "chart": graph,
        "price_1h": price_of_stay(described.tariff, now, now + timedelta(hours=1)),
        "default_start": start.replace(minute=start.minute - start.minute % 15),
        "channel": CHANNEL,
    }


@router.get("/parking/sites/{ref}")
def site_page(request: Request, ref: str, session: SessionDep, clock: ClockDep) -> Response:
    """Show a site: live count, tariff, hours, the 24-hour forecast and the booking form."""
    return render(request, "parking/site.html", _site_context(request, session, ref, clock()))


@router.post("/parking/sites/{ref}/book")
def book(
    request: Request,
    ref: str,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
    bus: BusDep,
    starts_at: Annotated[str, Form(max_length=20)] = "",
    stay_minutes: Annotated[str, Form(max_length=6)] = "60",
    plate: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """Book a place at a site from its page."""
    if user is None:
        return RedirectResponse(f"/login?next=/parking/sites/{quote(ref)}", status_code=303)
    now = clock()
    try:
        if not grants(user.roles, "parking:reserve"):
            raise NotYourGarage("your account may not book places")
        data = _reservation(ref, starts_at, stay_minutes, plate)
        reservations.expire_overdue(session=session, now=now)
        reservations.create(
            session=session, user_id=user.id, user_email=user.email, data=data, now=now
        )
    except CasaError as exc:
        session.rollback()
        context = {**_site_context(request, session, ref, now), **_problem(request, exc)}
        context.update(form_start=starts_at, form_stay=stay_minutes, form_plate=plate)
        return render(request, "parking/site.html", context, status_code=422)
    # Listeners re-read the site on an event: announce only what is committed.
    session.commit()
    bus.publish_sync(CHANNEL, {"type": "held", "site": ref})
    return RedirectResponse("/parking/reservations", status_code=303)


def _reservation(ref: str, starts_at: str, stay_minutes: str, plate: str) -> ReservationIn:
    try:
        start = datetime.fromisoformat(starts_at)
    except ValueError:
        raise InvalidSearch("give the arrival as a date and time", field="starts_at") from None
    if start.tzinfo is None:
        start = start.replace(tzinfo=CASABLANCA)
    try:
        return ReservationIn(
            site=ref, starts_at=start, stay_minutes=int(stay_minutes), plate=plate or None
        )
    except (ValidationError, ValueError):
        raise InvalidSearch(
            "the stay must last between 15 minutes and 14 days", field="stay_minutes"
        ) from None


@router.get("/parking/reservations")
def my_reservations(
    request: Request, user: OptionalUser, session: SessionDep, clock: ClockDep
) -> Response:
    """Show your reservations."""
    if user is None:
        return _login(request)
    mine = [
        reservations.to_out(session=session, reservation=r)
        for r in reservations.of_user(session=session, user_id=user.id)
    ]
    return render(request, "parking/reservations.html", {"reservations": mine, "now": clock()})


@router.post("/parking/reservations/{ref}/cancel")
def cancel(
    ref: str,
    _: CsrfProtected,
    request: Request,
    user: OptionalUser,
    session: SessionDep,
    clock: ClockDep,
    bus: BusDep,
) -> Response:
    """Cancel one of your reservations from the list."""
    if user is None:
        return _login(request)
    done = reservations.cancel(session=session, ref=ref, user_id=user.id, now=clock())
    site_id = done.site_id
    session.commit()
    bus.publish_sync(CHANNEL, {"type": "released", "site_id": site_id})
    return RedirectResponse("/parking/reservations", status_code=303)


def _owner_or_login(request: Request, user: User | None) -> Response | None:
    if user is None:
        return _login(request)
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
        return refused or _login(request)
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
        return refused or _login(request)
    form = await request.form()
    values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    values["days"] = [str(d) for d in form.getlist("days")]  # type: ignore[assignment]
    try:
        data = _garage_in(values)
        garages.list_garage(session=session, owner_id=user.id, data=data, now=clock())
    except CasaError as exc:
        context = {**_owner_context(session, user.id, clock()), **_problem(request, exc)}
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
        return _login(request)
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
) -> Response:
    """Move the count by one tap; htmx swaps the count, a plain post reloads the page."""
    if user is None:
        return _login(request)
    garages.step_count(
        session=session,
        ref=ref,
        delta=delta,
        user_id=user.id,
        email=user.email,
        roles=user.roles,
        now=clock(),
        bus=bus,
    )
    if request.headers.get("HX-Request"):
        described = sites.describe(session=session, ref=ref, now=clock())
        return render(request, "parking/_count.html", {"site": described})
    return RedirectResponse(f"/parking/concierge/{quote(ref)}", status_code=303)
