"""The price of a stay, computed from a structured tariff (in centimes, no float rounding)."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from casa.core.clock import CASABLANCA
from casa.parking.exceptions import InvalidTariff
from casa.parking.schemas import NightRate, Tariff

DAY = timedelta(hours=24)
MONTH_MINUTES = 30 * 24 * 60


def cents(amount: Decimal | None) -> int | None:
    """Return an amount of money in centimes."""
    return None if amount is None else int((amount * 100).to_integral_value())


def parse_tariff(data: dict[str, Any]) -> Tariff:
    """Validate a tariff, raising InvalidTariff with what to fix."""
    try:
        return Tariff.model_validate(data)
    except ValidationError as exc:
        raise InvalidTariff(str(exc.errors()[0]["msg"]), field="tariff") from exc


def _rate(tariff: Tariff, minutes: int, *, first: bool) -> int:
    """Return the centimes a run of daytime minutes costs, before caps."""
    if minutes <= 0:
        return 0
    if tariff.bands:
        last = tariff.bands[-1]
        blocks, rest = divmod(minutes, last.up_to_minutes)
        total = blocks * (cents(last.price) or 0)
        if rest:
            band = next(b for b in tariff.bands if b.up_to_minutes >= rest)
            total += cents(band.price) or 0
        return total
    assert tariff.unit_minutes is not None and tariff.unit_price is not None
    units = math.ceil(minutes / tariff.unit_minutes)
    unit = cents(tariff.unit_price) or 0
    opening = (cents(tariff.first_unit_price) or 0) if first and tariff.first_unit_price else unit
    return opening + (units - 1) * unit


def _night_overlaps(night: NightRate, start: datetime, end: datetime) -> list[int]:
    """Return the minutes of each night window (local time) that [start, end) overlaps."""
    overlaps: list[int] = []
    first_day: date = start.astimezone(CASABLANCA).date() - timedelta(days=1)
    last_day: date = end.astimezone(CASABLANCA).date()
    day = first_day
    while day <= last_day:
        n_start = datetime.combine(day, night.starts, CASABLANCA)
        end_day = day + timedelta(days=1) if night.ends <= night.starts else day
        n_end = datetime.combine(end_day, night.ends, CASABLANCA)
        lo, hi = max(start, n_start), min(end, n_end)
        if hi > lo:
            overlaps.append(math.ceil((hi - lo).total_seconds() / 60))
        day += timedelta(days=1)
    return overlaps


def _period_cost(tariff: Tariff, start: datetime, end: datetime, *, first: bool) -> int:
    minutes = math.ceil((end - start).total_seconds() / 60)
    night_total = 0
    night_minutes = 0
    if tariff.night is not None:
        flat = cents(tariff.night.price) or 0
        for overlap in _night_overlaps(tariff.night, start, end):
            night_minutes += overlap
            # The flat rate caps a night: a short evening stay still pays by the hour.
            night_total += min(flat, _rate(tariff, overlap, first=False))
    cost = _rate(tariff, minutes - night_minutes, first=first) + night_total
    cap = cents(tariff.daily_cap)
    return min(cost, cap) if cap is not None else cost


def price_cents(tariff: Tariff, start: datetime, end: datetime) -> int:
    """Return the price of a stay from start to end, in centimes."""
    if end <= start:
        return 0
    minutes = math.ceil((end - start).total_seconds() / 60)
    if minutes <= tariff.free_minutes:
        return 0
    total = 0
    period = start
    while period < end:
        period_end = min(period + DAY, end)
        total += _period_cost(tariff, period, period_end, first=period == start)
        period = period_end
    monthly = cents(tariff.monthly_pass)
    if monthly is not None and minutes >= MONTH_MINUTES:
        total = min(total, math.ceil(minutes / MONTH_MINUTES) * monthly)
    return total


@lru_cache(maxsize=4096)
def _cached_price(tariff: Tariff, start: datetime, end: datetime) -> int:
    return price_cents(tariff, start, end)


def price_of_stay(tariff: Tariff | None, start: datetime, end: datetime) -> float | None:
    """Return the price of a stay in the tariff's currency, or None when the tariff is unknown."""
    if tariff is None:
        return None
    return _cached_price(tariff, start, end) / 100


def stay_end(start: datetime, stay_minutes: int) -> datetime:
    """Return when a stay of some minutes that begins at start ends."""
    return start + timedelta(minutes=stay_minutes)


__all__ = ["cents", "parse_tariff", "price_cents", "price_of_stay", "stay_end", "time"]
