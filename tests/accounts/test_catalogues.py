"""Every string the accounts pages and errors show has a French and an Arabic translation."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.accounts import exceptions, web
from casa.accounts.permissions import ROLE_LABELS
from casa.core import problems

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"
CORE_TITLES = [
    *(title for _, title in problems._HTTP_SLUGS.values()),
    "HTTP error",
    "Internal error",
    "Something went wrong on our side; it has been logged.",
]


def _template_msgids() -> set[str]:
    found: set[str] = set()
    for path in sorted((SRC / "accounts" / "templates").rglob("*.html")):
        with path.open("rb") as fh:
            for _, _, message, _ in babel_extract(fh, ("_", "gettext"), [], {}):
                if isinstance(message, str):
                    found.add(message)
    return found


def _error_msgids() -> set[str]:
    return {
        cls.message
        for _, cls in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(cls, exceptions.AccountsError) and cls is not exceptions.AccountsError
    }


def _untranslated(package: str, lang: str, msgids: set[str]) -> list[str]:
    path = SRC / package / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return sorted(m for m in msgids if not (catalog.get(m) and catalog.get(m).string))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_accounts_strings_are_all_translated(lang: str) -> None:
    from_templates = _template_msgids()
    msgids = from_templates | _error_msgids() | set(ROLE_LABELS.values()) | {web.LOGGED_OUT}

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 25, _untranslated("accounts", lang, msgids)) == (True, [])


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_core_problem_titles_are_all_translated(lang: str) -> None:
    assert _untranslated("core", lang, set(CORE_TITLES)) == []
