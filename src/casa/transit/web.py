"""Pages of transit: the journey planner, the lines, a line, and a stop's live departures."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from casa.core.clock import CASABLANCA
from casa.core.deps import ClockDep, SessionDep
from casa.core.i18n import gettext
from casa.core.templating import render
from casa.transit import alerts, service
from casa.transit import lines as line_views
from casa.transit.exceptions import InvalidDate, InvalidTime, TransitError
from casa.transit.schemas import JourneyAlertOut, LineOut, PlaceOut, StopOut, journey_out

router = APIRouter(include_in_schema=False)

#: How many departures of each line and direction a stop page shows.
PER_DIRECTION = 3


def _(message: str) -> str:
    """Mark a msgid for extraction; it is translated when rendered."""
    return message


EFFECT_LABELS = {
    "closed_stops": _("Stops closed"),
    "reduced_service": _("Reduced service"),
    "information": _("Information"),
}
FARE_TABLES = {"in force": _("Fare table in force"), "voted": _("Fare table voted")}


def hm(when: datetime) -> str:
    """Return a time as HH:MM in Casablanca."""
    return when.astimezone(CASABLANCA).strftime("%H:%M")


def when(moment: datetime) -> str:
    """Return a date and time as DD/MM HH:MM in Casablanca."""
    return moment.astimezone(CASABLANCA).strftime("%d/%m %H:%M")


def day_time(seconds: int) -> str:
    """Return seconds after midnight as HH:MM (past 24:00 as the next day's time)."""
    return f"{seconds // 3600 % 24:02d}:{seconds // 60 % 60:02d}"


def _helpers() -> dict[str, Any]:
    return {
        "hm": hm,
        "when": when,
        "day_time": day_time,
        "effects": EFFECT_LABELS,
        "fare_tables": FARE_TABLES,
    }


def _lang(request: Request) -> str:
    return str(getattr(request.state, "lang", "fr"))


def _failed(request: Request, exc: TransitError) -> Response:
    return render(
        request,
        "transit/missing.html",
        {**_helpers(), "message": exc.describe(_lang(request))},
        status_code=exc.status,
    )


@router.get("/transit")
def planner_page(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    origin: Annotated[str, Query(alias="from", max_length=200)] = "",
    destination: Annotated[str, Query(alias="to", max_length=200)] = "",
    day: Annotated[str, Query(alias="date", max_length=40)] = "",
    at: Annotated[str, Query(alias="time", max_length=40)] = "",
    mode: Annotated[str, Query(max_length=10)] = "depart",
) -> Response:
    """Plan a journey: the form, and the journeys found listed and drawn on the map."""
    lang = _lang(request)
    now = clock().astimezone(CASABLANCA)
    form = {
        "from": origin.strip(),
        "to": destination.strip(),
        "date": day.strip() or now.date().isoformat(),
        "time": at.strip() or now.strftime("%H:%M"),
        "mode": "arrive" if mode == "arrive" else "depart",
    }
    ctx: dict[str, Any] = {**_helpers(), "form": form, "searched": False, "journeys": []}
    if form["from"] and form["to"]:
        try:
            try:
                chosen = date.fromisoformat(form["date"])
            except ValueError:
                raise InvalidDate(text=form["date"]) from None
            when = service.parse_when(form["time"], now=now, day=chosen)
            a, b, found = service.plan(
                session=session,
                origin=form["from"],
                destination=form["to"],
                when=when,
                arrive_by=form["mode"] == "arrive",
            )
        except TransitError as exc:
            ctx["error"] = exc.describe(lang)
            ctx["error_field"] = _form_field(exc)
            return render(request, "transit/planner.html", ctx, status_code=exc.status)
        routes = service.network(session=session).schedule.routes
        pa, pb = PlaceOut.of(a), PlaceOut.of(b)
        journeys = [journey_out(j, pa, pb, routes, lang) for j in found]
        ctx.update(
            searched=True,
            origin=pa,
            destination=pb,
            journeys=journeys,
            map_data=[j.model_dump(mode="json", by_alias=True) for j in journeys],
        )
    elif form["from"] or form["to"]:
        ctx["error"] = _missing_end(lang, form)
        ctx["error_field"] = "to" if form["from"] else "from"
        return render(request, "transit/planner.html", ctx, status_code=422)
    return render(request, "transit/planner.html", ctx)


def _form_field(exc: TransitError) -> str | None:
    if isinstance(exc, InvalidTime):
        return "time"
    return exc.field if exc.field in ("from", "to", "date") else None


def _missing_end(lang: str, form: dict[str, str]) -> str:
    if form["from"]:
        return gettext("Say where you are going.", lang)
    return gettext("Say where you leave from.", lang)


@router.get("/transit/lines")
def lines_page(request: Request, session: SessionDep) -> Response:
    """List the tram and busway lines."""
    try:
        net = service.network(session=session)
    except TransitError as exc:
        return _failed(request, exc)
    return render(
        request,
        "transit/lines.html",
        {**_helpers(), "lines": [LineOut.of(r) for r in net.schedule.routes.values()]},
    )


@router.get("/transit/lines/{line_id}")
def line_page(request: Request, line_id: str, session: SessionDep, clock: ClockDep) -> Response:
    """Show a line: its route on a map, its stops in order, its hours and headways today."""
    now = clock()
    try:
        net = service.network(session=session)
        route = service.route_of(net, line_id)
    except TransitError as exc:
        return _failed(request, exc)
    directions = service.line_stops(net, line_id)
    today = now.astimezone(CASABLANCA).date()
    services = {s.direction: s for s in line_views.service_on(net, line_id, today)}
    line = LineOut.of(route)
    stops = {d: [StopOut.of(s) for s in found] for d, found in directions.items()}
    line_alerts = _alerts_for(
        session, net, lang=_lang(request), now=now, lines={line_id}, stops=set()
    )
    return render(
        request,
        "transit/line.html",
        {
            **_helpers(),
            "line": line,
            "directions": stops,
            "services": services,
            "today": today,
            "alerts": line_alerts,
            "map_data": {
                "line": line.model_dump(mode="json"),
                "stops": [s.model_dump(mode="json") for s in next(iter(stops.values()), [])],
            },
        },
    )


def _alerts_for(
    session: Session,
    net: service.Network,
    *,
    lang: str,
    now: datetime,
    lines: set[str],
    stops: set[str],
) -> list[JourneyAlertOut]:
    found = alerts.touching(
        alerts.current_and_coming(session=session, now=now),
        schedule=net.schedule,
        lines=lines,
        stops=stops,
        start=now,
        end=now + timedelta(days=3650),
    )
    return [JourneyAlertOut.of(a, lang) for a in found]


def _stop_departures(
    session: Session, stop_id: str, now: datetime, at: str | None
) -> dict[str, Any]:
    net = service.network(session=session)
    when = service.parse_when(at, now=now)
    stop, found = service.departures(
        session=session, stop_id=stop_id, when=when, limit=200, window_h=3
    )
    groups: dict[tuple[str, int | None, str], list[datetime]] = {}
    for dep in found:
        times = groups.setdefault((dep.route_id, dep.direction, dep.headsign), [])
        if len(times) < PER_DIRECTION:
            times.append(dep.at)
    routes = net.schedule.routes
    order = {rid: i for i, rid in enumerate(routes)}
    rows = [
        {
            "line": LineOut.of(routes[rid]) if rid in routes else None,
            "line_id": rid,
            "direction": direction,
            "headsign": headsign,
            "times": times,
        }
        for (rid, direction, headsign), times in sorted(
            groups.items(), key=lambda g: (order.get(g[0][0], 0), g[0][1] or 0)
        )
    ]
    return {"stop": StopOut.of(stop), "rows": rows, "updated": when, "at": at or "", "net": net}


AtQuery = Annotated[str | None, Query(max_length=40, description="HH:MM or ISO; now by default")]


@router.get("/transit/stops/{stop_id}")
def stop_page(
    request: Request, stop_id: str, session: SessionDep, clock: ClockDep, at: AtQuery = None
) -> Response:
    """Show a stop: its next departures by line and direction, live, and its alerts."""
    now = clock()
    try:
        ctx = _stop_departures(session, stop_id, now, at)
    except TransitError as exc:
        return _failed(request, exc)
    net: service.Network = ctx.pop("net")
    calling = line_views.lines_at_stops(net).get(stop_id, [])
    family = alerts.stop_family(net.schedule, [stop_id])
    parent = net.schedule.stops[stop_id].parent
    if parent:
        family.add(parent)
    ctx["alerts"] = _alerts_for(
        session, net, lang=_lang(request), now=now, lines=set(calling), stops=family
    )
    ctx["lines"] = [LineOut.of(net.schedule.routes[r]) for r in calling]
    return render(request, "transit/stop.html", {**_helpers(), **ctx})


@router.get("/transit/stops/{stop_id}/departures")
def stop_departures(
    request: Request, stop_id: str, session: SessionDep, clock: ClockDep, at: AtQuery = None
) -> Response:
    """Return the departures block of a stop page (refreshed by the page every 30 s)."""
    try:
        ctx = _stop_departures(session, stop_id, clock(), at)
    except TransitError as exc:
        return _failed(request, exc)
    ctx.pop("net")
    return render(request, "transit/_departures.html", {**_helpers(), **ctx})
