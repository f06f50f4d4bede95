"""Liveness, readiness and metrics."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from casa.app import create_app
from casa.core.config import Settings

pytestmark = pytest.mark.integration


def test_healthz_answers_ok(client: TestClient) -> None:
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_readyz_checks_only_the_database_on_embedded_defaults(client: TestClient) -> None:
    response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "checks": {"database": {"status": "ok"}}},
    )


def test_readyz_checks_redis_and_mqtt_when_configured(
    settings: Settings, redis_url: str, mqtt_url: str
) -> None:
    app = create_app(settings.model_copy(update={"redis_url": redis_url, "mqtt_url": mqtt_url}))
    with TestClient(app) as client:
        response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        200,
        {
            "status": "ok",
            "checks": {
                "database": {"status": "ok"},
                "redis": {"status": "ok"},
                "mqtt": {"status": "ok"},
            },
        },
    )


def test_readyz_is_503_when_a_configured_service_is_down(settings: Settings) -> None:
    unreachable = settings.model_copy(
        update={"redis_url": "redis://127.0.0.1:1/0", "mqtt_url": "mqtt://127.0.0.1:1"}
    )
    with TestClient(create_app(unreachable)) as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "redis": "error",
        "mqtt": "error",
    }


def _healthz_count(client: TestClient) -> float:
    label = 'casa_http_requests_total{method="GET",route="/healthz",status="200"}'
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(label):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_requests_by_route_template(client: TestClient) -> None:
    before = _healthz_count(client)

    client.get("/healthz")
    client.get("/healthz")

    assert _healthz_count(client) - before == 2.0
    assert "# TYPE casa_http_requests_total counter" in client.get("/metrics").text
