"""Opening hours in OpenStreetMap's ``opening_hours`` syntax, read in Casablanca's local time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import opening_hours

from casa.core.clock import CASABLANCA
from casa.parking.exceptions import InvalidOpeningHours

ALWAYS = "24/7"
# The binding declares its parser error only at run time.
ParserError: type[Exception] = getattr(opening_hours, "ParserError", ValueError)


@lru_cache(maxsize=1024)
def parse(expression: str) -> opening_hours.OpeningHours:
    """Parse an opening_hours expression, raising InvalidOpeningHours when it is not valid."""
    try:
        return opening_hours.OpeningHours(expression)
    except (ParserError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "cannot be read"
        raise InvalidOpeningHours(
            f"{expression!r} is not valid opening_hours syntax ({first}); "
            "write it as OpenStreetMap does, such as 'Mo-Fr 08:00-18:00; Sa 08:00-13:00'",
            field="opening_hours",
        ) from exc


def validate(expression: str) -> str:
    """Return the expression stripped, once it is known to parse."""
    expression = expression.strip() or ALWAYS
    parse(expression)
    return expression


def _local_naive(at: datetime) -> datetime:
    return at.astimezone(CASABLANCA).replace(tzinfo=None)


def is_open(expression: str, at: datetime) -> bool:
    """Tell whether a site is open at an instant."""
    if expression == ALWAYS:
        return True
    return bool(parse(expression).is_open(_local_naive(at)))


def open_throughout(expression: str, start: datetime, end: datetime) -> bool:
    """Tell whether a site stays open for the whole window [start, end)."""
    if expression == ALWAYS:
        return True
    hours = parse(expression)
    if not hours.is_open(_local_naive(start)):
        return False
    change = hours.next_change(_local_naive(start))
    return change is None or change >= _local_naive(end)


def next_window(
    expression: str,
    earliest: datetime,
    stay: timedelta,
    *,
    horizon: timedelta = timedelta(days=7),
    step: timedelta = timedelta(minutes=15),
) -> datetime | None:
    """Return the first start, from ``earliest`` on by ``step``, of a stay the site is open
    for throughout; None when there is none within the horizon."""
    at = earliest
    while at <= earliest + horizon:
        if open_throughout(expression, at, at + stay):
            return at
        at += step
    return None


def week(expression: str, first: date, days: int = 7) -> list[tuple[date, list[tuple[str, str]]]]:
    """Return each day's open spans ("07:30", "19:30") from a first local day on.

    A span that runs past midnight is cut at "24:00" and goes on the next day from "00:00";
    a day with no span is closed (or its state unknown).
    """
    start = datetime.combine(first, time())
    end = start + timedelta(days=days)
    spans: dict[date, list[tuple[str, str]]] = {first + timedelta(days=i): [] for i in range(days)}
    for opens, closes, state, _ in parse(expression).intervals(start, end):
        if state != opening_hours.State.OPEN:
            continue
        cursor = opens
        while cursor < closes:
            midnight = datetime.combine(cursor.date() + timedelta(days=1), time())
            stop = min(closes, midnight)
            until = "24:00" if stop == midnight else f"{stop:%H:%M}"
            spans[cursor.date()].append((f"{cursor:%H:%M}", until))
            cursor = stop
    return list(spans.items())
