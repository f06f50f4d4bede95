"""Finding a place: sites near a destination, filtered by needs and ranked by what drivers mind.

The static side of every site (position, capacities, hours, tariff) sits in an in-process
index rebuilt whenever the sites table changes (``search_index``); the live side (counts and
holds) is read from the database for the candidates only (``search_live``), so every worker
answers from the same truth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from pydantic_core import to_json
from sqlalchemy.orm import Session

from casa.city import service as city
from casa.city.travel import parse_point
from casa.core.geo import LatLon
from casa.parking import forecast, hours
from casa.parking.exceptions import InvalidSearch
from casa.parking.lean_sql import read_meta
from casa.parking.schemas import NEEDS, SearchResult
from casa.parking.search_index import (
    Entry,
    Finder,
    SiteIndex,
    memory_scan_finder,
    site_index,
    table_scan_finder,
)
from casa.parking.search_live import (
    WALK_M_PER_MIN,
    p_free_at_arrival,
    read_live,
    score_candidates,
    sort_key,
)
from casa.parking.search_live import hit as _hit

SORTS = ("distance", "best", "price", "free")

__all__ = [
    "SORTS",
    "WALK_M_PER_MIN",
    "Entry",
    "Finder",
    "SiteIndex",
    "indexed_finder",
    "memory_scan_finder",
    "p_free_at_arrival",
    "parse_needs",
    "ranked",
    "resolve_origin",
    "search",
    "search_json",
    "site_index",
    "table_scan_finder",
]


def resolve_origin(
    *, session: Session, near: str | None, place: str | None
) -> tuple[LatLon, str | None]:
    """Return the destination's point from ``LAT,LON`` or a gazetteer name, and its name."""
    if near and near.strip():
        return parse_point(near, field="near"), None
    if place and place.strip():
        found = city.geocode(session=session, text=place)
        if found is None or found.lat is None or found.lon is None:
            raise InvalidSearch(f"no place of Casablanca matches {place!r}", field="place")
        return (found.lat, found.lon), found.name_fr
    raise InvalidSearch("give near=LAT,LON or place=NAME", field="near")


def parse_needs(text: str | None) -> list[str]:
    """Read ``needs=ev,disabled,covered`` into a list, refusing unknown needs."""
    if not text:
        return []
    needs = [n.strip().lower() for n in text.split(",") if n.strip()]
    unknown = sorted(set(needs) - set(NEEDS))
    if unknown:
        raise InvalidSearch(
            f"unknown need {unknown[0]!r}; choose among " + ", ".join(NEEDS), field="needs"
        )
    return needs


def indexed_finder(
    session: Session, index: SiteIndex, origin: LatLon, radius_m: float
) -> list[tuple[Entry, float]]:
    """Find the sites within a radius through the k-d tree."""
    return index.within(origin, radius_m)


def _indexed_candidates(
    index: SiteIndex,
    origin: LatLon,
    radius_m: float,
    *,
    needs: Sequence[str],
    vehicle_height_cm: int | None,
    open_now: bool,
    now: datetime,
    arrive: datetime,
) -> tuple[list[tuple[Entry, float]], dict[str, bool]]:
    # The tree gives the sites in reach; needs and height are array operations over them.
    found, distances = index.near(origin, radius_m)
    if needs or vehicle_height_cm is not None:
        keep = np.ones(len(found), dtype=bool)
        for need in needs:
            keep &= index.needs[need][found]
        if vehicle_height_cm is not None:
            keep &= index.max_height[found] >= vehicle_height_cm
        found, distances = found[keep], distances[keep]
    positions = found.tolist()
    numbers = index.expression_of[found].tolist()
    # Sites share a few expressions: each is read once a query, at both instants.
    used = {index.expressions[n] for n in set(numbers)}
    open_at = {text: hours.is_open(text, now) for text in used}
    shut = {
        n
        for n in set(numbers)
        if not hours.is_open(index.expressions[n], arrive)
        or (open_now and not open_at[index.expressions[n]])
    }
    entries = index.entries
    candidates = [
        (entries[i], d)
        for i, d, n in zip(positions, distances.tolist(), numbers, strict=True)
        if n not in shut
    ]
    return candidates, open_at


