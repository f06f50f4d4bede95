"""Operational endpoints: liveness, readiness, Prometheus metrics and the live event stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sse_starlette.sse import EventSourceResponse

from casa.core.metrics import REGISTRY
from casa.core.mqtt import check_broker

router = APIRouter(tags=["system"])

#: Channels anyone may listen to; domains add theirs at import time.
PUBLIC_CHANNELS: set[str] = {"notices"}


@router.get("/healthz", summary="Tell that the process is alive")
def healthz() -> dict[str, str]:
    """Answer as long as the process serves requests."""
    return {"status": "ok"}


@router.get("/readyz", summary="Tell whether every configured dependency answers")
async def readyz(request: Request) -> JSONResponse:
    """Check the database and, when configured, Redis and the MQTT broker."""
    settings = request.app.state.settings
    checks: dict[str, dict[str, Any]] = {}

    async def run(name: str, probe: Any) -> None:
        try:
            await asyncio.wait_for(probe, timeout=3.0)
            checks[name] = {"status": "ok"}
        except Exception as exc:  # every failure makes the check fail, whatever its kind
            checks[name] = {"status": "error", "error": type(exc).__name__}

    await run("database", asyncio.to_thread(request.app.state.db.ping))
    if settings.redis_url:
        await run("redis", request.app.state.bus.ping())
    if settings.mqtt_url:
        await run("mqtt", asyncio.to_thread(check_broker, settings.mqtt_url))
    ok = all(c["status"] == "ok" for c in checks.values())
    return JSONResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status_code=200 if ok else 503
    )


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics() -> Response:
    """Expose the process's metrics in the Prometheus text format."""
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


@router.get("/api/v1/events", summary="Stream live events of a public channel (SSE)")
async def events(
    request: Request,
    channel: str = Query(..., description="a public channel, such as notices"),
) -> Any:
    """Stream the events of a public channel as Server-Sent Events."""
    if channel not in PUBLIC_CHANNELS:
        from casa.core.errors import NotFound

        raise NotFound(
            f"unknown channel {channel!r}; public channels: " + ", ".join(sorted(PUBLIC_CHANNELS)),
            field="channel",
        )
    return EventSourceResponse(stream(request, channel), ping=15)


async def stream(request: Request, channel: str) -> AsyncIterator[dict[str, str]]:
    """Yield the events of a channel as SSE messages until the client goes away."""
    bus = request.app.state.bus
    async with bus.subscribe(channel) as events_iter:
        yield {"event": "ready", "data": json.dumps({"channel": channel})}
        async for event in events_iter:
            if await request.is_disconnected():
                break
            yield {"event": str(event.get("type", "message")), "data": json.dumps(event)}


__all__ = ["PUBLIC_CHANNELS", "router", "stream"]
