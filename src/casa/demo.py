"""Load Casablanca's bundled data into the database, domain by domain, idempotently."""

from __future__ import annotations

from collections.abc import Iterator

from casa.city import service as city_service
from casa.core.clock import system_clock
from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import demo as expo_demo
from casa.parking import sites as parking_sites
from casa.transit import service as transit_service


def load(settings: Settings) -> Iterator[str]:
    """Load every domain's bundled data; yield one line of report per domain."""
    db = Database(settings.database_url)
    try:
        with db.session() as session:
            report = city_service.load_bundled(session=session)
            yield f"city: {report}"
            yield f"parking: {parking_sites.load_bundled(session=session, now=system_clock())}"
            yield f"transit: {transit_service.load_bundled(session=session, now=system_clock())}"
            yield expo_demo.load_2018(session=session, settings=settings, now=system_clock())
    finally:
        db.dispose()
