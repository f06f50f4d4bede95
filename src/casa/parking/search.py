"""Finding a place: sites near a destination, filtered by needs and ranked by what drivers mind.

The static side of every site (position, capacities, hours, tariff) sits in an in-process
k-d tree rebuilt whenever the sites table changes; the live side (counts and holds) is read
from the database for the candidates only, so every worker answers from the same truth.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.city import service as city
from casa.city.travel import parse_point
from casa.core.geo import LatLon, PointIndex, haversine_m, haversine_matrix_m
from casa.parking import forecast, hours
from casa.parking.exceptions import InvalidSearch
from casa.parking.models import Site
from casa.parking.occupancy import judge, live_rows
from casa.parking.schemas import NEEDS, SearchResult, Tariff
from casa.parking.sites import SITES_VERSION, meta_values, sites_version
from casa.parking.tariffs import price_of_stay

WALK_M_PER_MIN = 80.0
"""A steady walk, 4.8 km/h."""
VALUE_OF_TIME_MAD_PER_MIN = 0.5
"""How many dirhams a driver gives to walk one minute less (30 MAD an hour)."""
MISS_PENALTY_MIN = 20.0
"""What finding the site full costs: driving on to the next one and looking again."""
UNKNOWN_PRICE_PENALTY_MIN = 5.0
DWELL_MIN = 120.0
"""Mean stay of a parked car: how soon a taken place frees up."""
SORTS = ("distance", "best", "price", "free")


@dataclass(frozen=True, slots=True)
class Entry:
    """The static facts of one site that a search reads."""

    id: int
    ref: str
    name: str
    kind: str
    operator: str | None
    lat: float
    lon: float
    address: str | None
    capacity: int
    capacity_disabled: int
    capacity_ev: int
    capacity_motorcycle: int
    capacity_family: int
    reservable: int
    covered: bool
    guarded: bool
    max_height_cm: int | None
    opening_hours: str
    tariff: Tariff | None

    def has(self, need: str) -> bool:
        """Tell whether the site meets a need."""
        return {
            "ev": self.capacity_ev > 0,
            "disabled": self.capacity_disabled > 0,
            "covered": self.covered,
            "guarded": self.guarded,
            "motorcycle": self.capacity_motorcycle > 0,
            "family": self.capacity_family > 0,
            "reservable": self.reservable > 0,
        }[need]


class SiteIndex:
    """Every site's static facts and a k-d tree over their positions."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self._coords: list[LatLon] = [(e.lat, e.lon) for e in self.entries]
        self._points = PointIndex(self._coords) if self.entries else None

    def within(self, point: LatLon, radius_m: float) -> list[tuple[Entry, float]]:
        """Return the sites within a radius with their distance, using the tree."""
        if self._points is None:
            return []
        found = self._points.within(point, radius_m)
        if not found:
            return []
        # One array operation for the ~80 candidates of a search, not one call each.
        coords = self._coords
        distances = haversine_matrix_m([point], [coords[i] for i in found])[0].tolist()
        entries = self.entries
        return [(entries[i], d) for i, d in zip(found, distances, strict=True) if d <= radius_m]

    def scan(self, point: LatLon, radius_m: float) -> list[tuple[Entry, float]]:
        """Return the same sites as ``within`` by measuring the distance to every site."""
        pairs = [(e, haversine_m(point, (e.lat, e.lon))) for e in self.entries]
        return [(e, d) for e, d in pairs if d <= radius_m]


def _entry(site: Site) -> Entry:
    return Entry(
        id=site.id,
        ref=site.ref,
        name=site.name,
        kind=site.kind,
        operator=site.operator,
        lat=site.lat,
        lon=site.lon,
        address=site.address,
        capacity=site.capacity,
        capacity_disabled=site.capacity_disabled,
        capacity_ev=site.capacity_ev,
        capacity_motorcycle=site.capacity_motorcycle,
        capacity_family=site.capacity_family,
        reservable=site.reservable,
        covered=site.covered,
        guarded=site.guarded,
        max_height_cm=site.max_height_cm,
        opening_hours=site.opening_hours,
        tariff=_tariff(json.dumps(site.tariff, sort_keys=True)) if site.tariff else None,
    )


