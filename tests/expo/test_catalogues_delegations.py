"""Every string the delegation and press pages, errors, labels and e-mails show has a French
and an Arabic translation."""

from __future__ import annotations

import pytest

from casa.expo import delegation_errors, delegations, interviews, press
from tests.catalogue_checks import SRC, error_msgids, template_msgids, translated

pytestmark = pytest.mark.unit

THING_KINDS = {"delegation", "member", "accreditation", "interview"}
MAIL = {
    "Press accreditation – Smart City Expo Casablanca {year}",
    "Interview request – Smart City Expo Casablanca {year}",
    "Reason",
    "Ticket",
}


def _template_msgids() -> set[str]:
    folder = SRC / "expo" / "templates" / "expo"
    return template_msgids(
        p for p in sorted(folder.glob("*.html")) if p.name.startswith(("delegations_", "press_"))
    )


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
    msgids = from_templates | error_msgids(delegation_errors) | THING_KINDS | MAIL
    for table in labels:
        msgids |= set(table.values())

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(from_templates) > 80, sorted(msgids - translated(lang))) == (True, [])


def test_every_position_has_a_label() -> None:
    assert list(delegations.POSITION_LABELS) == list(delegations.POSITIONS)
