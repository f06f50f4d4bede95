"""Pages of IPARK: the live map and search, a site, booking, my reservations, owners, concierges."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.accounts.permissions import grants
from casa.core.clock import CASABLANCA, local
from casa.core.deps import BusDep, ClockDep, SessionDep, SettingsDep
from casa.core.errors import CasaError
from casa.core.templating import error_context, login_redirect, render, templates
from casa.parking import forecast, hours, reservations, search, sites, web_garages
from casa.parking.exceptions import InvalidSearch, NoForecast, NotYourGarage
from casa.parking.forecast_schemas import ForecastOut
from casa.parking.ingest import CHANNEL
from casa.parking.schemas import ReservationIn, SearchResult
from casa.parking.tariffs import price_of_stay

router = APIRouter(include_in_schema=False)
router.include_router(web_garages.router)

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
            context.update(error_context(request, exc))
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
    # The booking form offers the first quarter hour, half an hour from now or later, that the
    # site is open for a whole hour.
    first = (now + timedelta(minutes=30)).replace(second=0, microsecond=0)
    first -= timedelta(minutes=first.minute % 15)
    start = hours.next_window(described.opening_hours, first, timedelta(hours=1)) or first
    week = hours.week(described.opening_hours, local(now).date())
    day_names = list(DAY_LABELS.values())
    return {
        "site": described,
        "week": [{"name": day_names[d.weekday()], "spans": spans} for d, spans in week],
        "always_open": all(spans == [("00:00", "24:00")] for _day, spans in week),
        "chart": graph,
        "price_1h": price_of_stay(described.tariff, now, now + timedelta(hours=1)),
        "default_start": local(start).replace(tzinfo=None),
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
        context = {**_site_context(request, session, ref, now), **error_context(request, exc)}
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
        return login_redirect(request)
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
        return login_redirect(request)
    done = reservations.cancel(session=session, ref=ref, user_id=user.id, now=clock())
    site_id = done.site_id
    session.commit()
    bus.publish_sync(CHANNEL, {"type": "released", "site_id": site_id})
    return RedirectResponse("/parking/reservations", status_code=303)
