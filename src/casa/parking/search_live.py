"""The live side of a search: versions and counts read lean, then each candidate scored.

A search reads two things from the database: ``parking_meta`` (the sites' and forecasts'
versions, which say whether the in-memory index and models still hold) and the candidates'
counts and holds. Both go straight to the driver's cursor with one fixed SQL text per
dialect (SQLite keeps it prepared; the candidates' ids travel as one parameter), and only
the timestamp columns pass through the column type's converters: the ORM's per-row work was
a third of a search.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from sqlalchemy.orm import Session

from casa.parking import forecast
from casa.parking.lean_sql import converters, fetch
from casa.parking.occupancy import STALE_AFTER, live_rows, slot_of
from casa.parking.search_index import Entry
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
SQRT2 = math.sqrt(2)
erf = math.erf

_LIVE_SQL = {
    "sqlite": (
        "SELECT s.site_id, s.free, s.observed_at, coalesce(h.held, 0)"
        " FROM parking_site_status s LEFT JOIN parking_slot_holds h"
        " ON h.site_id = s.site_id AND h.slot_start = ?"
        " WHERE s.site_id IN ({ids})"
    ),
    "postgresql": (
        "SELECT s.site_id, s.free, s.observed_at, coalesce(h.held, 0)"
        " FROM parking_site_status s LEFT JOIN parking_slot_holds h"
        " ON h.site_id = s.site_id AND h.slot_start = %s"
        " WHERE s.site_id = ANY(%s)"
    ),
}
Live = tuple[int | None, datetime | None, int]
_UNKNOWN: Live = (None, None, 0)


@lru_cache(maxsize=512)
def _sqlite_live(n: int) -> str:
    # One text per number of candidates, so SQLite's statement cache keeps each prepared.
    return _LIVE_SQL["sqlite"].format(ids=",".join("?" * n))


def read_live(*, session: Session, site_ids: list[int], now: datetime) -> dict[int, Live]:
    """Return each site's stored count, its time and the places held now, in one query."""
    if not site_ids:
        return {}
    dialect = session.get_bind().dialect
    sql = _LIVE_SQL.get(dialect.name)
    if sql is None:  # a database the lean statements are not written for
        return live_rows(session=session, site_ids=site_ids, now=now)
    to_db, from_db = converters(dialect)
    slot = to_db(slot_of(now)) if to_db is not None else slot_of(now)
    if dialect.name == "sqlite":
        rows = fetch(session, _sqlite_live(len(site_ids)), (slot, *site_ids))
    else:
        rows = fetch(session, sql, (slot, site_ids))
    return {sid: (free, None if at is None else from_db(at), held) for sid, free, at, held in rows}


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


class Scored(NamedTuple):
    """One candidate with its live state, price, chance of a place and score."""

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


