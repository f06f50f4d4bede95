"""Language negotiation: ?lang=, then the cookie, then Accept-Language, then French."""

from __future__ import annotations

import pytest

from casa.core.i18n import direction, parse_accept_language, pick_language

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        (None, None, None, "fr"),
        ("ar", "en", "fr-FR", "ar"),
        (None, "en", "ar", "en"),
        (None, None, "en-GB,en;q=0.9", "en"),
        (None, None, "de-DE, ar-MA;q=0.8, fr;q=0.5", "ar"),
        ("xx", "zz", "es", "fr"),
        (None, None, "fr;q=0, en;q=0.1", "en"),
    ],
)
def test_pick_language_follows_the_order(
    query: str | None, cookie: str | None, header: str | None, expected: str
) -> None:
    assert pick_language(query, cookie, header) == expected


def test_accept_language_with_a_broken_quality_is_ignored() -> None:
    assert parse_accept_language("ar;q=abc, en;q=0.4") == "en"


def test_arabic_is_right_to_left_and_the_others_are_not() -> None:
    assert [direction(lang) for lang in ("fr", "ar", "en")] == ["ltr", "rtl", "ltr"]
