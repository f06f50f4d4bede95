"""Figures of each edition: entered by organizers for past editions, computed for Casa's own."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session as DbSession

from casa.core.clock import CASABLANCA
from casa.expo.editions import list_editions
from casa.expo.models import (
    Category,
    Edition,
    Figure,
    Registration,
    Scan,
    Session,
    Speaker,
    Venue,
)
from casa.expo.models.delegations import Delegation
from casa.expo.models.exhibitors import Exhibitor

METRICS: tuple[str, ...] = (
    "participants",
    "journalists",
    "delegation_members",
    "nationalities",
    "cities",
    "speakers",
    "sessions",
    "exhibitors",
    "checkins",
    "no_show_rate",
)


def enter(*, session: DbSession, edition: Edition, metric: str, value: float, source: str) -> None:
    """Record a figure of an edition from an outside source (replacing an earlier entry)."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    row = session.scalar(
        select(Figure).where(Figure.edition_id == edition.id, Figure.metric == metric)
    )
    if row is None:
        row = Figure(edition_id=edition.id, metric=metric)
        session.add(row)
    row.value, row.source = value, source
    session.flush()


def _confirmed(edition: Edition) -> Any:
    return select(Registration).where(
        Registration.edition_id == edition.id, Registration.status == "confirmed"
    )


def computed(*, session: DbSession, edition: Edition) -> dict[str, float]:
    """Compute an edition's figures from its data."""
    confirmed = _confirmed(edition).subquery()
    by_category: dict[str, int] = dict(
        session.execute(  # type: ignore[arg-type]
            select(Category.code, func.count())
            .join(confirmed, confirmed.c.category_id == Category.id)
            .group_by(Category.code)
        ).all()
    )
    participants = int(sum(by_category.values()))
    entered = set(
        session.scalars(
            select(distinct(Scan.ticket)).where(
                Scan.edition_id == edition.id, Scan.accepted, Scan.kind == "entry"
            )
        )
    )
    tickets = set(session.scalars(select(confirmed.c.ticket)))
    checkins = session.scalar(
        select(func.count()).where(
            Scan.edition_id == edition.id, Scan.accepted, Scan.kind == "entry"
        )
    )
    return {
        "participants": participants,
        "journalists": int(by_category.get("journalist", 0)),
        "delegation_members": int(by_category.get("delegation", 0)),
        "nationalities": int(
            session.scalar(select(func.count(distinct(confirmed.c.country)))) or 0
        ),
        # As in the 2018 press release: the cities that sent a delegation.
        "cities": len(
            set(
                session.execute(
                    select(Delegation.city, Delegation.country).where(
                        Delegation.edition_id == edition.id
                    )
                ).all()
            )
        ),
        "speakers": int(
            session.scalar(select(func.count()).where(Speaker.edition_id == edition.id)) or 0
        ),
        "sessions": int(
            session.scalar(select(func.count()).where(Session.edition_id == edition.id)) or 0
        ),
        "exhibitors": int(
            session.scalar(select(func.count()).where(Exhibitor.edition_id == edition.id)) or 0
        ),
        "checkins": int(checkins or 0),
        "no_show_rate": round(len(tickets - entered) / len(tickets), 4) if tickets else 0.0,
    }


def checkins_by_venue_day(*, session: DbSession, edition: Edition) -> list[dict[str, Any]]:
    """Count an edition's admitted entries per venue and local day."""
    counter: Counter[tuple[str, str]] = Counter()
    rows = session.execute(
        select(Venue.slug, Scan.at)
        .join(Venue, Venue.id == Scan.venue_id)
        .where(Scan.edition_id == edition.id, Scan.accepted, Scan.kind == "entry")
    )
    for slug, at in rows:
        counter[(slug, at.astimezone(CASABLANCA).date().isoformat())] += 1
    return [
        {"venue": venue, "day": day, "entries": n} for (venue, day), n in sorted(counter.items())
    ]


