"""Errors of the assistant."""

from __future__ import annotations

from typing import ClassVar

from casa.core.errors import InvalidInput


class EmptyMessage(InvalidInput):
    """A message with nothing to read."""

    message: ClassVar[str | None] = "Write a question, for example: how do I get to Ain Diab?"
    default_field: ClassVar[str | None] = "text"