def _found_candidates(
    found: list[tuple[Entry, float]],
    *,
    needs: Sequence[str],
    vehicle_height_cm: int | None,
    open_now: bool,
    now: datetime,
    arrive: datetime,
) -> tuple[list[tuple[Entry, float]], dict[str, bool]]:
    # The same filters, one site at a time, for the finders that baselines use.
    open_at: dict[str, bool] = {}
    open_then: dict[str, bool] = {}
    candidates = []
    for entry, distance in found:
        if any(not entry.has(n) for n in needs):
            continue
        if (
            vehicle_height_cm is not None
            and entry.max_height_cm is not None
            and entry.max_height_cm < vehicle_height_cm
        ):
            continue
        expression = entry.opening_hours
        if expression not in open_at:
            open_at[expression] = hours.is_open(expression, now)
            open_then[expression] = hours.is_open(expression, arrive)
        if (open_now and not open_at[expression]) or not open_then[expression]:
            continue
        candidates.append((entry, distance))
    return candidates, open_at


def ranked(
    *,
    session: Session,
    origin: LatLon,
    now: datetime,
    radius_m: int = 800,
    arrive_at: datetime | None = None,
    stay_minutes: int = 60,
    needs: Sequence[str] = (),
    vehicle_height_cm: int | None = None,
    open_now: bool = False,
    sort: str = "distance",
    limit: int = 20,
    detour: float = 1.3,
    place: str | None = None,
    finder: Finder | None = None,
    meta: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Return the search's answer as the plain values of a ``SearchResult``.

    ``meta`` is ``parking_meta`` already read in this unit of work, which saves a query.
    """
    if sort not in SORTS:
        raise InvalidSearch(f"sort must be one of {', '.join(SORTS)}", field="sort")
    arrive = arrive_at or now
    if arrive < now - timedelta(minutes=5) or arrive > now + timedelta(days=7):
        raise InvalidSearch("arrive_at must be between now and seven days ahead", field="arrive_at")
    leave = arrive + timedelta(minutes=stay_minutes)
    if meta is None:
        meta = read_meta(session)
    index = site_index(session, meta)
    filters: dict[str, Any] = {
        "needs": needs,
        "vehicle_height_cm": vehicle_height_cm,
        "open_now": open_now,
        "now": now,
        "arrive": arrive,
    }
    if finder is None:
        candidates, open_at = _indexed_candidates(index, origin, radius_m, **filters)
    else:
        candidates, open_at = _found_candidates(finder(session, index, origin, radius_m), **filters)
    live = read_live(session=session, site_ids=[e.id for e, _ in candidates], now=now)
    fitted = forecast.models(session, meta) if candidates else {}
    scored = score_candidates(
        candidates, live, fitted=fitted, now=now, arrive=arrive, leave=leave, detour=detour
    )
    scored.sort(key=sort_key(sort))
    return {
        "origin": {"lat": float(origin[0]), "lon": float(origin[1]), "place": place},
        "arrive_at": arrive,
        "stay_minutes": int(stay_minutes),
        "radius_m": int(radius_m),
        "sort": sort,
        "count": len(scored),
        "results": [_hit(s, open_at[s.entry.opening_hours]) for s in scored[:limit]],
    }


def search(
    *,
    session: Session,
    origin: LatLon,
    now: datetime,
    radius_m: int = 800,
    arrive_at: datetime | None = None,
    stay_minutes: int = 60,
    needs: Sequence[str] = (),
    vehicle_height_cm: int | None = None,
    open_now: bool = False,
    sort: str = "distance",
    limit: int = 20,
    detour: float = 1.3,
    place: str | None = None,
    finder: Finder | None = None,
) -> SearchResult:
    """Return the sites near a destination that fit the driver's needs, ranked."""
    return SearchResult.model_validate(
        ranked(
            session=session,
            origin=origin,
            now=now,
            radius_m=radius_m,
            arrive_at=arrive_at,
            stay_minutes=stay_minutes,
            needs=needs,
            vehicle_height_cm=vehicle_height_cm,
            open_now=open_now,
            sort=sort,
            limit=limit,
            detour=detour,
            place=place,
            finder=finder,
        )
    )


def search_json(answer: dict[str, Any]) -> bytes:
    """Serialise the answer of ``ranked`` as the JSON of a ``SearchResult``.

    ``ranked`` builds the values in the shape of ``SearchResult``: serialising them once,
    without validating them again, is what the API sends (a test holds the two equal).
    """
    return to_json(answer)
