"""JSON API of transit: the GTFS feed, lines, stops, departures and journeys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from casa.core.deps import ClockDep, SessionDep
from casa.transit import feed, service
from casa.transit.exceptions import BothTimes
from casa.transit.schemas import (
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
        origin=pa, destination=pb, journeys=[journey_out(j, pa, pb, routes) for j in found]
    )
