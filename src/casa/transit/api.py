"""JSON API of transit: the GTFS feed, lines, stops, departures and journeys."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse

from casa.accounts.deps import require
from casa.accounts.models import User
from casa.core import system
from casa.core.deps import ClockDep, LanguageDep, SessionDep
from casa.transit import alerts, feed, service
from casa.transit import lines as line_views
from casa.transit.exceptions import BothTimes
from casa.transit.schemas import (
    AlertIn,
    AlertOut,
    DepartureOut,
    DeparturesOut,
    JourneysOut,
    LineDetail,
    LineOut,
    PlaceOut,
    StopOut,
    journey_out,
)
from casa.transit.timetable import WalkParams

router = APIRouter(prefix="/api/v1/transit", tags=["transit"])

AlertPoster = Annotated[User, Depends(require("transit:alerts"))]
GEOJSON = "application/geo+json"

system.PUBLIC_CHANNELS.add(alerts.CHANNEL)


@router.get(
    "/feed.zip", response_class=Response, responses={200: {"content": {"application/zip": {}}}}
)
def feed_zip() -> Response:
    """Download the tram and busway network as GTFS (© OpenStreetMap contributors, ODbL)."""
    return Response(
        feed.build_zip(),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="casablanca-gtfs.zip"'},
    )


@router.get("/lines", response_model=list[LineOut])
def lines(session: SessionDep) -> list[LineOut]:
    """List the lines of the loaded network."""
    net = service.network(session=session)
    return [LineOut.of(r) for r in net.schedule.routes.values()]


@router.get("/lines/{line_id}", response_model=LineDetail)
def line(line_id: str, session: SessionDep) -> LineDetail:
    """Show a line with its stops in order, in each direction."""
    net = service.network(session=session)
    route = service.route_of(net, line_id)
    directions = service.line_stops(net, line_id)
    return LineDetail(
        **LineOut.of(route).model_dump(),
        directions={d: [StopOut.of(s) for s in stops] for d, stops in directions.items()},
    )


@router.get("/stops", response_model=list[StopOut])
def stops(session: SessionDep) -> list[StopOut]:
    """List the stops and stations of the loaded network."""
    net = service.network(session=session)
    return [StopOut.of(s) for s in net.schedule.stops.values()]


@router.get("/stops/{stop_id}", response_model=StopOut)
def stop(stop_id: str, session: SessionDep) -> StopOut:
    """Show a stop or station."""
    return StopOut.of(service.stop_of(service.network(session=session), stop_id))


@router.get("/stops/{stop_id}/departures", response_model=DeparturesOut)
def departures(
    stop_id: str,
    session: SessionDep,
    clock: ClockDep,
    at: Annotated[str | None, Query(description="HH:MM or ISO date-time; now by default")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> DeparturesOut:
    """List the next departures at a stop or station, by time, as the calendar runs that day."""
    when = service.parse_when(at, now=clock())
    found, deps = service.departures(session=session, stop_id=stop_id, when=when, limit=limit)
    return DeparturesOut(stop=StopOut.of(found), departures=[DepartureOut.of(d) for d in deps])


@router.get("/journeys", response_model=JourneysOut)
def journeys(
    session: SessionDep,
    clock: ClockDep,
    lang: LanguageDep,
    origin: Annotated[
        str,
        Query(
            alias="from",
            min_length=1,
            max_length=200,
            description="lat,lon, a stop id, or a stop or place name",
        ),
    ],
    destination: Annotated[str, Query(alias="to", min_length=1, max_length=200)],
    depart_at: Annotated[str | None, Query(description="HH:MM or ISO date-time")] = None,
    arrive_by: Annotated[str | None, Query(description="HH:MM or ISO date-time")] = None,
    window_min: Annotated[
        int, Query(ge=0, le=240, description="leave any time in this window")
    ] = 0,
    walk_speed_kmh: Annotated[float, Query(ge=2.0, le=8.0)] = 4.5,
    max_walk_m: Annotated[int, Query(ge=0, le=2000)] = 800,
) -> JourneysOut:
    """Plan journeys: leaving at a time (or within a window), or arriving by a time."""
    if depart_at and arrive_by:
        raise BothTimes()
    when = service.parse_when(arrive_by or depart_at, now=clock())
    params = WalkParams(speed_mps=walk_speed_kmh / 3.6, max_walk_m=float(max_walk_m))
    a, b, found = service.plan(
        session=session,
        origin=origin,
        destination=destination,
        when=when,
        arrive_by=arrive_by is not None,
        window_min=window_min,
        params=params,
    )
    routes = service.network(session=session).schedule.routes
    pa, pb = PlaceOut.of(a), PlaceOut.of(b)
    return JourneysOut(
        origin=pa, destination=pb, journeys=[journey_out(j, pa, pb, routes, lang) for j in found]
    )


@router.get(
    "/lines.geojson",
    response_class=JSONResponse,
    responses={200: {"content": {GEOJSON: {}}}},
)
def lines_geojson(session: SessionDep) -> JSONResponse:
    """Draw the lines as GeoJSON, one LineString per line and direction, in the line's colour."""
    net = service.network(session=session)
    return JSONResponse(line_views.lines_geojson(net), media_type=GEOJSON)


