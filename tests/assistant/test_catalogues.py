"""Every string the chat page, the answers and the errors of WEBOT show is translated."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.assistant import answers, exceptions, journey_answers
from casa.core.errors import CasaError

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"


def _template_msgids() -> set[str]:
    found: set[str] = set()
    for path in sorted((SRC / "assistant" / "templates").rglob("*.html")):
        with path.open("rb") as fh:
            for _, _, message, _ in babel_extract(fh, ("_", "gettext"), [], {}):
                if isinstance(message, str):
                    found.add(message)
    return found


def _error_msgids() -> set[str]:
    return {
        cls.message
        for _, cls in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(cls, CasaError) and cls.__module__ == exceptions.__name__
        if cls.message
    }


def _translated(lang: str) -> set[str]:
    found: set[str] = set()
    for po in sorted((SRC / "assistant" / "locale" / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as fh:
            found |= {str(m.id) for m in read_po(fh, locale=lang) if m.id and m.string}
    return found


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_assistant_strings_are_all_translated(lang: str) -> None:
    from_templates = _template_msgids()
    mode_messages = {m for pair in journey_answers.MODE_MESSAGES.values() for m in pair}
    mode_messages |= set(journey_answers.NONE_LEFT.values())
    msgids = from_templates | _error_msgids() | set(answers.DARIJA) | mode_messages

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 10, sorted(msgids - _translated(lang))) == (True, [])
