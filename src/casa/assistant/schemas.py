"""API shapes of the assistant."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class MessageIn(BaseModel):
    """A message to WEBOT; omit the conversation id to start a conversation."""

    conversation_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    text: str = Field(min_length=1, max_length=500)


class EntityOut(BaseModel):
    """Something the message names: a place (from, to, place), a time, a line or a relation."""

    type: str
    value: str
    start: int
    end: int


class MessageOut(BaseModel):
    """WEBOT's answer, with what it understood and the figures it used."""

    conversation_id: str
    reply: str
    language: str
    intent: str
    entities: list[EntityOut]
    data: dict[str, Any]


class WebhookOut(BaseModel):
    """What a platform's call brought: messages received, and answered (repeats are not)."""

    received: int
    answered: int
