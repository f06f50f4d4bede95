"""The gates' new strings (camera, affluence, signing-key errors) are translated in fr and ar."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.core.errors import CasaError
from casa.expo import checkin_errors

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"
TEMPLATES = ("checkin.html", "checkin_affluence.html", "checkin_presence.html")


def _msgids() -> set[str]:
    found: set[str] = set()
    for name in TEMPLATES:
        with (SRC / "expo" / "templates" / "expo" / name).open("rb") as fh:
            found |= {m for _, _, m, _ in babel_extract(fh, ("_", "gettext"), [], {}) if m}
    for _, cls in inspect.getmembers(checkin_errors, inspect.isclass):
        if issubclass(cls, CasaError) and cls.__module__ == checkin_errors.__name__:
            found |= {cls.title} | ({cls.message} if cls.message else set())
    return found


def _translated(lang: str) -> set[str]:
    found: set[str] = set()
    for path in SRC.glob(f"*/locale/{lang}/LC_MESSAGES/*.po"):
        with path.open("rb") as fh:
            found |= {m.id for m in read_po(fh, locale=lang) if m.id and m.string}
    return found


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_checkin_strings_are_translated(lang: str) -> None:
    assert sorted(_msgids() - _translated(lang)) == []


def test_catalogue_msgids_agree_across_languages() -> None:
    ids = {}
    for lang in ("fr", "ar", "en"):
        path = SRC / "expo" / "locale" / lang / "LC_MESSAGES" / "checkin.po"
        with path.open("rb") as fh:
            ids[lang] = {m.id for m in read_po(fh, locale=lang) if m.id}

    assert (ids["fr"] == ids["ar"], ids["fr"] == ids["en"], len(ids["fr"])) == (True, True, 12)
