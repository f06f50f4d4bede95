"""create_app(): the one ASGI application, with every domain's API and pages mounted."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
import structlog
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError

from casa import __version__
from casa.accounts import api as accounts_api
from casa.accounts import web as accounts_web
from casa.assistant import api as assistant_api
from casa.assistant import web as assistant_web
from casa.city import api as city_api
from casa.core import problems, system
from casa.core.bus import make_bus
from casa.core.clock import Clock, system_clock
from casa.core.config import Settings, get_settings
from casa.core.db import Database
from casa.core.logging import configure as configure_logging
from casa.core.middleware import RequestContextMiddleware
from casa.expo import api as expo_api
from casa.expo import web as expo_web
from casa.parking import api as parking_api
from casa.parking import search_index
from casa.parking import web as parking_web
from casa.parking.tasks import start_refits
from casa.transit import api as transit_api
from casa.transit import web as transit_web
from casa.web import api as web_api
from casa.web import pages as web_pages
from casa.web.assets import static_dir, vendor_dir

log = structlog.get_logger("casa.app")

OPENAPI_TAGS = [
    {"name": "system", "description": "Health, readiness, metrics and live events."},
    {"name": "accounts", "description": "Login, tokens, your profile and your personal data."},
    {"name": "city", "description": "Arrondissements, the gazetteer of places, travel times."},
    {"name": "parking", "description": "IPARK: find, watch and book parking places."},
    {
        "name": "transit",
        "description": "Tram and busway: GTFS feed, lines, stops, departures.",
    },
    {"name": "notices", "description": "City-wide notices shown in every page's banner."},
]


def warm_up(db: Database) -> None:
    """Fill the caches a server needs, then freeze the heap they live in.

    What a worker loads once and keeps (the parking index, the gazetteer, catalogues, modules)
    would otherwise be walked by every full garbage collection: 190 ms with 10,000 parking
    sites (``benchmarks/parking_gc_pause.py``), a pause every request then in flight waits
    out. Frozen, the collector skips it; objects freed later are still freed by reference
    counting.
    """
    try:
        with db.session() as session:
            search_index.warm(session)
    except SQLAlchemyError:
        log.warning("warm_up_skipped", reason="the database is not ready")
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """Build the Casa application for a set of settings."""
    settings = settings or get_settings()
    configure_logging(fmt=settings.log_format, level=settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.settings.warm_start:
            await anyio.to_thread.run_sync(warm_up, app.state.db)
        stop_refits = start_refits(app.state.settings, app.state.db, app.state.clock)
        yield
        await stop_refits()
        await app.state.bus.close()
        app.state.db.dispose()

    app = FastAPI(
        title="Casa",
        version=__version__,
        summary="The open smart-city platform of Casablanca.",
        openapi_tags=OPENAPI_TAGS,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = Database(settings.database_url)
    app.state.bus = make_bus(settings.redis_url)
    app.state.clock = clock or system_clock

    problems.install(app)
    accounts_web.install_session(app, settings)
    app.add_middleware(RequestContextMiddleware)

    app.include_router(system.router)
    app.include_router(accounts_api.router)
    app.include_router(city_api.router)
    app.include_router(parking_api.router)
    app.include_router(parking_web.router)
    app.include_router(transit_api.router)
    app.include_router(assistant_api.router)
    app.include_router(expo_api.router)
    app.include_router(expo_web.router)
    app.include_router(assistant_web.router)
    app.include_router(transit_web.router)
    app.include_router(accounts_web.router)
    app.include_router(web_api.router)
    app.include_router(web_pages.router)
    vendor = StaticFiles(directory=vendor_dir(settings), check_dir=False)
    app.mount("/static/vendor", vendor, name="vendor")
    app.mount("/static", StaticFiles(directory=static_dir(settings)), name="static")
    return app
