"""WEBOT: read a message, keep the conversation, answer from the city's services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from casa.assistant import dialogue, handlers, journey_answers
from casa.assistant.answers import say
from casa.assistant.entities import (
    Entities,
    PlaceTable,
    extract,
    journey_roles,
    labelled,
    place_table,
)
from casa.assistant.exceptions import EmptyMessage
from casa.assistant.lang import detect
from casa.assistant.nlu import classify
from casa.city.schemas import PlaceOut
from casa.transit.exceptions import NoFeed

MAX_TEXT = 500
HELP = (
    "Hello! I am WEBOT. Ask me how to get somewhere by tram or busway, the next departures, "
    "fares, lines, hours, service alerts, the nearest stop or where to park."
)
SCOPE = (
    "I can only help with getting around Casablanca: journeys by tram and busway, departures, "
    "fares, lines, hours, service alerts, nearest stops and parking."
)
PLACE_INTENTS = ("parking", "nearest_stop", "departures")


@dataclass
class Reply:
    """WEBOT's answer to one message."""

    conversation_id: str
    reply: str
    language: str
    intent: str
    entities: list[dict[str, Any]]
    data: dict[str, Any] = field(default_factory=dict)


def _place(table: PlaceTable, key: str | None) -> PlaceOut | None:
    return table.by_key.get(key) if key else None


def reply(*, session: Session, conversation_id: str | None, text: str, now: datetime) -> Reply:
    """Answer a message in the language it was written in, keeping the conversation's context."""
    text = text.strip()[:MAX_TEXT]
    if not text:
        raise EmptyMessage()
    memory = dialogue.load(session=session, conversation_id=conversation_id, now=now)
    state = dict(memory.state)
    form = detect(text)
    table = place_table(session)
    found = extract(session, text, table)
    intent = classify(text, found).name
    state, intent = _follow_up(state, text, found, intent)
    if state.get("mode") and memory.lang:
        # Three words ("and by busway?") say too little to tell a language: keep the one spoken.
        form = memory.lang
    try:
        answer, data = _answer(session, table, form, intent, found, state, now)
    except NoFeed:
        answer, data = say("No transit network is loaded, so I cannot answer that yet.", form), {}
    dialogue.save(session=session, memory=memory, state=state, lang=form, now=now)
    return Reply(memory.id, answer, form, intent, labelled(found, intent), data)


def _follow_up(
    state: dict[str, Any], text: str, found: Entities, intent: str
) -> tuple[dict[str, Any], str]:
    """Fold a message into the conversation: returns, answers to a question, new questions."""
    state = {k: v for k, v in state.items() if k not in ("return", "mode")}
    places = [p.place.key for p in found.places]
    if dialogue.is_return(text) and state.get("last") and not places:
        last = state["last"]
        state.update({"from": last["to"], "to": last["from"], "return": True})
        state["time"] = found.time.value if found.time is not None else None
        state["arrive_by"] = found.arrive_by
        return state, "journey"
    mode = dialogue.mode_of(text)
    if mode and state.get("last") and not places:
        last = state["last"]
        state.update({"from": last["from"], "to": last["to"], "mode": mode})
        state["time"] = found.time.value if found.time is not None else last.get("time")
        state["arrive_by"] = found.arrive_by or bool(last.get("arrive_by"))
        return state, "journey"
    pending = state.get("pending")
    if pending and places and intent not in ("greeting", "thanks", "help"):
        if pending in ("from", "to"):
            state[pending] = places[0]
            if len(places) > 1:
                state["to" if pending == "from" else "from"] = places[1]
            intent = "journey"
        else:
            state["place"] = places[0]
            intent = pending
        state["pending"] = None
        return state, intent
    if intent == "journey":
        roles = journey_roles(found)
        fresh: dict[str, Any] = {"intent": "journey", "pending": None, "last": state.get("last")}
        fresh["from"] = next((k for k, r in zip(places, roles, strict=True) if r == "from"), None)
        fresh["to"] = next((k for k, r in zip(places, roles, strict=True) if r == "to"), None)
        if not places and state.get("intent") == "journey":
            fresh.update({"from": state.get("from"), "to": state.get("to")})
        fresh["time"] = found.time.value if found.time else None
        fresh["arrive_by"] = found.arrive_by
        return fresh, intent
    if intent in PLACE_INTENTS:
        state.update({"intent": intent, "place": places[0] if places else None, "pending": None})
        state["time"] = found.time.value if found.time else None
    return state, intent


def _answer(
    session: Session,
    table: PlaceTable,
    form: str,
    intent: str,
    found: Entities,
    state: dict[str, Any],
    now: datetime,
) -> tuple[str, dict[str, Any]]:
    line = found.lines[0].value if found.lines else None
    if intent == "greeting" or intent == "help":
        return say(HELP, form), {}
    if intent == "thanks":
        return say("You are welcome. Have a good trip!", form), {}
    if intent == "fares":
        return handlers.fares(form)
    if intent == "hours":
        return handlers.hours(form, line)
    if intent == "line_info":
        return handlers.line_info(session, form, line)
    if intent == "alerts":
        return handlers.alerts(session, form, now)
    if intent == "journey":
        return _journey(session, table, form, state, now)
    if intent in PLACE_INTENTS:
        place = _place(table, state.get("place"))
        if place is None:
            state["pending"] = intent
            return say("Which place? Give me a stop or a place name.", form), {"asks": "place"}
        if intent == "parking":
            return handlers.parking(session, form, place, now)
        if intent == "nearest_stop":
            return handlers.nearest(session, form, place)
        return handlers.departures(
            session, form, place, journey_answers.resolve_time(state.get("time"), now)
        )
    return say(SCOPE, form), {}


def _journey(
    session: Session, table: PlaceTable, form: str, state: dict[str, Any], now: datetime
) -> tuple[str, dict[str, Any]]:
    origin, destination = _place(table, state.get("from")), _place(table, state.get("to"))
    if destination is None:
        state["pending"] = "to"
        return say("Where do you want to go?", form), {"asks": "to"}
    if origin is None:
        state["pending"] = "from"
        return say("Where are you leaving from?", form), {"asks": "from"}
    when = journey_answers.resolve_time(state.get("time"), now)
    if state.get("return") and state.get("last", {}).get("arrival") and not state.get("time"):
        when = max(when, datetime.fromisoformat(state["last"]["arrival"]))
    text, data = journey_answers.journey(
        session,
        form,
        origin,
        destination,
        when,
        arrive_by=bool(state.get("arrive_by")),
        mode=state.get("mode"),
    )
    if state.get("return"):
        text = f"{say('Coming back:', form)} {text}"
    if "journey" in data:
        state["last"] = {
            "from": origin.key,
            "to": destination.key,
            "arrival": data["journey"]["arrival"],
            "time": state.get("time"),
            "arrive_by": bool(state.get("arrive_by")),
        }
    return text, data
