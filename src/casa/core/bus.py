"""The event bus: in-process by default, Redis pub/sub when ``CASA_REDIS_URL`` is set.

Events are JSON objects published on a named channel. A subscriber receives the events
published after it subscribed; nothing is stored (the database holds state, the bus only tells).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

import redis
import redis.asyncio as aioredis

CHANNEL_PREFIX = "casa:"
_QUEUE_SIZE = 1000


class Bus(Protocol):
    """What every bus offers."""

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        """Publish an event to every current subscriber of a channel."""

    def publish_sync(self, channel: str, event: dict[str, Any]) -> None:
        """Publish from synchronous code (a service in a worker thread, a CLI, an ingest thread)."""

    def subscribe(self, channel: str) -> Any:
        """Return an async context manager yielding an async iterator of events."""

    async def ping(self) -> None:
        """Raise if the bus cannot be reached."""

    async def close(self) -> None:
        """Release connections."""


class InProcessBus:
    """Fan-out to subscribers of this process only."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Any]]]] = {}
        self._lock = threading.Lock()

    def _deliver(self, channel: str, event: dict[str, Any]) -> None:
        with self._lock:
            targets = list(self._subscribers.get(channel, ()))
        for loop, queue in targets:
            try:
                loop.call_soon_threadsafe(_offer, queue, event)
            except RuntimeError:  # the subscriber's loop is closed
                continue

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        self._deliver(channel, event)

    def publish_sync(self, channel: str, event: dict[str, Any]) -> None:
        self._deliver(channel, event)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=_QUEUE_SIZE)
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._subscribers.setdefault(channel, set()).add(entry)
        try:
            yield _drain(queue)
        finally:
            with self._lock:
                self._subscribers.get(channel, set()).discard(entry)

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        with self._lock:
            self._subscribers.clear()


def _offer(queue: asyncio.Queue[Any], event: dict[str, Any]) -> None:
    # A slow subscriber loses its oldest events rather than blocking every publisher.
    if queue.full():
        queue.get_nowait()
    queue.put_nowait(event)


async def _drain(queue: asyncio.Queue[Any]) -> AsyncIterator[dict[str, Any]]:
    while True:
        yield await queue.get()


class RedisBus:
    """Fan-out through Redis pub/sub, so every worker's subscribers see every event."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._client = aioredis.Redis.from_url(url)
        self._sync = redis.Redis.from_url(url)

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        await self._client.publish(CHANNEL_PREFIX + channel, json.dumps(event))

    def publish_sync(self, channel: str, event: dict[str, Any]) -> None:
        self._sync.publish(CHANNEL_PREFIX + channel, json.dumps(event))

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
        pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(CHANNEL_PREFIX + channel)
        try:
            yield _redis_messages(pubsub)
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()

    async def ping(self) -> None:
        await self._client.ping()

    async def close(self) -> None:
        await self._client.aclose()
        self._sync.close()


async def _redis_messages(pubsub: Any) -> AsyncIterator[dict[str, Any]]:
    while True:
        message = await pubsub.get_message(timeout=1.0)
        if message is None:
            continue
        try:
            yield json.loads(message["data"])
        except (TypeError, ValueError):
            continue


def make_bus(redis_url: str | None) -> InProcessBus | RedisBus:
    """Return the Redis bus when a URL is configured, else the in-process bus."""
    return RedisBus(redis_url) if redis_url else InProcessBus()
