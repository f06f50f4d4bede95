"""Factories of parking tests: sites with their live count, ingest sources."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from casa.core.db import Database
from casa.parking import ingest, sites
from casa.parking.schemas import SiteIn

CREATED_AT = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
TWIN_CENTER = (33.58658, -7.63229)


def site_in(ref: str = "test-site", **overrides: Any) -> SiteIn:
    """Return a valid site description, near the Twin Center unless told otherwise."""
    values: dict[str, Any] = {
        "ref": ref,
        "name": f"Site {ref}",
        "kind": "underground",
        "operator": "Test operator",
        "lat": TWIN_CENTER[0],
        "lon": TWIN_CENTER[1],
        "capacity": 100,
        "reservable": 10,
        "opening_hours": "24/7",
        "tariff": {"unit_minutes": 60, "unit_price": "5", "daily_cap": "40"},
    }
    values.update(overrides)
    return SiteIn.model_validate(values)


def make_site(db: Database, ref: str = "test-site", **overrides: Any) -> int:
    """Create a site and return its id."""
    with db.session() as session:
        site, _ = sites.upsert_site(session=session, data=site_in(ref, **overrides), now=CREATED_AT)
        return site.id


def count(db: Database, ref: str, free: int, at: datetime, channel: str = "http") -> None:
    """Record a count of free places for a site."""
    with db.session() as session:
        result = ingest.ingest(
            session=session,
            items=[{"site": ref, "free": free, "observed_at": at.isoformat()}],
            channel=channel,
            now=at,
        )
    assert result.accepted == 1, result


def make_source(db: Database, name: str = "operator", **kwargs: Any) -> str:
    """Create an ingest source and return its key."""
    with db.session() as session:
        _, key = ingest.create_source(session=session, name=name, now=CREATED_AT, **kwargs)
    return key
