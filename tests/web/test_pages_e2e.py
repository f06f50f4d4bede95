"""The pages in headless Chromium: French and Arabic home, the map's 16 arrondissements, and a
notice appearing live in an open page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from casa.core import migrate
from casa.core.db import Database
from tests.factories import bearer, make_user

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _route(route: Any) -> None:
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def local_page(page: Any) -> Any:
    page.route("**/*", _route)
    return page


def test_home_page_is_in_french_for_a_french_browser(live_server: Any, local_page: Any) -> None:
    local_page.goto(live_server.url + "/")

    assert (
        local_page.locator("html").get_attribute("lang"),
        local_page.locator("html").get_attribute("dir"),
        local_page.locator("h1").inner_text(),
        local_page.locator(".site-nav a").all_inner_texts(),
    ) == (
        "fr",
        "ltr",
        "Les services de la ville de Casablanca, en un seul endroit",
        [
            "Accueil",
            "Carte de la ville",
            "Stationnement IPARK",
            "Tramway et busway",
            "Assistant WEBOT",
            "Smart City Expo",
        ],
    )


def test_home_page_in_arabic_reads_right_to_left(live_server: Any, local_page: Any) -> None:
    local_page.goto(live_server.url + "/")
    local_page.get_by_role("link", name="العربية").click()
    local_page.wait_for_url("**/?lang=ar")

    header = local_page.locator(".site-header__inner")
    brand_box = local_page.locator(".brand").bounding_box()
    header_box = header.bounding_box()
    assert (
        local_page.locator("html").get_attribute("dir"),
        local_page.locator("h1").inner_text(),
        local_page.locator(".language-switcher [aria-current=true]").inner_text(),
    ) == ("rtl", "خدمات مدينة الدار البيضاء في مكان واحد", "العربية")
    # Right to left: the brand starts at the right edge of the header.
    assert brand_box["x"] + brand_box["width"] > header_box["x"] + header_box["width"] / 2


def test_map_draws_the_16_arrondissements_and_lists_them(live_server: Any, local_page: Any) -> None:
    local_page.goto(live_server.url + "/map?lang=fr")

    polygons = local_page.locator("path.casa-arrondissement")
    polygons.nth(15).wait_for()
    local_page.locator("#arrondissements-table").wait_for()

    rows = local_page.locator("#arrondissements-table tbody tr")
    assert (
        polygons.count(),
        rows.count(),
        local_page.locator("#arrondissements-status").inner_text(),
    ) == (
        16,
        16,
        "16 arrondissements.",
    )


def test_choosing_an_arrondissement_in_the_list_opens_its_popup(
    live_server: Any, local_page: Any
) -> None:
    local_page.goto(live_server.url + "/map?lang=ar")
    local_page.locator("path.casa-arrondissement").nth(15).wait_for()

    local_page.get_by_role("button", name="اعرض أنفا على الخريطة").click()

    popup = local_page.locator(".leaflet-popup-content .map-popup")
    assert popup.locator("strong").inner_text() == "أنفا"


def test_staff_notice_appears_live_in_an_open_page(
    serve: Any, tmp_path: Path, local_page: Any
) -> None:
    url = f"sqlite:///{tmp_path / 'casa.db'}"
    migrate.upgrade(url)
    db = Database(url)
    make_user(db, email="staff@casa.ma", roles=("staff",))
    db.dispose()
    server = serve({"CASA_DATABASE_URL": url})
    local_page.goto(server.url + "/?lang=ar")
    banner = local_page.locator("#casa-notice")
    banner.wait_for(state="hidden")

    local_page.wait_for_selector('#casa-notice[data-live="on"]', state="attached")

    with httpx.Client(base_url=server.url, timeout=10) as http:
        headers = bearer(http, "staff@casa.ma")  # type: ignore[arg-type]
        posted = http.post(
            "/api/v1/notices",
            json={"message": {"fr": "Marché fermé", "ar": "السوق مغلق"}, "level": "warning"},
            headers=headers,
        )
        assert posted.status_code == 201, posted.text
        banner.wait_for(state="visible")
        shown = (banner.get_attribute("data-level"), banner.locator("p").inner_text())
        http.delete("/api/v1/notices/current", headers=headers)
        banner.wait_for(state="hidden")

    assert shown == ("warning", "السوق مغلق")


@pytest.mark.parametrize("url", ["/?lang=fr", "/?lang=ar", "/map?lang=ar", "/data?lang=fr"])
def test_pages_fit_a_phone_without_sideways_scrolling(
    live_server: Any, local_page: Any, url: str
) -> None:
    local_page.set_viewport_size({"width": 360, "height": 740})
    local_page.goto(live_server.url + url)

    assert local_page.evaluate("document.documentElement.scrollWidth") == 360