@router.get(
    "/stops.geojson",
    response_class=JSONResponse,
    responses={200: {"content": {GEOJSON: {}}}},
)
def stops_geojson(session: SessionDep) -> JSONResponse:
    """Draw the stops as GeoJSON points, with the lines that call at each."""
    net = service.network(session=session)
    return JSONResponse(line_views.stops_geojson(net), media_type=GEOJSON)


@router.get("/alerts", response_model=list[AlertOut])
def list_alerts(session: SessionDep, clock: ClockDep) -> list[AlertOut]:
    """List the service alerts in force or coming, soonest first."""
    return [AlertOut.of(a) for a in alerts.current_and_coming(session=session, now=clock())]


@router.get("/alerts/gtfs-rt.json")
def alerts_gtfs_realtime(session: SessionDep, clock: ClockDep) -> dict[str, Any]:
    """Give the alerts in force or coming as a GTFS-realtime FeedMessage (JSON form)."""
    now = clock()
    found = alerts.current_and_coming(session=session, now=now)
    return alerts.gtfs_realtime(found, now=now, agency_id=feed.AGENCY_ID)


@router.post(
    "/alerts",
    status_code=status.HTTP_201_CREATED,
    response_model=AlertOut,
    summary="Post a service alert",
    responses={401: {"description": "not signed in"}, 403: {"description": "no transit:alerts"}},
)
def post_alert(
    request: Request, data: AlertIn, user: AlertPoster, session: SessionDep, clock: ClockDep
) -> AlertOut:
    """Post a disruption of lines or stops; closed stops are avoided by the planner at once."""
    schedule = service.network(session=session).schedule
    alert = alerts.post_alert(
        session=session, data=data, schedule=schedule, now=clock(), posted_by_id=user.id
    )
    # Listeners may read the alert as soon as they hear of it: tell them only what is committed.
    session.commit()
    request.app.state.bus.publish_sync(alerts.CHANNEL, alerts.alert_event("posted", alert))
    return AlertOut.of(alert)


@router.delete(
    "/alerts/{alert_id}",
    response_model=AlertOut,
    summary="Remove a service alert",
    responses={404: {"description": "no such alert"}},
)
def delete_alert(
    request: Request,
    alert_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    user: AlertPoster,
    session: SessionDep,
) -> AlertOut:
    """Remove an alert (posted by mistake, or over early); return it."""
    alert = alerts.remove_alert(session=session, alert_id=alert_id)
    session.commit()
    request.app.state.bus.publish_sync(alerts.CHANNEL, alerts.alert_event("removed", alert))
    return AlertOut.of(alert)
