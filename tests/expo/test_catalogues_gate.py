"""The gate's offline strings are translated, and its offline refusals use the server's labels."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from casa.core.db import Database
from casa.core.i18n import gettext
from casa.expo.checkin import SCAN_REASONS
from tests.accounts.conftest import log_in
from tests.expo.factories import YEAR, make_edition
from tests.factories import make_user

SRC = Path(__file__).resolve().parents[2] / "src" / "casa"
OFFLINE_REASONS = ("malformed", "unknown_key", "bad_signature", "revoked", "wrong_edition")


def _catalogue(lang: str) -> dict[str, str]:
    path = SRC / "expo" / "locale" / lang / "LC_MESSAGES" / "gate.po"
    with path.open("rb") as fh:
        return {m.id: m.string for m in read_po(fh, locale=lang) if m.id}


@pytest.mark.unit
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_gate_strings_are_translated_and_keep_their_placeholders(lang: str) -> None:
    english = _catalogue("en")
    found = _catalogue(lang)
    untranslated = sorted(m for m, s in found.items() if not s or s == m)
    placeholders = {
        m: re.findall(r"%\(\w+\)s", found[m]) for m in found if re.findall(r"%\(\w+\)s", m)
    }
    expected = {m: re.findall(r"%\(\w+\)s", m) for m in placeholders}

    assert (set(found) == set(english), len(found), untranslated, placeholders) == (
        True,
        9,
        [],
        expected,
    )


@pytest.mark.integration
def test_the_gate_page_refuses_offline_with_the_servers_own_labels(
    client: TestClient, db: Database
) -> None:
    make_edition(db, sessions=0)
    make_user(db, email="gate@casa.ma", roles=("staff",))
    log_in(client, "gate@casa.ma")
    shown = {}
    for lang in ("fr", "ar", "en"):
        page = client.get(f"/expo/{YEAR}/checkin?lang={lang}").text
        found = re.search(r'data-reasons="([^"]*)"', page)
        assert found is not None
        shown[lang] = json.loads(html.unescape(found.group(1)))

    assert shown == {
        lang: {r: gettext(SCAN_REASONS[r], lang) for r in OFFLINE_REASONS}
        for lang in ("fr", "ar", "en")
    }
