"""IPARK's map in headless Chromium: the simulator's counts recolour the map without a reload."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _route(route: Any) -> None:
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


def _casa(server: Any, *args: str) -> str:
    run = subprocess.run(
        [str(Path(sys.executable).parent / "casa"), "parking", *args],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return run.stdout.strip()


def _open_site(server: Any) -> dict[str, Any]:
    features = httpx.get(server.url + "/api/v1/parking/sites.geojson").json()["features"]
    chosen = [
        f["properties"]
        for f in features
        if f["properties"]["open_now"] and f["properties"]["capacity"] >= 20
    ]
    return chosen[0]


def test_simulator_recolours_the_map_live(live_server: Any, page: Any) -> None:
    page.route("**/*", _route)
    site = _open_site(live_server)
    ref = site["ref"]
    key = _casa(live_server, "add-source", f"e2e-{uuid.uuid4().hex[:8]}", "--site", ref)
    page.goto(live_server.url + "/parking?lang=fr")
    marker = page.locator(f"path.parking-site-{ref}")
    page.locator("#parking-live[data-state=ready]").wait_for()
    before = marker.get_attribute("data-availability")

    full = httpx.post(
        live_server.url + "/api/v1/parking/observations",
        headers={"X-Api-Key": key},
        json={"observations": [{"site": ref, "free": 0, "observed_at": _now()}]},
    )
    page.wait_for_function(
        "ref => document.querySelector('path.parking-site-' + ref)"
        ".getAttribute('data-availability') === 'full'",
        arg=ref,
    )
    _casa(
        live_server,
        "simulate",
        "--http",
        live_server.url,
        "--key",
        key,
        "--site",
        ref,
        "--sites",
        "1",
        "--count",
        "3",
        "--rate",
        "50",
    )
    shown = httpx.get(f"{live_server.url}/api/v1/parking/sites/{ref}").json()["live"]["free"]
    page.wait_for_function(
        "([ref, free]) => document.querySelector('path.parking-site-' + ref)"
        ".getAttribute('data-free') === String(free)",
        arg=[ref, shown],
    )

    assert (full.json()["accepted"], before != "full", marker.get_attribute("data-free")) == (
        1,
        True,
        str(shown),
    )
    assert page.locator("#parking-live").inner_text().endswith(f"/ {site['capacity']}")


def test_a_search_shows_its_destination_and_circle_and_fits_the_map_to_them(
    live_server: Any, page: Any
) -> None:
    page.route("**/*", _route)
    page.goto(live_server.url + "/parking?lang=fr&place=Twin%20Center&radius_m=1500")
    page.locator("#parking-live[data-state=ready]").wait_for()
    destination = page.locator("path.parking-destination")
    circle = page.locator("path.parking-radius")
    destination.hover()
    tooltip = page.locator(".leaflet-tooltip").inner_text()
    area, ring = page.locator("#casa-map").bounding_box(), circle.bounding_box()

    inside = (
        area["x"] <= ring["x"]
        and ring["x"] + ring["width"] <= area["x"] + area["width"]
        and area["y"] <= ring["y"]
        and ring["y"] + ring["height"] <= area["y"] + area["height"]
    )
    assert (destination.count(), circle.count(), tooltip, inside) == (
        1,
        1,
        "Votre destination : Twin Center",
        True,
    )


def test_an_owner_places_a_garage_by_touching_the_map(live_server: Any, page: Any) -> None:
    page.route("**/*", _route)
    email, password = f"owner-{uuid.uuid4().hex[:8]}@casa.ma", "garage-owner-2026!"
    casa = str(Path(sys.executable).parent / "casa")
    subprocess.run(
        [casa, "users", "create", email, "--role", "garage_owner", "--password-stdin"],
        env=live_server.env,
        input=password,
        text=True,
        capture_output=True,
        timeout=60,
        check=True,
    )
    page.goto(live_server.url + "/login?next=/parking/owner&lang=fr")
    page.fill("#email", email)
    page.fill("#password", password)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(live_server.url + "/parking/owner")

    box = page.locator("#garage-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    lat, lon = float(page.input_value("#g-lat")), float(page.input_value("#g-lon"))
    name = f"Garage {uuid.uuid4().hex[:6]}"
    page.fill("#g-name", name)
    page.fill("#g-shared_places", "3")
    page.fill("#g-price_per_hour", "5")
    page.locator("form[action='/parking/owner/garages'] button[type=submit]").click()
    page.wait_for_url(live_server.url + "/parking/owner")
    features = httpx.get(live_server.url + "/api/v1/parking/sites.geojson").json()["features"]
    placed = [f["geometry"]["coordinates"] for f in features if f["properties"]["name"] == name]

    # The map opens on the city centre: a touch right of and above it is north-east of it.
    assert (lat > 33.5731, lon > -7.5898, placed) == (True, True, [[lon, lat]])
    assert page.locator("#garages").inner_text().count(name) == 1


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat()
