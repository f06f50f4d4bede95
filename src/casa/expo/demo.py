"""The 2018 edition recreated at its real scale: real theme, tracks and figures, generated people.

Figures, tracks, dates and the three named speakers come from the 2018 press release
(``data/expo/edition_2018.json``). Everyone else is generated and marked so (``generated``,
addresses at example.org); room capacities are illustrative.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime
from importlib import resources
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session as DbSession

from casa.core.config import Settings
from casa.expo import (
    demo_delegations,
    demo_exhibitors,
    editions,
    kpis,
    programme,
    registration,
    scheduler,
)
from casa.expo.models import Registration, Session
from casa.expo.schemas import EditionIn, RoomIn, SessionIn, SpeakerRef, VenueIn

FIRST = [
    "Amina",
    "Youssef",
    "Salma",
    "Omar",
    "Khadija",
    "Mehdi",
    "Fatima",
    "Karim",
    "Leila",
    "Hamza",
    "Nadia",
    "Reda",
    "Sara",
    "Anas",
    "Imane",
    "Ayoub",
    "Meryem",
    "Ismail",
    "Hind",
    "Adil",
    "Claire",
    "Paul",
    "Awa",
    "Moussa",
    "Li",
    "Wei",
    "Maria",
    "Jon",
    "Olga",
    "Ivan",
]
LAST = [
    "Benali",
    "El Amrani",
    "Tazi",
    "Berrada",
    "Alaoui",
    "Chraibi",
    "Idrissi",
    "Bennani",
    "Fassi",
    "Kettani",
    "Sow",
    "Traoré",
    "Diallo",
    "Martin",
    "Dupont",
    "Zhang",
    "Chen",
    "García",
    "Smith",
    "Petrov",
    "Ouali",
    "Naciri",
    "Lahlou",
    "Sefrioui",
    "Ziani",
]
COUNTRIES = [
    "MA",
    "FR",
    "ES",
    "SN",
    "CI",
    "ML",
    "BF",
    "GA",
    "CN",
    "US",
    "RU",
    "ID",
    "TN",
    "DZ",
    "EG",
    "NG",
    "KE",
    "BE",
    "DE",
    "IT",
    "PT",
    "CA",
    "GB",
    "NL",
    "CH",
]
ROUND_TABLES = {
    "developpement-durable": ["Villes bas carbone en Afrique", "Eau, énergie et déchets"],
    "participation-citoyenne": ["Budgets participatifs", "La ville co-construite"],
    "espaces-publics": ["Places et rues pour tous", "Le Grand Casablanca et ses espaces verts"],
    "civic-tech": ["Plateformes citoyennes", "Données ouvertes et transparence"],
    "innovation-urbaine": ["Mobilité urbaine de demain", "Casablanca Horizon 2030"],
    "nouvelles-technologies": ["Capteurs et jumeaux numériques", "Services numériques municipaux"],
}


def facts() -> dict[str, Any]:
    """Return the bundled facts of the 2018 edition."""
    text = resources.files("casa.data").joinpath("expo/edition_2018.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_2018(
    *, session: DbSession, settings: Settings, now: datetime, participants: int | None = None
) -> str:
    """Load the 2018 edition, its programme placed and published; running it twice is a no-op."""
    data = facts()
    ed = data["edition"]
    edition = editions.create_edition(
        session=session,
        data=EditionIn(
            year=ed["year"],
            title=ed["title"],
            theme=ed["theme"],
            starts_on=date.fromisoformat(ed["starts_on"]),
            ends_on=date.fromisoformat(ed["ends_on"]),
        ),
        now=now,
    )
    if session.scalar(select(func.count()).where(Session.edition_id == edition.id)):
        return "expo: 2018 already loaded"
    rng = random.Random(2018)  # noqa: S311 - demo people, not secrets
    for venue in data["venues"]:
        editions.upsert_venue(
            session=session,
            data=VenueIn(
                slug=venue["slug"],
                name=venue["name"],
                lat=venue["lat"],
                lon=venue["lon"],
                rooms=[RoomIn(**room) for room in venue["rooms"]],
            ),
        )
    for track in data["tracks"]:
        editions.add_track(session=session, edition=edition, **track)
    days = [date.fromisoformat(d) for d in ed["congress_days"]]
    window = [(editions.local_instant(d, 9 * 60), editions.local_instant(d, 19 * 60)) for d in days]
    named = [
        editions.add_speaker(
            session=session,
            edition=edition,
            name=p["name"],
            organisation=p["organisation"],
            city=p["city"],
            country=p["country"],
            availability=window,
            bio=data["source"],
        )
        for p in data["named_speakers"]
    ]
    n_generated = data["figures"]["speakers"] - len(named)
    generated = [
        editions.add_speaker(
            session=session,
            edition=edition,
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            organisation="Generated demo organisation",
            country=rng.choice(COUNTRIES),
            city="Casablanca",
            bio="Generated demo person.",
            availability=window,
            generated=True,
        )
        for _ in range(n_generated)
    ]
    for person, fact in zip(named, data["named_speakers"], strict=True):
        programme.add_session(
            session=session,
            edition=edition,
            data=SessionIn(
                title=f"Keynote – {person.name}",
                kind="keynote",
                track=fact["track"],
                duration_min=45,
                audience=500,
                speakers=[SpeakerRef(speaker=person.code)],
            ),
        )
    tables = [(t, title) for t, titles in ROUND_TABLES.items() for title in titles]
    for i, (track, title) in enumerate(tables):
        panel = generated[i :: len(tables)]
        programme.add_session(
            session=session,
            edition=edition,
            data=SessionIn(
                title=title,
                kind="round_table",
                track=track,
                duration_min=90,
                audience=rng.choice([100, 150, 200, 240]),
                speakers=[
                    SpeakerRef(speaker=s.code, role="moderator" if j == 0 else "speaker")
                    for j, s in enumerate(panel)
                ],
            ),
        )
    result = scheduler.schedule_edition(
        session=session, settings=settings, edition=edition, time_limit_s=10
    )
    programme.publish(session=session, edition=edition, now=now)
    for metric, value in data["figures"].items():
        kpis.enter(
            session=session,
            edition=edition,
            metric=metric,
            value=value,
            source="2018 press release",
        )
    n = _registrations(session, edition, rng, now, participants or data["figures"]["participants"])
    demo_exhibitors.load_2018(session=session, edition=edition, now=now)
    demo_delegations.load(session=session, edition=edition, now=now)
    return (
        f"expo: 2018 edition, {len(named) + len(generated)} speakers, "
        f"{result.placed} sessions placed, {n} generated registrations"
    )


def _registrations(
    session: DbSession, edition: Any, rng: random.Random, now: datetime, total: int
) -> int:
    categories = registration.ensure_categories(session=session, edition=edition)
    facts_ = facts()["figures"]
    plan = {
        "journalist": facts_["journalists"],
        "delegation": facts_["delegation_members"],
        "speaker": facts_["speakers"],
        "vip": 40,
        "exhibitor_staff": 400,
    }
    plan["citizen"] = total // 4
    plan["professional"] = max(0, total - sum(plan.values()))
    cities = facts()["delegation_cities"]
    rows: list[dict[str, Any]] = []
    for code, count in plan.items():
        category = categories[code]
        category.quota = max(category.quota, count)
        category.taken = count
        for _ in range(count):
            n = len(rows)
            city, country = rng.choice(cities) if code == "delegation" else ("Casablanca", "MA")
            rows.append(
                {
                    "edition_id": edition.id,
                    "category_id": category.id,
                    "user_id": None,
                    "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "email": f"demo{n}@example.org",
                    "organisation": None,
                    "city": city,
                    "country": country if code != "professional" else rng.choice(COUNTRIES),
                    "press_card": None,
                    "status": "confirmed",
                    "consent_at": now,
                    "created_at": now,
                    "ticket": f"demo{n:016d}",
                    "revoked_at": None,
                    "inside_venue_id": None,
                    "generated": True,
                    "erased": False,
                }
            )
    session.flush()
    session.execute(insert(cast(Table, Registration.__table__)), rows)
    return len(rows)
