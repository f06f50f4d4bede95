"""Prometheus metrics shared by every domain."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

HTTP_REQUESTS = Counter(
    "casa_http_requests_total",
    "HTTP requests answered, by method, route and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_LATENCY = Histogram(
    "casa_http_request_duration_seconds",
    "Time to answer an HTTP request, by route.",
    ["route"],
    registry=REGISTRY,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
LOGIN_ATTEMPTS = Counter(
    "casa_login_attempts_total",
    "Login attempts, by outcome.",
    ["outcome"],
    registry=REGISTRY,
)
BUS_EVENTS = Counter(
    "casa_bus_events_published_total",
    "Events published on the bus, by channel.",
    ["channel"],
    registry=REGISTRY,
)
