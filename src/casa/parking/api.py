"""JSON API of IPARK under /api/v1/parking: search, sites, observations, reservations, exports."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any, Literal
from weakref import WeakKeyDictionary

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response, status
from sqlalchemy import select

from casa.accounts.deps import CurrentUser, require
from casa.accounts.models import User
from casa.core.clock import CASABLANCA
from casa.core.deps import BusDep, ClockDep, LanguageDep, SessionDep, SettingsDep
from casa.core.system import PUBLIC_CHANNELS
from casa.parking import (
    datex2,
    forecast,
    garages,
    ingest,
    parkapi,
    reservations,
    search,
    search_index,
    sites,
)
from casa.parking.forecast_schemas import ForecastOut
from casa.parking.garage_schemas import GarageIn, GarageStats
from casa.parking.ingest import CHANNEL
from casa.parking.lean_sql import read_meta
from casa.parking.models import IngestSource, Site
from casa.parking.schemas import (
    BatchResult,
    CountStep,
    DeclaredCount,
    ObservationBatch,
    ReservationIn,
    ReservationOut,
    SearchResult,
    SiteOut,
)
from casa.parking.subscriber import run_subscriber

PUBLIC_CHANNELS.add(CHANNEL)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the MQTT subscriber beside the app when a broker is configured."""
    stop = run_subscriber(app.state.settings, app.state.db, app.state.bus, app.state.clock)
    try:
        yield
    finally:
        stop()


router = APIRouter(prefix="/api/v1/parking", tags=["parking"], lifespan=lifespan)
Reserver = Annotated[User, Depends(require("parking:reserve"))]
Declarer = Annotated[User, Depends(require("parking:declare"))]
Sharer = Annotated[User, Depends(require("parking:share"))]


def _aware(at: datetime | None) -> datetime | None:
    # A time sent without an offset is read as Casablanca's wall-clock time.
    if at is None or at.tzinfo is not None:
        return at
    return at.replace(tzinfo=CASABLANCA)


