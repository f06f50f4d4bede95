"""The chat page's transcript: each message and WEBOT's answer, kept as long as the conversation."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.assistant import service
from casa.assistant.dialogue import KEEP
from casa.assistant.models import Conversation, Turn
from casa.core.clock import CASABLANCA

RTL_FORMS = frozenset({"ar", "darija_ar"})
# BCP 47 tags of the language forms, so screen readers pick the right voice per message.
LANG_TAGS = {"darija_ar": "ary-Arab", "darija_latn": "ary-Latn"}


@dataclass(frozen=True, slots=True)
class TurnView:
    """One message as the chat page shows it."""

    id: int
    author: str
    text: str
    lang: str
    dir: str
    intent: str | None
    data: dict[str, Any]


def _hm(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(CASABLANCA).strftime("%H:%M")


def _journey(raw: dict[str, Any]) -> dict[str, Any]:
    legs = []
    for leg in raw["legs"]:
        line = leg.get("line") or {}
        legs.append(
            {
                "mode": leg["mode"],
                "line": line.get("short_name"),
                "color": line.get("color"),
                "text_color": line.get("text_color"),
                "headsign": leg.get("headsign"),
                "from": leg["from"]["name"],
                "to": leg["to"]["name"],
                "departure": _hm(leg["departure"]),
                "arrival": _hm(leg["arrival"]),
                "minutes": math.ceil(leg["duration_s"] / 60),
            }
        )
    fare = raw.get("fare")
    return {
        "departure": _hm(raw["departure"]),
        "arrival": _hm(raw["arrival"]),
        "legs": legs,
        "fare": None
        if fare is None
        else {"amount": fare["amount"], "currency": fare["currency"], "table": fare["table"]},
    }


def _parking(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "ref": h["ref"],
            "name": h["name"],
            "free": h["free"],
            "capacity": h["capacity"],
            "walk_minutes": h["walk_minutes"],
            "age_min": None
            if h["freshness"]["age_s"] is None
            else round(h["freshness"]["age_s"] / 60),
        }
        for h in hits
    ]


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """Return what the page shows of an answer's figures (journeys without their geometry)."""
    out: dict[str, Any] = {}
    if "journey" in data:
        out["journey"] = _journey(data["journey"])
    if "parking" in data:
        out["parking"] = _parking(data["parking"])
    return out


def view(turn: Turn) -> TurnView:
    """Return a stored turn as the page shows it."""
    return TurnView(
        id=turn.id,
        author=turn.author,
        text=turn.text,
        lang=LANG_TAGS.get(turn.lang, turn.lang),
        dir="rtl" if turn.lang in RTL_FORMS else "ltr",
        intent=turn.intent,
        data=turn.data,
    )


def converse(
    *, session: Session, conversation_id: str | None, text: str, now: datetime
) -> tuple[service.Reply, list[TurnView]]:
    """Answer a message from the chat page and keep both turns; return the reply and them."""
    answer = service.reply(session=session, conversation_id=conversation_id, text=text, now=now)
    common = {"conversation_id": answer.conversation_id, "lang": answer.language, "at": now}
    asked = Turn(
        author="you", text=text.strip()[: service.MAX_TEXT], intent=None, data={}, **common
    )
    said = Turn(
        author="webot", text=answer.reply, intent=answer.intent, data=summary(answer.data), **common
    )
    session.add_all([asked, said])
    session.flush()
    return answer, [view(asked), view(said)]


def transcript(
    *, session: Session, conversation_id: str | None, now: datetime
) -> Sequence[TurnView]:
    """Return the turns of a live conversation, oldest first (none once it is forgotten)."""
    if not conversation_id:
        return []
    live = select(Conversation.id).where(
        Conversation.id == conversation_id, Conversation.updated_at >= now - KEEP
    )
    turns = session.scalars(
        select(Turn)
        .where(Turn.conversation_id == conversation_id, Turn.conversation_id.in_(live))
        .order_by(Turn.id)
    ).all()
    return [view(t) for t in turns]
