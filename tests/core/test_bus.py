"""The event bus delivers what is published after subscribing, in process and through Redis."""

from __future__ import annotations

import asyncio
import threading

import pytest

from casa.core.bus import InProcessBus, RedisBus, make_bus

pytestmark = pytest.mark.integration


async def _receive(bus: InProcessBus | RedisBus, channel: str, count: int) -> list[dict]:
    received: list[dict] = []
    async with bus.subscribe(channel) as events:
        await asyncio.sleep(0.05)  # let a Redis subscription settle before publishing
        await bus.publish(channel, {"type": "notice", "n": 1})
        bus.publish_sync(channel, {"type": "notice", "n": 2})
        await bus.publish("elsewhere", {"type": "noise"})
        async for event in events:
            received.append(event)
            if len(received) == count:
                break
    return received


def test_in_process_bus_delivers_async_and_sync_publications() -> None:
    bus = InProcessBus()

    received = asyncio.run(asyncio.wait_for(_receive(bus, "notices", 2), timeout=5))

    assert received == [{"type": "notice", "n": 1}, {"type": "notice", "n": 2}]


def test_in_process_bus_accepts_publications_from_another_thread() -> None:
    bus = InProcessBus()

    async def scenario() -> dict:
        async with bus.subscribe("notices") as events:
            thread = threading.Thread(target=bus.publish_sync, args=("notices", {"n": 7}))
            thread.start()
            thread.join()
            return await anext(events)

    assert asyncio.run(asyncio.wait_for(scenario(), timeout=5)) == {"n": 7}


def test_redis_bus_delivers_through_redis(redis_url: str) -> None:
    async def scenario() -> list[dict]:
        bus = make_bus(redis_url)
        try:
            return await asyncio.wait_for(_receive(bus, "notices-test", 2), timeout=10)
        finally:
            await bus.close()

    assert asyncio.run(scenario()) == [{"type": "notice", "n": 1}, {"type": "notice", "n": 2}]


def test_make_bus_picks_redis_only_when_configured(redis_url: str) -> None:
    assert isinstance(make_bus(None), InProcessBus)
    assert isinstance(make_bus(redis_url), RedisBus)
