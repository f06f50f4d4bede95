"""Every route in the OpenAPI document is public by design or refuses anonymous callers."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

#: The routes anyone may call, each on purpose. Adding one here is a security decision.
PUBLIC_BY_DESIGN = {
    ("GET", "/healthz"),  # liveness for the orchestrator
    ("GET", "/readyz"),  # readiness for the orchestrator
    ("GET", "/metrics"),  # Prometheus scrape; restrict at the proxy in production
    ("GET", "/api/v1/events"),  # live events of public channels only
    ("POST", "/api/v1/auth/token"),  # login
    ("POST", "/api/v1/auth/register"),  # sign-up
    ("GET", "/api/v1/city/arrondissements"),  # open data
    ("GET", "/api/v1/city/arrondissements/{code}"),
    ("GET", "/api/v1/city/prefectures"),
    ("GET", "/api/v1/city/places"),
    ("GET", "/api/v1/city/places/{key}"),
    ("GET", "/api/v1/city/locate"),
    ("GET", "/api/v1/city/travel-time"),
    ("GET", "/api/v1/notices/current"),  # the banner every visitor sees
    ("GET", "/api/v1/transit/feed.zip"),  # open data: the GTFS feed
    ("GET", "/api/v1/transit/lines"),
    ("GET", "/api/v1/transit/lines/{line_id}"),
    ("GET", "/api/v1/transit/stops"),
    ("GET", "/api/v1/transit/stops/{stop_id}"),
    ("GET", "/api/v1/transit/stops/{stop_id}/departures"),
    ("GET", "/api/v1/transit/journeys"),
    ("GET", "/api/v1/transit/lines.geojson"),  # the city map's layers
    ("GET", "/api/v1/transit/stops.geojson"),
    ("GET", "/api/v1/transit/alerts"),  # riders must hear of disruptions without an account
    ("GET", "/api/v1/transit/alerts/gtfs-rt.json"),  # open data: GTFS-realtime alerts
    ("POST", "/api/v1/assistant/messages"),  # citizens chat with WEBOT without an account
    ("POST", "/api/v1/assistant/telegram/{secret_path}"),  # Telegram calls it; secret header
    ("GET", "/api/v1/assistant/whatsapp"),  # WhatsApp's verification; checks the verify token
    ("POST", "/api/v1/assistant/whatsapp"),  # WhatsApp calls it; HMAC signature of the body
    ("GET", "/api/v1/parking/sites"),  # finding a place is open to all
    ("GET", "/api/v1/parking/sites/{ref}"),
    ("GET", "/api/v1/parking/sites/{ref}/forecast"),  # forecasts are open like live counts
    ("GET", "/api/v1/parking/datex2.xml"),  # open data
    ("GET", "/api/v1/parking/parkapi.json"),
    ("GET", "/api/v1/parking/sites.geojson"),
    ("GET", "/api/v1/expo/editions"),  # the Expo's editions, programme and figures are public
    ("GET", "/api/v1/expo/editions/{year}"),
    ("GET", "/api/v1/expo/editions/{year}/schedule.xml"),  # published programme, open formats
    ("GET", "/api/v1/expo/editions/{year}/schedule.json"),
    ("GET", "/api/v1/expo/editions/{year}/schedule.ics"),
    ("GET", "/api/v1/expo/editions/{year}/kpis"),  # figures are open data
    ("GET", "/api/v1/expo/kpis.csv"),
    ("GET", "/api/v1/expo/editions/{year}/exhibitors"),  # the public exhibitor directory
    ("GET", "/api/v1/expo/editions/{year}/exhibitors/{slug}"),
    ("GET", "/api/v1/expo/editions/{year}/halls"),  # floor plans: who exhibits where
    ("GET", "/api/v1/expo/kpis/datapackage.json"),
}


def operations(app: FastAPI) -> list[tuple[str, str]]:
    """Return every (method, path) of the OpenAPI document."""
    paths = app.openapi()["paths"]
    return sorted(
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    )


def test_public_list_names_only_existing_routes(app: FastAPI) -> None:
    assert PUBLIC_BY_DESIGN - set(operations(app)) == set()


def test_every_other_route_refuses_anonymous_callers(client: TestClient, app: FastAPI) -> None:
    private = [op for op in operations(app) if op not in PUBLIC_BY_DESIGN]
    answers = {}
    for method, path in private:
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = client.request(method, url, headers={"Accept-Language": "en"})
        is_problem = response.headers.get("content-type") == "application/problem+json"
        answers[(method, path)] = (
            response.status_code,
            response.headers.get("content-type"),
            response.json().get("type") if is_problem else None,
        )

    assert private != []
    assert answers == {
        op: (401, "application/problem+json", "https://casa.ma/problems/not-authenticated")
        for op in private
    }
