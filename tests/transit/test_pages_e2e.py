"""Transit pages in headless Chromium: a journey planned in the form and drawn on the map, and a
stop's departures."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _route(route: Any) -> None:
    # Map tiles come from another host: refuse them so the test never waits on the network.
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def local_page(page: Any) -> Any:
    page.route("**/*", _route)
    return page


def test_journey_planned_in_the_browser_is_listed_and_drawn_leg_by_leg(
    live_server: Any, local_page: Any
) -> None:
    local_page.goto(live_server.url + "/transit?lang=fr")
    local_page.get_by_label("De", exact=True).fill("Casa Port")
    local_page.get_by_label("À", exact=True).fill("Aïn Diab Plage")
    local_page.get_by_label("Date").fill("2026-04-20")
    local_page.get_by_label("Heure").fill("08:00")
    local_page.get_by_role("button", name="Chercher un itinéraire").click()

    legs = local_page.locator("path.transit-leg")
    legs.nth(3).wait_for()
    listed = local_page.locator(".journey").first.locator(".leg")
    assert (
        legs.count(),
        local_page.locator("path.transit-leg--ride").count(),
        listed.count(),
        local_page.locator(".journey h3").first.inner_text(),
    ) == (4, 2, 4, "08:01 → 08:41")


def test_stop_page_shows_departures(live_server: Any, local_page: Any) -> None:
    local_page.goto(live_server.url + "/transit/stops/T1-abdelmoumen?at=2026-04-20T08:00&lang=en")

    rows = local_page.locator("#departures tbody tr")
    assert (rows.count(), rows.first.locator("time").all_inner_texts()) == (
        2,
        ["08:00", "08:05", "08:10"],
    )


def test_planner_fits_a_phone_without_sideways_scrolling(live_server: Any, local_page: Any) -> None:
    local_page.set_viewport_size({"width": 360, "height": 740})
    local_page.goto(
        live_server.url
        + "/transit?from=Casa+Port&to=A%C3%AFn+Diab+Plage&date=2026-04-20&time=08:00&lang=ar"
    )
    local_page.locator("path.transit-leg").nth(3).wait_for()

    assert local_page.evaluate("document.documentElement.scrollWidth") == 360


def test_city_map_shows_the_tram_and_busway_lines(live_server: Any, local_page: Any) -> None:
    local_page.goto(live_server.url + "/map?lang=fr")

    lines = local_page.locator("path.transit-line")
    lines.nth(5).wait_for()

    assert lines.count() == 6
