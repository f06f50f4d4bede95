"""WEBOT's floating panel on the portal's pages, in headless Chromium on a phone-sized screen."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.e2e

FARE = "chhal tiki dyal tram?"
PANEL = "#webot-widget-panel"
BUTTON = "#webot-widget-button"
TURNS = "#webot-widget-log > li"


def _route(route: Any) -> None:
    if urlsplit(route.request.url).hostname in {"127.0.0.1", "localhost"}:
        route.continue_()
    else:
        route.abort()


def _phone(page: Any) -> Any:
    page.route("**/*", _route)
    page.set_viewport_size({"width": 360, "height": 740})
    return page


def _focus_in_panel(page: Any) -> bool:
    return bool(page.evaluate(f"document.activeElement.closest('{PANEL}') !== null"))


def test_widget_answers_in_darija_on_the_home_page_and_closes_on_escape(
    live_server: Any, page: Any
) -> None:
    expected = httpx.post(
        live_server.url + "/api/v1/assistant/messages", json={"text": FARE}, timeout=30
    ).json()
    page = _phone(page)
    page.goto(live_server.url + "/?lang=fr")

    button_visible = page.locator(BUTTON).is_visible()
    page.click(BUTTON)
    opened = (page.locator(PANEL).is_visible(), page.evaluate("document.activeElement.id"))
    page.fill("#webot-widget-text", FARE)
    page.keyboard.press("Enter")
    page.locator(TURNS).nth(1).wait_for()
    answer = page.locator(TURNS).nth(1)
    shown = (answer.inner_text(), answer.get_attribute("lang"), answer.get_attribute("dir"))
    for _ in range(6):
        page.keyboard.press("Tab")
    trapped = _focus_in_panel(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.keyboard.press("Escape")
    closed = (page.locator(PANEL).is_hidden(), page.evaluate("document.activeElement.id"))

    assert (button_visible, opened) == (True, (True, "webot-widget-text"))
    assert shown == (expected["reply"], "ary-Latn", "ltr")
    assert ("8.00" in shown[0], trapped, width <= 360, closed) == (
        True,
        True,
        True,
        (True, "webot-widget-button"),
    )


def test_widget_keeps_the_conversation_from_page_to_page(live_server: Any, page: Any) -> None:
    page = _phone(page)
    page.goto(live_server.url + "/?lang=en")
    page.click(BUTTON)
    page.fill("#webot-widget-text", FARE)
    page.click("#webot-widget-send")
    page.locator(TURNS).nth(1).wait_for()
    before = page.locator(TURNS).all_inner_texts()
    conversation = page.evaluate(
        "JSON.parse(sessionStorage.getItem('casa.webot.widget')).conversation_id"
    )

    page.goto(live_server.url + "/transit?lang=en")
    page.click(BUTTON)
    after = page.locator(TURNS).all_inner_texts()
    follow = page.evaluate(
        "JSON.parse(sessionStorage.getItem('casa.webot.widget')).conversation_id"
    )

    assert (len(before), after, follow) == (2, before, conversation)


def test_widget_is_right_to_left_in_arabic(live_server: Any, page: Any) -> None:
    page = _phone(page)
    page.goto(live_server.url + "/?lang=ar")
    page.click(BUTTON)
    panel = page.locator(PANEL)
    direction = panel.evaluate("e => getComputedStyle(e).direction")
    box = panel.bounding_box()
    labels = (
        page.locator(BUTTON).get_attribute("aria-label"),
        page.locator("#webot-widget-title").inner_text(),
    )
    width = page.evaluate("document.documentElement.scrollWidth")

    assert (direction, box["x"] < 30, labels, width <= 360) == (
        "rtl",
        True,
        ("أغلق ويبوت", "ويبوت، مساعد التنقل"),
        True,
    )


def test_chat_page_has_no_floating_panel(live_server: Any, page: Any) -> None:
    page = _phone(page)
    page.goto(live_server.url + "/assistant?lang=fr")
    page.locator("#webot-form").wait_for()

    assert (page.locator("#webot-widget").count(), page.locator("#webot-form").count()) == (0, 1)
