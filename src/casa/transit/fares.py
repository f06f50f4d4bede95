"""Fares of a journey from the loaded fare rules, and the city's two fare tables.

GTFS fare rules (fares v1) price each ride by its line; a ticket covers the next boardings
while its ``transfers`` and ``transfer_duration`` allow (Casablanca: one free transfer between
tram and busway within 30 minutes). The Casablanca answers also say which of the two fare
tables they use: the one in force since 2024-03-01, or the one voted on 2024-05-15.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.transit import facts
from casa.transit import models as m


@dataclass(frozen=True, slots=True)
class FareProduct:
    """One fare of the loaded feeds."""

    fare_id: str
    price: Decimal
    currency: str
    transfers: int | None
    transfer_duration_s: int | None


@dataclass(frozen=True, slots=True)
class FareTable:
    """A city fare table: its status, its date, and what the journey costs under it."""

    status: str
    since: date | None
    amount: Decimal
    used: bool


@dataclass(frozen=True, slots=True)
class FareQuote:
    """The price of a journey: tickets bought and the table used."""

    amount: Decimal
    currency: str
    tickets: int
    tables: tuple[FareTable, ...]


@dataclass
class FareRules:
    """The fare products and the line each applies to."""

    products: dict[str, FareProduct]
    by_route: dict[str, str]
    default: str | None


def load_rules(*, session: Session, prefixes: dict[int, str]) -> FareRules:
    """Return the fare products and rules of every loaded feed."""
    products: dict[str, FareProduct] = {}
    for f in session.scalars(select(m.TransitFare)):
        p = prefixes.get(f.feed_id, "")
        products[p + f.fare_id] = FareProduct(
            p + f.fare_id, f.price, f.currency, f.transfers, f.transfer_duration_s
        )
    by_route: dict[str, str] = {}
    default = None
    for r in session.scalars(select(m.TransitFareRule)):
        p = prefixes.get(r.feed_id, "")
        if r.route_id:
            by_route[p + r.route_id] = p + r.fare_id
        elif not (r.origin_id or r.destination_id or r.contains_id):
            default = p + r.fare_id
    if default is None and len(products) == 1:
        default = next(iter(products))
    return FareRules(products, by_route, default)


def quote(rules: FareRules, rides: Sequence[tuple[str, int]]) -> FareQuote | None:
    """Price rides given as (line, boarding time in seconds); None when a ride has no fare."""
    total = Decimal(0)
    tickets = 0
    currency = None
    current: FareProduct | None = None
    bought_at = 0
    used = 0
    for route_id, boarding in rides:
        fare_id = rules.by_route.get(route_id, rules.default)
        product = rules.products.get(fare_id) if fare_id else None
        if product is None:
            return None
        still_valid = (
            current is not None
            and current.fare_id == product.fare_id
            and (current.transfers is None or used < current.transfers)
            and (
                current.transfer_duration_s is None
                or boarding - bought_at <= current.transfer_duration_s
            )
        )
        if still_valid:
            used += 1
            continue
        current, bought_at, used = product, boarding, 0
        total += product.price
        tickets += 1
        currency = product.currency
    if currency is None:
        return None
    return FareQuote(total, currency, tickets, city_tables(total, tickets, currency))


def city_tables(amount: Decimal, tickets: int, currency: str) -> tuple[FareTable, ...]:
    """Return Casablanca's fare tables priced for this many tickets, marking the one used."""
    if currency != "MAD" or tickets == 0:
        return ()
    tables = []
    for status in ("in force", "voted"):
        try:
            single = facts.single_ticket(status)
        except LookupError:
            continue
        price = Decimal(str(single.price_mad)) * tickets
        tables.append(FareTable(status, single.effective_from, price, price == amount))
    return tuple(tables)
