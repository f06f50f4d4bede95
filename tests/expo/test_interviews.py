"""Interview requests: only accredited journalists ask; the speaker's sessions, travel time
between venues and other interviews decide which slots an answer may give."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from casa.accounts.models import User
from casa.core.config import Settings
from casa.core.db import Database
from casa.core.errors import CasaError
from casa.expo import editions, interviews, press, programme
from casa.expo.mail import ConsoleMailer
from casa.expo.schemas import PlacementIn
from casa.expo.schemas_delegations import AcceptIn, InterviewIn
from tests.expo.factories import NOW, YEAR, make_edition
from tests.expo.factories_delegations import PNG
from tests.factories import bearer, make_user

pytestmark = pytest.mark.integration
CASA = ZoneInfo("Africa/Casablanca")


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 4, 20, hour, minute, tzinfo=CASA)


def _world(db: Database, settings: Settings) -> dict[str, int | str]:
    """An edition whose session 1 (Amina, Omar) runs 10:00–11:00 at the Twin Center."""
    people = make_edition(db, sessions=1)
    jo = make_user(db, email="jo@casa.ma", roles=("journalist",), name="Jo")
    amina = make_user(db, email="amina@casa.ma", name="Amina")
    make_user(db, email="omar@casa.ma", name="Omar")
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        rooms = editions.rooms_by_id(session=session)
        auditorium = next(r.id for r in rooms.values() if r.name == "Auditorium")
        code = programme.sessions_of(session=session, edition=edition)[0].code
        programme.place(
            session=session,
            edition=edition,
            code=code,
            data=PlacementIn(room=auditorium, starts_at=_at(10)),
        )
        press.set_speaker_contact(
            session=session, edition=edition, code=people["Amina"], email="Amina@casa.ma"
        )
        row = press.request(
            session=session,
            settings=settings,
            edition=edition,
            user=session.get(User, jo),
            outlet="2M",
            press_card="MA-7",
            card=PNG,
            consent=True,
            now=NOW,
        )
        press.approve(session=session, edition=edition, ident=row.id, now=NOW)
    return {"jo": jo, "amina": amina, "speaker": people["Amina"], "other": people["Salma"]}


def _ask(session, edition, user_id, speaker):  # type: ignore[no-untyped-def]
    return interviews.ask(
        session=session,
        edition=edition,
        user=session.get(User, user_id),
        data=InterviewIn(speaker=speaker, topic="Villes et données"),
        now=NOW,
    )


def test_a_slot_is_refused_during_a_session_or_without_travel_time_or_twice(
    db: Database, settings: Settings
) -> None:
    world = _world(db, settings)
    tries = [
        (_at(10, 30), "twin-center"),  # inside the session
        (_at(11, 5), "technopark"),  # 13 min by road from the Twin Center: too short
        (_at(20), "twin-center"),  # after the day's closing time
        (_at(11, 0), "twin-center"),  # right after, same venue: fine
    ]
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        first = _ask(session, edition, world["jo"], world["speaker"]).id
        second = _ask(session, edition, world["jo"], world["speaker"]).id
    mailer = ConsoleMailer()

    def answer(ident: int, at: datetime, venue: str) -> tuple[str, str | None]:
        try:
            with db.session() as session:
                interviews.accept(
                    session=session,
                    settings=settings,
                    edition=editions.get_edition(session=session, year=YEAR),
                    user=session.get(User, world["amina"]),
                    ident=ident,
                    data=AcceptIn(starts_at=at, duration_min=30, venue=venue, place="Salon presse"),
                    now=NOW,
                    mailer=mailer,
                )
        except CasaError as exc:
            return (type(exc).__name__, exc.describe("en"))
        return ("accepted", None)

    outcomes = [answer(first, at, venue) for at, venue in tries]
    outcomes.append(answer(second, _at(11, 15), "twin-center"))

    assert outcomes == [
        (
            "SpeakerBusy",
            "The speaker is in the session 'Table ronde 1' at that time: choose another time",
        ),
        (
            "SpeakerTravelling",
            "The speaker needs 13 min to travel between the session 'Table ronde 1' and this "
            "place: choose another time or place",
        ),
        (
            "InterviewOutsideEdition",
            "An interview takes place during the edition's days and opening hours",
        ),
        ("accepted", None),
        (
            "SpeakerInInterview",
            "The speaker already gives another interview at that time: choose another time",
        ),
    ]
    assert [(m["To"], m.get_content().splitlines()[2]) for m in mailer.outbox] == [
        ("jo@casa.ma", "Votre demande d'interview est acceptée.")
    ]


def test_only_the_speaker_or_an_organizer_answers_and_only_accredited_journalists_ask(
    client: TestClient, db: Database, settings: Settings
) -> None:
    world = _world(db, settings)
    make_user(db, email="org@casa.ma", roles=("organizer",))
    make_user(db, email="al@casa.ma", roles=("journalist",), name="Al")
    jo, amina, omar, org, al = (
        bearer(client, f"{n}@casa.ma") for n in ("jo", "amina", "omar", "org", "al")
    )
    base = f"/api/v1/expo/editions/{YEAR}/interviews"
    body = {
        "speaker": world["speaker"],
        "topic": "Villes et données",
        "preferred": [
            {"starts_at": "2026-04-20T14:00:00+01:00", "ends_at": "2026-04-20T15:00:00+01:00"}
        ],
    }
    anonymous = client.post(base, json=body)
    not_accredited = client.post(base, json=body, headers={**al, "Accept-Language": "en"})
    by_speaker = client.post(base, json=body, headers=amina)
    asked = client.post(base, json=body, headers=jo)
    ident = asked.json()["id"]
    by_omar = client.post(
        f"{base}/{ident}/decline", json={"reason": "Non"}, headers={**omar, "Accept-Language": "en"}
    )
    seen = {
        name: client.get(base, headers=h).json()
        for name, h in (("amina", amina), ("omar", omar), ("org", org))
    }
    declined = client.post(
        f"{base}/{ident}/decline", json={"reason": "Agenda complet"}, headers=org
    )
    again = client.post(f"{base}/{ident}/decline", json={"reason": "Agenda complet"}, headers=amina)

    assert (anonymous.status_code, not_accredited.status_code, by_speaker.status_code) == (
        401,
        403,
        403,
    )
    assert (not_accredited.json()["type"], not_accredited.json()["detail"]) == (
        "https://casa.ma/problems/expo-not-accredited",
        "This needs a press accreditation approved for this edition",
    )
    assert asked.status_code == 201
    assert asked.json() == {
        "id": ident,
        "speaker": world["speaker"],
        "speaker_name": "Amina",
        "journalist": "Jo",
        "outlet": "2M",
        "topic": "Villes et données",
        "preferred": [["2026-04-20T13:00:00Z", "2026-04-20T14:00:00Z"]],
        "status": "requested",
        "starts_at": None,
        "duration_min": None,
        "venue": None,
        "place": None,
        "reason": None,
    }
    assert (by_omar.status_code, by_omar.json()["type"]) == (
        403,
        "https://casa.ma/problems/expo-not-the-speaker",
    )
    assert {k: [r["id"] for r in v] for k, v in seen.items()} == {
        "amina": [ident],
        "omar": [],
        "org": [ident],
    }
    assert (declined.status_code, declined.json()["status"], declined.json()["reason"]) == (
        200,
        "declined",
        "Agenda complet",
    )
    assert (again.status_code, again.json()["field"]) == (409, "id")