@router.get("/sites", summary="Find parking near a destination", response_model=SearchResult)
async def find_sites(
    request: Request,
    near: Annotated[
        str | None, Query(max_length=60, description="LAT,LON of the destination")
    ] = None,
    place: Annotated[
        str | None, Query(max_length=120, description="a place of the gazetteer")
    ] = None,
    radius_m: Annotated[int, Query(ge=50, le=5000)] = 800,
    arrive_at: Annotated[
        datetime | None, Query(description="when you arrive (default now)")
    ] = None,
    stay_minutes: Annotated[int, Query(ge=15, le=7 * 24 * 60)] = 60,
    needs: Annotated[str | None, Query(max_length=100, description="ev,disabled,covered,…")] = None,
    max_height: Annotated[
        int | None, Query(ge=100, le=500, description="vehicle height, cm")
    ] = None,
    open_now: bool = False,
    sort: Literal["distance", "best", "price", "free"] = "distance",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    """Return the sites around a point or a named place, with free places, freshness and price."""
    state = request.app.state

    def answer(inline: bool = False) -> bytes | None:
        with state.db.session() as session:
            meta = read_meta(session)
            if inline and not search_index.is_current(session, meta):
                return None  # rebuilding the index takes a while: not on the event loop
            origin, label = search.resolve_origin(session=session, near=near, place=place)
            values = search.ranked(
                session=session,
                origin=origin,
                now=state.clock(),
                radius_m=radius_m,
                arrive_at=_aware(arrive_at),
                stay_minutes=stay_minutes,
                needs=search.parse_needs(needs),
                vehicle_height_cm=max_height,
                open_now=open_now,
                sort=sort,
                limit=limit,
                detour=state.settings.travel_detour_factor,
                place=label,
                meta=meta,
            )
        return search.search_json(values)

    # The hottest read of IPARK, its values serialised once without validating them again.
    # On SQLite the search runs on the event loop: its reads are in-process and never wait
    # for a writer (WAL), about a millisecond, and the hop to a thread and back (two switches
    # of the interpreter's lock) cost more than the search itself: one worker served 742
    # searches/s inline against 433 through a thread on the same quiet machine. A server
    # database answers over the network, so there the whole unit of work takes one hop to a
    # thread, at most SEARCH_THREADS at once, and so does a search that must rebuild the index
    # of the sites after a change.
    body = answer(inline=True) if state.db.engine.dialect.name == "sqlite" else None
    if body is None:
        body = await anyio.to_thread.run_sync(answer, limiter=_search_limiter())
    assert body is not None
    return Response(body, media_type="application/json")


SEARCH_THREADS = 2
"""Searches run at once in a worker. More threads only take turns holding the interpreter's
lock: under overload, 40 of them (the default pool) served a third fewer searches than 2."""
_limiters: WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = WeakKeyDictionary()


def _search_limiter() -> anyio.CapacityLimiter:
    # One per event loop: a limiter belongs to the loop it was made in.
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = anyio.CapacityLimiter(SEARCH_THREADS)
    return limiter


@router.get("/sites/{ref}", summary="One site with its live state")
def get_site(ref: str, session: SessionDep, clock: ClockDep) -> SiteOut:
    """Return a site: capacities, hours, tariff and its live count."""
    return sites.describe(session=session, ref=ref, now=clock())


@router.post("/sites/{ref}/count", summary="Declare the free places of a site by hand")
def declare_count(
    ref: str,
    body: DeclaredCount,
    user: Declarer,
    session: SessionDep,
    clock: ClockDep,
    bus: BusDep,
) -> SiteOut:
    """Record a count made by a concierge or an attendant."""
    ingest.declare(
        session=session,
        ref=ref,
        free=body.free,
        user_id=user.id,
        roles=user.roles,
        now=clock(),
        bus=bus,
    )
    return sites.describe(session=session, ref=ref, now=clock())


@router.post("/sites/{ref}/count/step", summary="Move a site's count up or down (concierge)")
def step_count(
    ref: str, body: CountStep, user: CurrentUser, session: SessionDep, clock: ClockDep, bus: BusDep
) -> SiteOut:
    """Add or remove free places one tap at a time: the garage's owner or its concierge."""
    garages.step_count(
        session=session,
        ref=ref,
        delta=body.delta,
        user_id=user.id,
        email=user.email,
        roles=user.roles,
        now=clock(),
        bus=bus,
    )
    return sites.describe(session=session, ref=ref, now=clock())


@router.get("/sites/{ref}/forecast", summary="Free places for the next 24 hours")
def site_forecast(ref: str, session: SessionDep, clock: ClockDep) -> ForecastOut:
    """Forecast a site's free places by 15-minute step, with the chance of finding one."""
    site = sites.get_site(session=session, ref=ref)
    return forecast.forecast(session=session, site=site, now=clock())


@router.post(
    "/garages", status_code=status.HTTP_201_CREATED, summary="Share your building's garage"
)
def list_garage(body: GarageIn, user: Sharer, session: SessionDep, clock: ClockDep) -> SiteOut:
    """List a garage with its shared places, sharing windows, price and rules."""
    site = garages.list_garage(session=session, owner_id=user.id, data=body, now=clock())
    return sites.describe(session=session, ref=site.ref, now=clock())


@router.put("/garages/{ref}", summary="Change your shared garage")
def update_garage(
    ref: str, body: GarageIn, user: Sharer, session: SessionDep, clock: ClockDep
) -> SiteOut:
    """Change a garage's places, windows, price or rules."""
    garages.update_garage(
        session=session, ref=ref, user_id=user.id, roles=user.roles, data=body, now=clock()
    )
    return sites.describe(session=session, ref=ref, now=clock())


@router.get("/owner/garages", summary="Your garages: occupancy and revenue")
def my_garages(user: Sharer, session: SessionDep, clock: ClockDep) -> list[GarageStats]:
    """Return your garages with their occupancy now and their revenue over 30 days."""
    return garages.stats(session=session, user_id=user.id, now=clock())


def ingest_source(
    session: SessionDep,
    x_api_key: Annotated[str | None, Header(description="the source's ingest key")] = None,
) -> IngestSource:
    """Return the ingest source whose key the caller sent, else answer 401."""
    return ingest.source_for_key(session=session, key=x_api_key)


@router.post("/observations", summary="Push a batch of observations (per-source API key)")
def push_observations(
    source: Annotated[IngestSource, Depends(ingest_source)],
    body: ObservationBatch,
    session: SessionDep,
    clock: ClockDep,
    bus: BusDep,
) -> BatchResult:
    """Store up to 1,000 observations; each bad one is rejected on its own, with its reason."""
    return ingest.ingest(
        session=session,
        items=body.observations,
        channel="http",
        now=clock(),
        source=source,
        bus=bus,
    )


@router.post(
    "/reservations",
    status_code=status.HTTP_201_CREATED,
    summary="Hold a place at a site for a window",
)
def reserve(
    body: ReservationIn, user: Reserver, session: SessionDep, clock: ClockDep, bus: BusDep
) -> ReservationOut:
    """Reserve a place; answers 409 when no place is left for the window."""
    now = clock()
    reservations.expire_overdue(session=session, now=now)
    made = reservations.create(
        session=session, user_id=user.id, user_email=user.email, data=body, now=now
    )
    out = reservations.to_out(session=session, reservation=made)
    # Listeners re-read the site on an event: announce only what is committed.
    session.commit()
    bus.publish_sync(CHANNEL, {"type": "held", "site": body.site})
    return out


@router.get("/reservations", summary="Your reservations")
def my_reservations(user: CurrentUser, session: SessionDep) -> list[ReservationOut]:
    """Return your reservations, the latest first."""
    return [
        reservations.to_out(session=session, reservation=r)
        for r in reservations.of_user(session=session, user_id=user.id)
    ]


@router.post("/reservations/{ref}/cancel", summary="Cancel a reservation")
def cancel_reservation(
    ref: str, user: CurrentUser, session: SessionDep, clock: ClockDep, bus: BusDep
) -> ReservationOut:
    """Cancel one of your reservations and free its place."""
    done = reservations.cancel(session=session, ref=ref, user_id=user.id, now=clock())
    out = reservations.to_out(session=session, reservation=done)
    site_id = done.site_id
    session.commit()
    bus.publish_sync(CHANNEL, {"type": "released", "site_id": site_id})
    return out


@router.post("/reservations/{ref}/arrive", summary="Check in on arrival")
def arrive(ref: str, user: CurrentUser, session: SessionDep, clock: ClockDep) -> ReservationOut:
    """Record your arrival so the reservation does not lapse."""
    done = reservations.arrive(session=session, ref=ref, user_id=user.id, now=clock())
    return reservations.to_out(session=session, reservation=done)


def _every_site(session: Any, now: datetime) -> list[SiteOut]:
    return sites.describe_all(
        session=session, now=now, sites=session.scalars(select(Site).order_by(Site.ref))
    )


@router.get("/datex2.xml", summary="DATEX II v3 parking publication", response_class=Response)
def datex2_xml(
    session: SessionDep,
    clock: ClockDep,
    lang: LanguageDep,
    publication: Literal["status", "table"] = "status",
) -> Response:
    """Return every site as DATEX II v3: occupancy (status) or the static records (table)."""
    now = clock()
    every = _every_site(session, now)
    body = (datex2.status if publication == "status" else datex2.table)(every, now=now, lang=lang)
    return Response(body, media_type="application/xml")


@router.get("/parkapi.json", summary="Every site, ParkAPI v3 style")
def parkapi_json(session: SessionDep, clock: ClockDep, settings: SettingsDep) -> dict[str, Any]:
    """Return every site with its live state in the shape of ParkAPI v3."""
    return parkapi.parkapi(_every_site(session, clock()), base_url=settings.base_url)


@router.get("/sites.geojson", summary="Every site as GeoJSON for maps")
def sites_geojson(session: SessionDep, clock: ClockDep) -> Response:
    """Return every site as a GeoJSON FeatureCollection coloured by availability."""
    import json

    now = clock()
    document = parkapi.geojson(_every_site(session, now), now=now)
    return Response(json.dumps(document), media_type="application/geo+json")
