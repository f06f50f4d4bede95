"""WEBOT's chat page in headless Chromium: a Darija journey, its return, and live parking counts."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
DARIJA = "kifach nmchi mn casa port l ain diab ghda f 8"
PARKING = "Où me garer près du Twin Center ?"


def _route(route: Any) -> None:
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


def _api(server: Any, text: str, conversation: str | None = None) -> dict[str, Any]:
    body = {"text": text, "conversation_id": conversation}
    response = httpx.post(server.url + "/api/v1/assistant/messages", json=body, timeout=30)
    response.raise_for_status()
    return dict(response.json())


def _rides(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    legs = data["journey"]["legs"]
    return [
        (x["line"]["short_name"], x["from"]["name"], x["to"]["name"])
        for x in legs
        if x["mode"] == "ride"
    ]


def _ask(page: Any, text: str, count: int) -> Any:
    page.fill("#webot-text", text)
    page.click("#webot-send")
    page.locator("#webot-log > li.webot-turn").nth(count - 1).wait_for()
    return page.locator("#webot-log > li.webot-turn").nth(count - 1)


def _shown_rides(turn: Any) -> list[tuple[str, str, str]]:
    rides = []
    for leg in turn.locator("li.webot-leg--ride").all():
        stops = leg.locator("span").nth(2).inner_text().split(" (")[0]
        start, end = stops.split(" → ")
        rides.append((leg.get_attribute("data-line"), start, end))
    return rides


def _feed_counts(server: Any) -> dict[str, int]:
    hits = _api(server, PARKING)["data"]["parking"]
    refs = [h["ref"] for h in hits]
    args = ["parking", "add-source", f"webot-e2e-{uuid.uuid4().hex[:8]}"]
    for ref in refs:
        args += ["--site", ref]
    key = subprocess.run(
        [str(Path(sys.executable).parent / "casa"), *args],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    counts = {h["ref"]: max(0, h["capacity"] - 2 - i) for i, h in enumerate(hits)}
    now = datetime.now(UTC).isoformat()
    pushed = httpx.post(
        server.url + "/api/v1/parking/observations",
        headers={"X-Api-Key": key},
        json={
            "observations": [{"site": r, "free": f, "observed_at": now} for r, f in counts.items()]
        },
        timeout=30,
    )
    assert pushed.json()["accepted"] == len(counts)
    return counts


def test_chat_answers_a_darija_journey_its_return_and_parking(live_server: Any, page: Any) -> None:
    page.route("**/*", _route)
    outbound = _api(live_server, DARIJA)
    back = _api(live_server, "w bach nrje3?", outbound["conversation_id"])
    counts = _feed_counts(live_server)

    page.goto(live_server.url + "/assistant?lang=fr")
    first = _ask(page, DARIJA, 2)
    focused = page.evaluate("document.activeElement.id")
    second = _ask(page, "w bach nrje3?", 4)
    third = _ask(page, PARKING, 6)
    page.set_viewport_size({"width": 360, "height": 740})
    overflow = page.evaluate("document.documentElement.scrollWidth")

    assert (
        first.locator(".webot-text").get_attribute("lang"),
        first.locator(".webot-text").inner_text(),
        _shown_rides(first),
        first.locator(".webot-fare strong").inner_text(),
        focused,
    ) == ("ary-Latn", outbound["reply"], _rides(outbound["data"]), "8.00 MAD", "webot-text")
    assert (second.locator(".webot-text").inner_text(), _shown_rides(second)) == (
        back["reply"],
        _rides(back["data"]),
    )
    assert (_shown_rides(second)[0][1], overflow) == (_shown_rides(first)[-1][2], 360)
    assert {
        li.get_attribute("data-site"): li.locator(".webot-free").get_attribute("data-free")
        for li in third.locator(".webot-parking li").all()
    } == {ref: str(free) for ref, free in counts.items()}
