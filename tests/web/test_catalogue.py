"""The catalogue of city services and the navigation built from it."""

from __future__ import annotations

import pytest

from casa.core.i18n import gettext
from casa.web import catalogue
from casa.web.catalogue import Service

pytestmark = pytest.mark.unit


def test_catalogue_opens_the_map_and_the_account_and_announces_the_rest() -> None:
    assert (
        [s.key for s in catalogue.available()],
        [s.key for s in catalogue.coming()],
        [s.key for s in catalogue.navigation()],
    ) == (
        ["map", "account", "parking", "transit", "assistant", "expo"],
        ["errands", "connect"],
        ["map", "parking", "transit", "assistant", "expo"],
    )


def test_a_service_joins_the_navigation_only_when_open_with_a_page() -> None:
    services = (
        Service("a", "A", "a", "/a", "map", "available", in_navigation=True),
        Service("b", "B", "b", None, "map", "available", in_navigation=True),
        Service("c", "C", "c", "/c", "map", "coming", in_navigation=True),
        Service("d", "D", "d", "/d", "map", "available"),
    )

    assert [s.key for s in catalogue.navigation(services)] == ["a"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_catalogue_text_is_translated(lang: str) -> None:
    texts = [t for s in catalogue.SERVICES for t in (s.title, s.description)]
    brands = {"Smart City Expo", "Smart City Connect"}

    untranslated = [t for t in texts if gettext(t, lang) == t and t not in brands]

    assert untranslated == []
