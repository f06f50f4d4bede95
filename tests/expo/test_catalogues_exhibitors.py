"""Every string the trade show's pages, errors, labels and CSV show is translated into French
and Arabic."""

from __future__ import annotations

import pytest

from casa.expo import booths, exceptions_exhibitors, exhibitors, floorplan, leads
from tests.catalogue_checks import SRC, error_msgids, template_msgids, translated

pytestmark = pytest.mark.unit

THING_KINDS = {"exhibitor", "hall", "booth", "lead", "staff"}
TEMPLATES = (
    "exhibitors_*.html",
    "register.html",
    "ticket.html",
)


def _template_msgids() -> set[str]:
    folder = SRC / "expo" / "templates" / "expo"
    return template_msgids(p for pattern in TEMPLATES for p in sorted(folder.glob(pattern)))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_trade_show_strings_are_all_translated(lang: str) -> None:
    from_templates = _template_msgids()
    msgids = from_templates | error_msgids(exceptions_exhibitors) | THING_KINDS
    msgids |= set(leads.CSV_HEADER) | {"yes", "no"}
    for table in (exhibitors.KIND_LABELS, exhibitors.SECTOR_LABELS, booths.BOOTH_KIND_LABELS):
        msgids |= set(table.values())
    msgids |= {label for _, label in floorplan.COLOURS.values()}

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 60, sorted(msgids - translated(lang))) == (True, [])
