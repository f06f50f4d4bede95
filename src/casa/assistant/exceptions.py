"""Errors of the assistant."""

from __future__ import annotations

from typing import ClassVar

from casa.core.errors import (
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ServiceUnavailable,
)


class EmptyMessage(InvalidInput):
    """A message with nothing to read."""

    message: ClassVar[str | None] = "Write a question, for example: how do I get to Ain Diab?"
    default_field: ClassVar[str | None] = "text"


class WebhookNotConfigured(NotFound):
    """A messaging platform's webhook whose settings are not set (or a wrong webhook path)."""

    message: ClassVar[str | None] = (
        "WEBOT is not connected to {channel} here: its settings are not configured."
    )


class BadSignature(NotAuthenticated):
    """A webhook call whose secret or signature does not match."""

    message: ClassVar[str | None] = "The {channel} signature of this call does not match."


class VerificationRefused(PermissionDenied):
    """A WhatsApp webhook verification with the wrong mode or token."""

    message: ClassVar[str | None] = "The WhatsApp verification token does not match."


class ReplyNotSent(ServiceUnavailable):
    """The platform did not take WEBOT's reply; it will deliver the message again."""

    message: ClassVar[str | None] = "{channel} did not accept the reply; try again later."


class BadPayload(InvalidInput):
    """A webhook body that is not a JSON object."""

    message: ClassVar[str | None] = "The body is not a JSON object."
    default_field: ClassVar[str | None] = "body"
