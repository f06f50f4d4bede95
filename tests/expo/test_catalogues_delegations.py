"""Every string the delegation and press pages, errors, labels and e-mails show has a French
and an Arabic translation."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.core.errors import CasaError
from casa.expo import delegation_errors, delegations, interviews, press

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"
THING_KINDS = {"delegation", "member", "accreditation", "interview"}
MAIL = {
    "Press accreditation – Smart City Expo Casablanca {year}",
    "Interview request – Smart City Expo Casablanca {year}",
    "Reason",
    "Ticket",
}


def _template_msgids() -> set[str]:
    found: set[str] = set()
    paths = sorted((SRC / "expo" / "templates" / "expo").glob("*.html"))
    for path in paths:
        if not path.name.startswith(("delegations_", "press_")):
            continue
        with path.open("rb") as fh:
            for _, _, message, _ in babel_extract(fh, ("_", "gettext"), [], {}):
                if isinstance(message, str):
                    found.add(message)
    return found


def _error_msgids() -> set[str]:
    found: set[str] = set()
    for _, cls in inspect.getmembers(delegation_errors, inspect.isclass):
        if issubclass(cls, CasaError) and cls.__module__ == delegation_errors.__name__:
            found |= {cls.title} | ({cls.message} if cls.message else set())
    return found


def _translated(lang: str) -> set[str]:
    found: set[str] = set()
    for path in SRC.glob(f"*/locale/{lang}/LC_MESSAGES/*.po"):
        with path.open("rb") as fh:
            found |= {m.id for m in read_po(fh, locale=lang) if m.id and m.string}
    return found


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_delegation_and_press_strings_are_all_translated(lang: str) -> None:
    from_templates = _template_msgids()
    labels = (
        delegations.POSITION_LABELS,
        delegations.ROOM_LABELS,
        press.STATUS_LABELS,
        press.MAIL,
        interviews.STATUS_LABELS,
        interviews.MAIL,
    )
    msgids = from_templates | _error_msgids() | THING_KINDS | MAIL
    for table in labels:
        msgids |= set(table.values())

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 80, sorted(msgids - _translated(lang))) == (True, [])


def test_every_position_has_a_label() -> None:
    assert list(delegations.POSITION_LABELS) == list(delegations.POSITIONS)
