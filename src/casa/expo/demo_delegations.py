"""Delegations and press of the 2018 edition, at their real scale, with generated people.

The 2018 press release counts 200 delegation members from 40 cities and 25 nationalities, and
128 journalists; it names twelve of the cities (``data/expo/edition_2018.json``). The other 28
cities below are real cities chosen to reach those counts: they are illustrative, like every
person, hotel booking, need, press outlet and interview request here (all generated).
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casa.expo import editions
from casa.expo.models import Category, Edition, Registration, Speaker
from casa.expo.models.delegations import (
    Accreditation,
    Delegation,
    DelegationMember,
    InterviewRequest,
    PressKit,
)

ILLUSTRATIVE_CITIES: list[tuple[str, str]] = [
    ("Barcelona", "ES"), ("Madrid", "ES"), ("Sevilla", "ES"), ("Tunis", "TN"), ("Sfax", "TN"),
    ("Oran", "DZ"), ("Alexandria", "EG"), ("Cairo", "EG"), ("Lagos", "NG"), ("Nairobi", "KE"),
    ("Bruxelles", "BE"), ("Liège", "BE"), ("Hamburg", "DE"), ("Berlin", "DE"), ("Torino", "IT"),
    ("Genova", "IT"), ("Lisboa", "PT"), ("Porto", "PT"), ("Montréal", "CA"), ("Bristol", "GB"),
    ("Rotterdam", "NL"), ("Genève", "CH"), ("Bordeaux", "FR"), ("Lyon", "FR"),
    ("Saint-Louis", "SN"), ("Bouaké", "CI"), ("Rabat", "MA"), ("Tanger", "MA"),
]  # fmt: skip
LANGUAGES = {
    "CN": "zh", "RU": "ru", "ID": "id", "US": "en", "GB": "en", "NG": "en", "KE": "en",
    "CA": "en", "ES": "es", "PT": "pt", "DE": "de", "IT": "it", "NL": "nl", "EG": "ar",
}  # fmt: skip
HEADS = ["mayor", "mayor", "deputy_mayor", "governor", "council_member", "ambassador"]
OTHERS = ["council_member", "senior_official", "official", "delegate", "delegate"]
HOTELS = ["Hôtel Atlas (demo)", "Hôtel Anfa (demo)", "Hôtel Corniche (demo)"]
ROOMS = ["single", "single", "double", "suite"]
NEEDS = ["Halal", "Vegetarian", "No gluten", "No nuts"]


def _facts() -> dict[str, Any]:
    text = resources.files("casa.data").joinpath("expo/edition_2018.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load(*, session: Session, edition: Edition, now: datetime) -> str:
    """Load 2018's delegations, accreditations, press kit and interviews; twice is a no-op."""
    if session.scalar(select(func.count()).where(Delegation.edition_id == edition.id)):
        return "expo: 2018 delegations already loaded"
    rng = random.Random(20180418)  # noqa: S311 - demo people, not secrets
    cities = [tuple(c) for c in _facts()["delegation_cities"]] + ILLUSTRATIVE_CITIES
    members = _of_category(session, edition, "delegation")
    per = max(1, len(members) // len(cities))
    for n, (city, country) in enumerate(cities):
        delegation = Delegation(
            edition_id=edition.id, city=city, country=country, protocol_order=0, created_at=now
        )
        session.add(delegation)
        session.flush()
        group = members[n * per : (n + 1) * per] if n < len(cities) - 1 else members[n * per :]
        arrives = datetime(2018, 4, 17, 10, tzinfo=UTC) + timedelta(hours=rng.randint(0, 30))
        departs = datetime(2018, 4, 20, 10, tzinfo=UTC) + timedelta(hours=rng.randint(0, 50))
        hotel = rng.choice(HOTELS)
        language = LANGUAGES.get(country)
        for i, reg in enumerate(group):
            reg.city, reg.country = city, country
            session.add(
                DelegationMember(
                    delegation_id=delegation.id,
                    registration_id=reg.id,
                    position=rng.choice(HEADS) if i == 0 else rng.choice(OTHERS),
                    is_head=i == 0,
                    arrives_at=arrives,
                    departs_at=departs,
                    hotel=hotel,
                    room_type=rng.choice(ROOMS),
                    interpreter_languages=[language] if language else [],
                    dietary=rng.choice(NEEDS) if rng.random() < 0.2 else None,
                    accessibility="Wheelchair access" if rng.random() < 0.03 else None,
                )
            )
    journalists = _of_category(session, edition, "journalist")
    accreditations = [
        Accreditation(
            edition_id=edition.id,
            registration_id=reg.id,
            user_id=None,
            outlet=f"Demo media {n % 30 + 1}",
            press_card=f"DEMO-{n + 1:04d}",
            status="approved",
            created_at=now,
            decided_at=now,
            generated=True,
        )
        for n, reg in enumerate(journalists)
    ]
    session.add_all(accreditations)
    session.flush()
    _press_kit(session, edition, now)
    asked = _interviews(session, edition, accreditations, now)
    return (
        f"expo: 2018 press and delegations, {len(cities)} delegations of {len(members)} "
        f"members, {len(accreditations)} accredited journalists, {asked} interview requests"
    )


def _of_category(session: Session, edition: Edition, code: str) -> list[Registration]:
    return list(
        session.scalars(
            select(Registration)
            .join(Category, Category.id == Registration.category_id)
            .where(Registration.edition_id == edition.id, Category.code == code)
            .order_by(Registration.id)
        )
    )


def _press_kit(session: Session, edition: Edition, now: datetime) -> None:
    facts: dict[str, Any] = _facts()
    figures = facts["figures"]
    release = (
        f"{edition.title} – « {edition.theme} ».\n\n"
        f"{figures['participants']} participants, {figures['speakers']} intervenants, "
        f"{figures['delegation_members']} membres de délégations de {figures['cities']} villes "
        f"et {figures['nationalities']} nationalités, {figures['journalists']} journalistes.\n\n"
        f"Source : {facts['source']}"
    )
    session.add(
        PressKit(
            edition_id=edition.id,
            release=release,
            contact_name="Bureau de presse (demo)",
            contact_email="presse@example.org",
            contact_phone="",
            updated_at=now,
        )
    )


def _interviews(
    session: Session, edition: Edition, accreditations: list[Accreditation], now: datetime
) -> int:
    speakers = sorted(
        (s for s in session.scalars(select(Speaker).where(Speaker.edition_id == edition.id))),
        key=lambda s: (s.generated, s.code),
    )[:3]
    venue = editions.get_venue(session=session, slug="twin-center")
    # The congress ran on 18 and 19 April: on the 20th, the speakers have no session.
    plan = [("accepted", 10), ("accepted", 11), ("requested", None), ("declined", None)]
    count = 0
    for speaker in speakers:
        for n, (status, hour) in enumerate(plan):
            who = accreditations[(count * 7) % len(accreditations)]
            start = datetime(2018, 4, 20, hour - 1, tzinfo=UTC) if hour else None
            session.add(
                InterviewRequest(
                    edition_id=edition.id,
                    accreditation_id=who.id,
                    speaker_id=speaker.id,
                    topic=f"Villes à vivre – question {n + 1}",
                    preferred=[],
                    status=status,
                    starts_at=start,
                    duration_min=30 if start else None,
                    venue_id=venue.id if start else None,
                    place="Salon presse" if start else None,
                    reason="Agenda complet" if status == "declined" else None,
                    created_at=now,
                    answered_at=now if status != "requested" else None,
                )
            )
            count += 1
    session.flush()
    return count
