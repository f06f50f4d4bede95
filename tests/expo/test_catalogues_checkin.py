"""The gates' new strings (camera, affluence, signing-key errors) are translated in fr and ar."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from casa.expo import checkin_errors
from tests.catalogue_checks import SRC, error_msgids, template_msgids, translated

pytestmark = pytest.mark.unit

TEMPLATES = ("checkin.html", "checkin_affluence.html", "checkin_presence.html")


def _msgids() -> set[str]:
    folder = SRC / "expo" / "templates" / "expo"
    return template_msgids(folder / name for name in TEMPLATES) | error_msgids(checkin_errors)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_checkin_strings_are_translated(lang: str) -> None:
    assert sorted(_msgids() - translated(lang)) == []


def test_catalogue_msgids_agree_across_languages() -> None:
    ids = {}
    for lang in ("fr", "ar", "en"):
        path = SRC / "expo" / "locale" / lang / "LC_MESSAGES" / "checkin.po"
        with path.open("rb") as fh:
            ids[lang] = {m.id for m in read_po(fh, locale=lang) if m.id}

    assert (ids["fr"] == ids["ar"], ids["fr"] == ids["en"], len(ids["fr"])) == (True, True, 12)
