"""Every string the Expo's pages, errors, gates and e-mails show has a French and an Arabic
translation."""

from __future__ import annotations

import pytest

from casa.expo import checkin, exceptions, pages, registration
from tests.catalogue_checks import SRC, error_msgids, template_msgids, translated

pytestmark = pytest.mark.unit

THING_KINDS = {"registration", "venue", "speaker", "track", "session", "room", "ticket"}
MAIL = {
    "Your registration is confirmed. Your badge will be ready at the entrance.",
    "Smart City Expo Casablanca {year}",
}


def _template_msgids() -> set[str]:
    return template_msgids(sorted((SRC / "expo" / "templates").rglob("*.html")))


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
    msgids = from_templates | error_msgids(exceptions) | THING_KINDS | MAIL
    for table in labels:
        msgids |= set(table.values())

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 60, sorted(msgids - translated(lang))) == (True, [])
