"""The figures page and the badge errors are translated in French and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.core.i18n import gettext
from casa.expo.exceptions import UnknownCategory

pytestmark = pytest.mark.unit

EXPO = Path(__file__).resolve().parents[2] / "src" / "casa" / "expo"


def _figures_msgids() -> set[str]:
    with (EXPO / "templates" / "expo" / "figures.html").open("rb") as fh:
        return {
            m for _, _, m, _ in babel_extract(fh, ("_", "gettext"), [], {}) if isinstance(m, str)
        }


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_figures_page_and_badge_errors_are_translated(lang: str) -> None:
    msgids = _figures_msgids() | {UnknownCategory.title, str(UnknownCategory.message)}
    with (EXPO / "locale" / lang / "LC_MESSAGES" / "exports.po").open("rb") as fh:
        ours = {m.id for m in read_po(fh, locale=lang) if m.id and m.string}

    untranslated = sorted(m for m in msgids if gettext(m, lang) == m)

    # The first figure guards against an extraction that silently finds nothing.
    assert (len(msgids) >= 12, untranslated, ours <= msgids | {"Day"}) == (True, [], True)