@lru_cache(maxsize=256)
def _tariff(text: str) -> Tariff:
    # Sites sharing a tariff share one object, so a search prices each tariff once.
    return Tariff.model_validate_json(text)


_indexes: dict[str, tuple[tuple[Any, ...], SiteIndex]] = {}
_lock = threading.Lock()


def site_index(session: Session, meta: Mapping[str, str] | None = None) -> SiteIndex:
    """Return the index of the sites, rebuilt only when the sites table has changed.

    ``meta`` is ``parking_meta`` already read in this unit of work, which saves a query.
    """
    signature = (sites_version(session) if meta is None else meta.get(SITES_VERSION),)
    key = str(session.get_bind().engine.url)
    with _lock:
        cached = _indexes.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    index = SiteIndex([_entry(s) for s in session.scalars(select(Site).order_by(Site.id))])
    with _lock:
        _indexes[key] = (signature, index)
    return index


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


def p_free_at_arrival(free: int | None, capacity: int, minutes_ahead: float) -> float | None:
    """Estimate the chance that at least one place is still free after some minutes.

    Over the wait, taken places free up (a parked car stays two hours on average) and about as
    many drivers arrive; the net change is the difference of two Poisson flows of that mean,
    taken as normal. Sites with a fitted forecast use it instead (``forecast.p_at_least_one``).
    """
    if free is None or capacity <= 0:
        return None
    turnover = (capacity - free) / DWELL_MIN * max(0.0, minutes_ahead)
    if turnover <= 0:
        return 1.0 if free > 0 else 0.0
    spread = math.sqrt(2 * turnover)
    return round(0.5 * (1 + math.erf((free - 0.5) / (spread * math.sqrt(2)))), 3)


def _score(walk_min: float, price: float | None, p: float | None) -> float:
    money = UNKNOWN_PRICE_PENALTY_MIN if price is None else price / VALUE_OF_TIME_MAD_PER_MIN
    risk = (1 - (0.5 if p is None else p)) * MISS_PENALTY_MIN
    return round(walk_min + money + risk, 2)


Finder = Callable[[Session, SiteIndex, LatLon, float], list[tuple[Entry, float]]]


def indexed_finder(
    session: Session, index: SiteIndex, origin: LatLon, radius_m: float
) -> list[tuple[Entry, float]]:
    """Find the sites within a radius through the k-d tree."""
    return index.within(origin, radius_m)


def memory_scan_finder(
    session: Session, index: SiteIndex, origin: LatLon, radius_m: float
) -> list[tuple[Entry, float]]:
    """Find the sites within a radius by measuring every cached site (a benchmark baseline)."""
    return index.scan(origin, radius_m)