def score_candidates(
    candidates: Sequence[tuple[Entry, float]],
    live: dict[int, Live],
    *,
    fitted: dict[int, forecast.Fitted],
    now: datetime,
    arrive: datetime,
    leave: datetime,
    detour: float,
) -> list[Scored]:
    """Score every candidate: walking time, price of the stay and the risk of finding it full."""
    n = len(candidates)
    if not n:
        return []
    prices: dict[int, float | None] = {}
    waiting = (arrive - now).total_seconds() / 60
    shown_of: list[int | None] = []
    states: list[str] = []
    times: list[datetime | None] = []
    ages: list[int | None] = []
    price_of: list[float | None] = []
    # The freshness rule of ``occupancy.judge``, written out for the ~80 candidates of every
    # search (one call each cost more than the rule).
    for entry, _ in candidates:
        key = id(entry.tariff)
        if key not in prices:
            prices[key] = price_of_stay(entry.tariff, arrive, leave)
        price_of.append(prices[key])
        free, observed_at, held = live.get(entry.id, _UNKNOWN)
        times.append(observed_at)
        if observed_at is None:
            shown_of.append(None)
            states.append("none")
            ages.append(None)
            continue
        since = now - observed_at
        ages.append(max(0, int(since.total_seconds())))
        if since > STALE_AFTER:
            shown_of.append(None)
            states.append("stale")
        else:
            shown_of.append(None if free is None else max(0, min(free, entry.capacity) - held))
            states.append("live")
    chances = _chances(candidates, shown_of, times, ages, fitted, waiting=waiting, arrive=arrive)
    # The score, in minutes, for every candidate at once; the same operations, in the same
    # order, as one at a time.
    walk = np.fromiter((d for _, d in candidates), dtype=np.float64, count=n) * detour
    money = np.array(
        [
            UNKNOWN_PRICE_PENALTY_MIN if price is None else price / VALUE_OF_TIME_MAD_PER_MIN
            for price in price_of
        ],
        dtype=np.float64,
    )
    risk = (1 - np.array([0.5 if p is None else p for p in chances])) * MISS_PENALTY_MIN
    minutes = (walk / WALK_M_PER_MIN + money + risk).tolist()
    return [
        Scored(entry, distance, walk_m, shown, state, at, age, price, p, round(score, 2))
        for (entry, distance), walk_m, shown, state, at, age, price, p, score in zip(
            candidates,
            walk.tolist(),
            shown_of,
            states,
            times,
            ages,
            price_of,
            chances,
            minutes,
            strict=True,
        )
    ]


def _chances(
    candidates: Sequence[tuple[Entry, float]],
    shown_of: list[int | None],
    times: list[datetime | None],
    ages: list[int | None],
    fitted: dict[int, forecast.Fitted],
    *,
    waiting: float,
    arrive: datetime,
) -> list[float | None]:
    # The chance of a place at arrival: the fitted forecast where there is one, otherwise the
    # first model of ``p_free_at_arrival``, computed for every candidate at once.
    chances: list[float | None] = [None] * len(candidates)
    first: list[int] = []
    for i, ((entry, _), shown, at) in enumerate(zip(candidates, shown_of, times, strict=True)):
        if shown is None or (entry.capacity <= 0 and entry.id not in fitted):
            continue
        model = fitted.get(entry.id) if fitted else None
        if model is not None and at is not None:
            chances[i] = forecast.p_at_least_one(
                model, free=shown, capacity=entry.capacity, observed_at=at, at=arrive
            )
        elif entry.capacity > 0:
            first.append(i)
    if not first:
        return chances
    free = np.array([shown_of[i] for i in first], dtype=np.float64)
    capacity = np.array([candidates[i][0].capacity for i in first], dtype=np.float64)
    ahead = np.array([ages[i] or 0 for i in first], dtype=np.float64) / 60
    turnover = (capacity - free) / DWELL_MIN * np.maximum(0.0, waiting + ahead)
    spread = np.sqrt(2 * np.where(turnover > 0, turnover, 1.0))
    z = ((free - 0.5) / (spread * SQRT2)).tolist()
    for i, t, f, x in zip(first, turnover.tolist(), free.tolist(), z, strict=True):
        if t <= 0:
            chances[i] = 1.0 if f > 0 else 0.0
        else:
            chances[i] = round(0.5 * (1 + erf(x)), 3)
    return chances


def sort_key(sort: str) -> Callable[[Scored], tuple[Any, ...]]:
    """Return the ordering of a sort: ties go to the nearer site, then the reference."""
    if sort == "best":
        return lambda h: (h.score, h.distance, h.entry.ref)
    if sort == "price":
        return lambda h: (h.price is None, h.price or 0.0, h.distance, h.entry.ref)
    if sort == "free":
        return lambda h: (-(h.free if h.free is not None else -1), h.distance, h.entry.ref)
    return lambda h: (h.distance, h.entry.ref)


def hit(s: Scored, open_now: bool) -> dict[str, Any]:
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
