"""Every string the trade show's pages, errors, labels and CSV show is translated into French
and Arabic."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.core.errors import CasaError
from casa.expo import booths, exceptions_exhibitors, exhibitors, floorplan, leads

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"
THING_KINDS = {"exhibitor", "hall", "booth", "lead", "staff"}
TEMPLATES = (
    "exhibitors_*.html",
    "register.html",
    "ticket.html",
)


def _template_msgids() -> set[str]:
    found: set[str] = set()
    for pattern in TEMPLATES:
        for path in sorted((SRC / "expo" / "templates" / "expo").glob(pattern)):
            with path.open("rb") as fh:
                for _, _, message, _ in babel_extract(fh, ("_", "gettext"), [], {}):
                    if isinstance(message, str):
                        found.add(message)
    return found


def _error_msgids() -> set[str]:
    found: set[str] = set()
    for _, cls in inspect.getmembers(exceptions_exhibitors, inspect.isclass):
        if issubclass(cls, CasaError) and cls.__module__ == exceptions_exhibitors.__name__:
            found |= {cls.title} | ({cls.message} if cls.message else set())
    return found


def _translated(lang: str) -> set[str]:
    found: set[str] = set()
    for path in SRC.glob(f"*/locale/{lang}/LC_MESSAGES/*.po"):
        with path.open("rb") as fh:
            found |= {m.id for m in read_po(fh, locale=lang) if m.id and m.string}
    return found


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_trade_show_strings_are_all_translated(lang: str) -> None:
    from_templates = _template_msgids()
    msgids = from_templates | _error_msgids() | THING_KINDS | set(leads.CSV_HEADER) | {"yes", "no"}
    for table in (exhibitors.KIND_LABELS, exhibitors.SECTOR_LABELS, booths.BOOTH_KIND_LABELS):
        msgids |= set(table.values())
    msgids |= {label for _, label in floorplan.COLOURS.values()}

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 60, sorted(msgids - _translated(lang))) == (True, [])