def figures(*, session: DbSession, edition: Edition) -> dict[str, Any]:
    """Return an edition's figures: entered ones win, the rest computed, each with its source."""
    values: dict[str, float] = dict(computed(session=session, edition=edition))
    sources = {metric: "computed" for metric in values}
    for row in session.scalars(select(Figure).where(Figure.edition_id == edition.id)):
        values[row.metric] = row.value
        sources[row.metric] = f"entered: {row.source}"
    return {
        "year": edition.year,
        "title": edition.title,
        "figures": {m: values[m] for m in METRICS if m in values},
        "sources": {m: sources[m] for m in METRICS if m in sources},
        "checkins_by_venue_day": checkins_by_venue_day(session=session, edition=edition),
    }


def to_csv(*, session: DbSession) -> str:
    """Return every edition's figures as CSV, one row per edition."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", *METRICS])
    for edition in list_editions(session=session):
        values = figures(session=session, edition=edition)["figures"]
        writer.writerow([edition.year, *(_fmt(values.get(m)) for m in METRICS)])
    return out.getvalue()


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


#: What each column of the figures CSV holds, for the open-data package.
FIELDS: dict[str, tuple[str, str]] = {
    "year": ("integer", "Year of the edition"),
    "participants": ("integer", "Confirmed registrations (or the organizers' count)"),
    "journalists": ("integer", "Accredited journalists"),
    "delegation_members": ("integer", "Members of city delegations"),
    "nationalities": ("integer", "Distinct countries of participants"),
    "cities": ("integer", "Cities that sent a delegation"),
    "speakers": ("integer", "Speakers and moderators"),
    "sessions": ("integer", "Sessions of the programme"),
    "exhibitors": ("integer", "Exhibitors, startups, institutions and sponsors of the trade show"),
    "checkins": ("integer", "Admitted entries at the gates"),
    "no_show_rate": ("number", "Share of live tickets never scanned at a gate (0 to 1)"),
}
LICENCE = {
    "name": "ODbL-1.0",
    "title": "Open Data Commons Open Database License 1.0",
    "path": "https://opendatacommons.org/licenses/odbl/1-0/",
}


def datapackage(*, session: DbSession, base_url: str) -> dict[str, Any]:
    """Describe every edition's figures as a Frictionless data package (open data)."""
    root = base_url.rstrip("/") + "/"
    rows = [figures(session=session, edition=e) for e in list_editions(session=session)]
    sources = sorted(
        {s.removeprefix("entered: ") for row in rows for s in row["sources"].values()}
        - {"computed"}
    )
    return {
        "profile": "tabular-data-package",
        "name": "casablanca-smart-city-expo-figures",
        "title": "Smart City Expo Casablanca: figures of every edition",
        "homepage": f"{root}expo/figures",
        "licenses": [LICENCE],
        "sources": [{"title": s} for s in sources]
        + [{"title": "Casa: computed from registrations and gate scans", "path": root}],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "figures",
                "path": f"{root}api/v1/expo/kpis.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": text}
                        for name, (kind, text) in FIELDS.items()
                    ],
                    "primaryKey": ["year"],
                },
            },
            {
                "profile": "tabular-data-resource",
                "name": "figure-sources",
                "data": [
                    {"year": row["year"], "metric": metric, "source": source}
                    for row in rows
                    for metric, source in row["sources"].items()
                ],
                "schema": {
                    "fields": [
                        {"name": "year", "type": "integer"},
                        {"name": "metric", "type": "string"},
                        {"name": "source", "type": "string"},
                    ],
                    "primaryKey": ["year", "metric"],
                },
            },
            {
                "profile": "tabular-data-resource",
                "name": "checkins-by-venue-day",
                "data": [
                    {"year": row["year"], **count}
                    for row in rows
                    for count in row["checkins_by_venue_day"]
                ],
                "schema": {
                    "fields": [
                        {"name": "year", "type": "integer"},
                        {"name": "venue", "type": "string"},
                        {"name": "day", "type": "date"},
                        {"name": "entries", "type": "integer"},
                    ],
                    "primaryKey": ["year", "venue", "day"],
                },
            },
        ],
    }


def checkins_of_editions(*, session: DbSession) -> list[dict[str, Any]]:
    """Return every edition's admitted entries per venue and day, editions in order."""
    return [
        {"year": e.year, "days": checkins_by_venue_day(session=session, edition=e)}
        for e in list_editions(session=session)
    ]
