"""Every string the Expo's pages, errors, gates and e-mails show has a French and an Arabic
translation."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.core.errors import CasaError
from casa.expo import checkin, exceptions, pages, registration

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"
THING_KINDS = {"registration", "venue", "speaker", "track", "session", "room", "ticket"}
MAIL = {
    "Your registration is confirmed. Your badge will be ready at the entrance.",
    "Smart City Expo Casablanca {year}",
}


def _template_msgids() -> set[str]:
    found: set[str] = set()
    for path in sorted((SRC / "expo" / "templates").rglob("*.html")):
        with path.open("rb") as fh:
            for _, _, message, _ in babel_extract(fh, ("_", "gettext"), [], {}):
                if isinstance(message, str):
                    found.add(message)
    return found


def _error_msgids() -> set[str]:
    found: set[str] = set()
    for _, cls in inspect.getmembers(exceptions, inspect.isclass):
        if issubclass(cls, CasaError) and cls.__module__ == exceptions.__name__:
            found |= {cls.title} | ({cls.message} if cls.message else set())
    return found


def _translated(lang: str) -> set[str]:
    found: set[str] = set()
    for path in SRC.glob(f"*/locale/{lang}/LC_MESSAGES/*.po"):
        with path.open("rb") as fh:
            found |= {m.id for m in read_po(fh, locale=lang) if m.id and m.string}
    return found


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_expo_strings_are_all_translated(lang: str) -> None:
    from_templates = _template_msgids()
    labels = (
        pages.KIND_LABELS,
        pages.METRIC_LABELS,
        pages.CONFLICT_LABELS,
        pages.STATUS_LABELS,
        registration.CATEGORY_LABELS,
        checkin.SCAN_REASONS,
    )
    msgids = from_templates | _error_msgids() | THING_KINDS | MAIL
    for table in labels:
        msgids |= set(table.values())

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 60, sorted(msgids - _translated(lang))) == (True, [])