def table_scan_finder(
    session: Session, index: SiteIndex, origin: LatLon, radius_m: float
) -> list[tuple[Entry, float]]:
    """Find the sites within a radius by reading every row of the sites table (the baseline of
    a search without an index)."""
    found = []
    for site in session.scalars(select(Site).order_by(Site.id)):
        distance = haversine_m(origin, (site.lat, site.lon))
        if distance <= radius_m:
            found.append((_entry(site), distance))
    return found


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
    finder: Finder = indexed_finder,
) -> SearchResult:
    """Return the sites near a destination that fit the driver's needs, ranked."""
    if sort not in SORTS:
        raise InvalidSearch(f"sort must be one of {', '.join(SORTS)}", field="sort")
    arrive = arrive_at or now
    if arrive < now - timedelta(minutes=5) or arrive > now + timedelta(days=7):
        raise InvalidSearch("arrive_at must be between now and seven days ahead", field="arrive_at")
    leave = arrive + timedelta(minutes=stay_minutes)
    meta = meta_values(session)
    index = site_index(session, meta)
    open_at: dict[str, bool] = {}
    open_then: dict[str, bool] = {}
    candidates = []
    for entry, distance in finder(session, index, origin, radius_m):
        if any(not entry.has(n) for n in needs):
            continue
        if (
            vehicle_height_cm is not None
            and entry.max_height_cm is not None
            and entry.max_height_cm < vehicle_height_cm
        ):
            continue
        # Sites share a few expressions: each is read once a query, at both instants.
        expression = entry.opening_hours
        if expression not in open_at:
            open_at[expression] = hours.is_open(expression, now)
            open_then[expression] = hours.is_open(expression, arrive)
        if (open_now and not open_at[expression]) or not open_then[expression]:
            continue
        candidates.append((entry, distance))
    rows = live_rows(session=session, site_ids=[e.id for e, _ in candidates], now=now)
    prices: dict[int, float | None] = {}
    fitted = forecast.models(session, meta) if candidates else {}
    scored = []
    for e, d in candidates:
        key = id(e.tariff)
        if key not in prices:
            prices[key] = price_of_stay(e.tariff, arrive, leave)
        row = rows.get(e.id, (None, None, 0))
        scored.append(
            _score_of(
                e,
                d,
                row,
                prices[key],
                now=now,
                arrive=arrive,
                detour=detour,
                model=fitted.get(e.id),
            )
        )
    scored.sort(key=_sort_key(sort))
    # One validation of plain values is cheaper than building each hit as a model.
    return SearchResult.model_validate(
        {
            "origin": {"lat": origin[0], "lon": origin[1], "place": place},
            "arrive_at": arrive,
            "stay_minutes": stay_minutes,
            "radius_m": radius_m,
            "sort": sort,
            "count": len(scored),
            "results": [_hit(s, open_at[s.entry.opening_hours]) for s in scored[:limit]],
        }
    )


@dataclass(frozen=True, slots=True)
class _Scored:
    entry: Entry
    distance: float
    walk_m: float
    free: int | None
    state: str
    observed_at: datetime | None
    age_s: int | None
    price: float | None
    p: float | None
    score: float


def _score_of(
    entry: Entry,
    distance: float,
    row: tuple[int | None, datetime | None, int],
    price: float | None,
    *,
    now: datetime,
    arrive: datetime,
    detour: float,
    model: forecast.Fitted | None = None,
) -> _Scored:
    free, observed_at, held = row
    shown, state, age = judge(
        capacity=entry.capacity, free=free, observed_at=observed_at, held=held, now=now
    )
    walk_m = distance * detour
    ahead = (arrive - now).total_seconds() / 60 + (age or 0) / 60
    if model is not None and shown is not None and observed_at is not None:
        p: float | None = forecast.p_at_least_one(
            model, free=shown, capacity=entry.capacity, observed_at=observed_at, at=arrive
        )
    else:
        p = p_free_at_arrival(shown, entry.capacity, ahead)
    return _Scored(
        entry,
        distance,
        walk_m,
        shown,
        state,
        observed_at,
        age,
        price,
        p,
        _score(walk_m / WALK_M_PER_MIN, price, p),
    )


def _hit(s: _Scored, open_now: bool) -> dict[str, Any]:
    """Return one result as the plain values of a ``SiteHit``."""
    entry = s.entry
    return {
        "ref": entry.ref,
        "name": entry.name,
        "kind": entry.kind,
        "operator": entry.operator,
        "lat": entry.lat,
        "lon": entry.lon,
        "address": entry.address,
        "capacity": entry.capacity,
        "covered": entry.covered,
        "max_height_cm": entry.max_height_cm,
        "open_now": open_now,
        "distance_m": round(s.distance),
        "walk_m": round(s.walk_m),
        "walk_minutes": math.ceil(s.walk_m / WALK_M_PER_MIN),
        "free": s.free,
        "freshness": {"state": s.state, "observed_at": s.observed_at, "age_s": s.age_s},
        "price": s.price,
        "currency": "MAD",
        "p_free_at_arrival": s.p,
        "score": s.score,
    }


def _sort_key(sort: str) -> Callable[[_Scored], tuple[Any, ...]]:
    if sort == "best":
        return lambda h: (h.score, h.distance, h.entry.ref)
    if sort == "price":
        return lambda h: (h.price is None, h.price or 0.0, h.distance, h.entry.ref)
    if sort == "free":
        return lambda h: (-(h.free if h.free is not None else -1), h.distance, h.entry.ref)
    return lambda h: (h.distance, h.entry.ref)
