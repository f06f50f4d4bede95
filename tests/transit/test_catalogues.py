"""Every string the transit pages and errors show has a French and an Arabic translation."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.transit import exceptions, web

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"
MAP_LAYER_TITLES = {"Tram and busway lines", "Tram and busway stops"}


def _template_msgids() -> set[str]:
    found: set[str] = set()
    for path in sorted((SRC / "transit" / "templates").rglob("*.html")):
        with path.open("rb") as fh:
            for _, _, message, _ in babel_extract(fh, ("_", "gettext"), [], {}):
                if isinstance(message, str):
                    found.add(message)
    return found


def _error_msgids() -> set[str]:
    return {
        cls.message
        for _, cls in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(cls, exceptions.TransitError) and cls is not exceptions.TransitError
    }


def _translated(lang: str) -> set[str]:
    found: set[str] = set()
    for path in SRC.glob(f"*/locale/{lang}/LC_MESSAGES/*.po"):
        with path.open("rb") as fh:
            found |= {m.id for m in read_po(fh, locale=lang) if m.id and m.string}
    return found


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_transit_strings_are_all_translated(lang: str) -> None:
    from_templates = _template_msgids()
    msgids = (
        from_templates
        | _error_msgids()
        | set(web.EFFECT_LABELS.values())
        | set(web.FARE_TABLES.values())
        | MAP_LAYER_TITLES
    )

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 40, sorted(msgids - _translated(lang))) == (True, [])
