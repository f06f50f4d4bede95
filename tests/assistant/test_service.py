"""WEBOT end to end on the bundled network: journeys, follow-ups, fares, parking, the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from casa.assistant import dialogue, service
from casa.assistant.eval import evaluate
from casa.assistant.models import Conversation
from casa.city import service as city
from casa.core.db import Database
from casa.parking import sites
from casa.transit import service as transit

pytestmark = pytest.mark.integration
NOW = datetime(2026, 4, 19, 20, 0, tzinfo=UTC)


@pytest.fixture
def loaded(db: Database) -> Database:
    with db.session() as session:
        city.load_bundled(session=session)
        sites.load_bundled(session=session, now=NOW)
        transit.load_bundled(session=session, now=NOW)
    return db


def rides(data: dict[str, object]) -> list[tuple[str, str, str]]:
    legs = data["journey"]["legs"]  # type: ignore[index]
    return [
        (x["line"]["id"], x["from"]["name"], x["to"]["name"]) for x in legs if x["mode"] == "ride"
    ]


def test_reply_plans_a_darija_journey_and_its_return(loaded: Database) -> None:
    with loaded.session() as session:
        first = service.reply(
            session=session,
            conversation_id=None,
            text="kifach nmchi mn casa port l ain diab ghda f 8",
            now=NOW,
        )
        back = service.reply(
            session=session, conversation_id=first.conversation_id, text="w bach nrje3?", now=NOW
        )

    assert (first.language, first.intent, rides(first.data)) == (
        "darija_latn",
        "journey",
        [("T1", "Marché Central", "Abdelmoumen"), ("T2", "Anoual", "Ain Diab Plage")],
    )
    assert first.data["journey"]["departure"] == "2026-04-20T08:01:29+01:00"
    assert (back.intent, rides(back.data)[0][:2], back.reply.startswith("rjou3:")) == (
        "journey",
        ("T2", "Ain Diab Plage"),
        True,
    )


def test_reply_asks_for_the_origin_then_fills_it(loaded: Database) -> None:
    with loaded.session() as session:
        ask = service.reply(
            session=session, conversation_id="c1", text="itinéraire pour Anfa Park", now=NOW
        )
        done = service.reply(
            session=session, conversation_id="c1", text="depuis Casa Voyageurs", now=NOW
        )

    assert (ask.data, ask.reply) == ({"asks": "from"}, "D'où partez-vous ?")
    assert (done.intent, done.data["from"], done.data["to"]) == (
        "journey",
        "Gare de Casa-Voyageurs",
        "Anfa Park",
    )


def test_reply_gives_both_fare_tables(loaded: Database) -> None:
    with loaded.session() as session:
        answer = service.reply(
            session=session, conversation_id=None, text="chhal tiki dyal tram?", now=NOW
        )

    assert answer.data == {
        "fare": {"amount": "8.00", "currency": "MAD", "table": "in force"},
        "voted": {"amount": "9.00", "since": "2024-05-15"},
    }


def test_reply_lists_car_parks_near_a_place(loaded: Database) -> None:
    with loaded.session() as session:
        answer = service.reply(
            session=session, conversation_id=None, text="Où me garer près du Twin Center ?", now=NOW
        )

    assert (answer.intent, len(answer.data["parking"]), answer.entities[-1]["value"]) == (
        "parking",
        3,
        "twin-center",
    )


def test_conversations_are_forgotten_after_thirty_minutes(loaded: Database) -> None:
    with loaded.session() as session:
        service.reply(session=session, conversation_id="old", text="bonjour", now=NOW)
        dialogue.forget_expired(session=session, now=NOW + timedelta(minutes=31))
        left = session.get(Conversation, "old")

    assert left is None


def test_messages_endpoint_answers_anonymous_callers(client: TestClient, loaded: Database) -> None:
    response = client.post("/api/v1/assistant/messages", json={"text": "Bonjour"})

    body = response.json()
    assert (response.status_code, body["language"], body["intent"], body["entities"]) == (
        200,
        "fr",
        "greeting",
        [],
    )


def test_messages_endpoint_refuses_empty_text(client: TestClient) -> None:
    response = client.post("/api/v1/assistant/messages", json={"text": ""})

    assert response.status_code == 422


def test_eval_reports_every_language_form(loaded: Database) -> None:
    with loaded.session() as session:
        report = evaluate(session=session, split="dev", end_to_end=False)

    assert sorted(report.intent) == ["ar", "darija_ar", "darija_latn", "en", "fr", "overall"]
    assert sorted(report.baseline) == sorted(report.intent)
    assert sorted(report.entity) == ["f1", "precision", "recall"]


def test_mode_follow_up_replans_the_last_journey_on_that_mode(loaded: Database) -> None:
    with loaded.session() as session:
        first = service.reply(
            session=session,
            conversation_id=None,
            text="kifach nmchi mn casa port l ain diab ghda f 8",
            now=NOW,
        )
        tram = service.reply(
            session=session, conversation_id=first.conversation_id, text="w b tram?", now=NOW
        )

    assert (
        tram.intent,
        tram.language,
        rides(tram.data),
        tram.reply.startswith("ghir b tram:"),
    ) == (
        "journey",
        "darija_latn",
        rides(first.data),
        True,
    )


def test_mode_follow_up_says_plainly_when_no_journey_rides_only_that_mode(
    loaded: Database,
) -> None:
    with loaded.session() as session:
        first = service.reply(
            session=session,
            conversation_id=None,
            text="How do I get from Lissasfa to Sidi Moumen at 5pm?",
            now=NOW,
        )
        bus = service.reply(
            session=session, conversation_id=first.conversation_id, text="and by busway?", now=NOW
        )

    assert (bus.intent, bus.language, bus.reply.split(";")[0]) == (
        "journey",
        "en",
        "I found no journey by busway only from Lissasfa to Sidi Moumen",
    )


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("w b tram?", "tram"),
        ("et en tram ?", "tram"),
        ("and by busway?", "bus"),
        ("وبالطرام؟", "tram"),
        ("chhal b tram?", None),
        ("chhal tiki dyal tram?", None),
    ],
)
def test_mode_of_reads_only_bare_mode_follow_ups(text: str, mode: str | None) -> None:
    assert dialogue.mode_of(text) == mode


def test_mode_follow_up_looks_past_the_first_window_to_the_first_tram(loaded: Database) -> None:
    night = datetime(2026, 4, 20, 2, 0, tzinfo=UTC)  # 03:00 in Casablanca: no tram before 05:30
    with loaded.session() as session:
        first = service.reply(
            session=session,
            conversation_id=None,
            text="kifach nmchi mn casa port l ain diab daba",
            now=night,
        )
        tram = service.reply(
            session=session, conversation_id=first.conversation_id, text="w b tram?", now=night
        )

    assert (tram.intent, tram.reply.split(":")[0], rides(tram.data)) == (
        "journey",
        "ghir b tram",
        [("T3", "Casa Port", "Derb Tolba"), ("T2", "Derb Sultan", "Ain Diab Plage")],
    )
    assert tram.data["journey"]["departure"] == "2026-04-20T05:30:00+01:00"


def test_mode_follow_up_says_when_nothing_runs_any_more_that_day(loaded: Database) -> None:
    with loaded.session() as session:
        first = service.reply(
            session=session,
            conversation_id=None,
            text="kifach nmchi mn casa port l ain diab daba",
            now=datetime(2026, 4, 19, 21, 20, tzinfo=UTC),  # 22:20 in Casablanca
        )
        tram = service.reply(
            session=session,
            conversation_id=first.conversation_id,
            text="w b tram?",
            now=datetime(2026, 4, 19, 21, 45, tzinfo=UTC),  # the last trams have left
        )

    assert (first.intent, "journey" in first.data) == ("journey", True)
    assert (tram.intent, tram.reply, tram.data) == (
        "journey",
        "ma b9a hta tram lyoum mn kaza por l 3in diab. swlni 3la ghda.",
        {"from": "kaza por", "to": "3in diab", "none_left_today": True},
    )
