"""The simulator: realistic arrivals and departures, sent through MQTT, HTTP or straight in.

Each site follows a daily profile of its kind (offices fill in the morning, residential
garages empty by day, streets peak at noon and in the evening). Every event moves one car in
or out, drawn so that the occupancy drifts towards the profile's value for the hour, and is
reported as the site's new count.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import httpx
import paho.mqtt.client as mqtt
from sqlalchemy import select

from casa.core.clock import Clock, local, system_clock
from casa.core.db import Database
from casa.core.mqtt import make_client, parse_url
from casa.parking.ingest import ingest
from casa.parking.models import Site, SiteStatus

# Share of places taken, by local hour 0..23.
PROFILES: dict[str, tuple[float, ...]] = {
    "centre": (
        0.25,
        0.2,
        0.2,
        0.2,
        0.2,
        0.25,
        0.35,
        0.55,
        0.8,
        0.92,
        0.95,
        0.95,
        0.9,
        0.9,
        0.93,
        0.93,
        0.9,
        0.85,
        0.8,
        0.7,
        0.55,
        0.45,
        0.35,
        0.3,
    ),
    "on_street": (
        0.5,
        0.45,
        0.45,
        0.45,
        0.45,
        0.5,
        0.55,
        0.7,
        0.85,
        0.9,
        0.9,
        0.92,
        0.95,
        0.92,
        0.88,
        0.88,
        0.9,
        0.93,
        0.95,
        0.93,
        0.85,
        0.75,
        0.65,
        0.55,
    ),
    "building_garage": (
        0.95,
        0.95,
        0.95,
        0.95,
        0.95,
        0.9,
        0.8,
        0.55,
        0.35,
        0.3,
        0.3,
        0.3,
        0.35,
        0.35,
        0.3,
        0.3,
        0.35,
        0.5,
        0.7,
        0.85,
        0.9,
        0.95,
        0.95,
        0.95,
    ),
    "park_and_ride": (
        0.05,
        0.05,
        0.05,
        0.05,
        0.05,
        0.1,
        0.3,
        0.6,
        0.8,
        0.85,
        0.85,
        0.85,
        0.85,
        0.85,
        0.8,
        0.75,
        0.6,
        0.4,
        0.25,
        0.15,
        0.1,
        0.05,
        0.05,
        0.05,
    ),
}


def target_occupancy(kind: str, at: datetime) -> float:
    """Return the share of places a site of some kind tends to have taken at an instant."""
    profile = PROFILES.get(kind, PROFILES["centre"])
    t = local(at)
    hour = t.hour + t.minute / 60
    lo = profile[int(hour) % 24]
    hi = profile[(int(hour) + 1) % 24]
    return lo + (hi - lo) * (hour - int(hour))


@dataclass
class SimSite:
    ref: str
    kind: str
    capacity: int
    free: int


def next_event(sites: Sequence[SimSite], rng: random.Random, at: datetime) -> SimSite:
    """Move one car in or out of a random site, towards its profile; return the site."""
    site = rng.choice(sites)
    if site.capacity == 0:
        return site
    taken = 1 - site.free / site.capacity
    p_arrival = min(0.95, max(0.05, 0.5 + 2 * (target_occupancy(site.kind, at) - taken)))
    if rng.random() < p_arrival:
        site.free = max(0, site.free - 1)
    else:
        site.free = min(site.capacity, site.free + 1)
    return site


class Sink(Protocol):
    def send(self, observations: list[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class MqttSink:
    """Publish counts to the broker, QoS 1, as sensors do."""

    def __init__(self, url: str) -> None:
        host, port, _, _ = parse_url(url)
        self.client = make_client(url)
        self.client.max_inflight_messages_set(1000)
        self.client.connect(host, port, keepalive=30)
        self.client.loop_start()
        self.last: mqtt.MQTTMessageInfo | None = None

    def send(self, observations: list[dict[str, Any]]) -> None:
        for obs in observations:
            payload = json.dumps({"free": obs["free"], "observed_at": obs["observed_at"]})
            self.last = self.client.publish(f"casa/parking/{obs['site']}/occupancy", payload, qos=1)

    def close(self) -> None:
        deadline = time.monotonic() + 30
        while self.client.want_write() or (self.last is not None and not self.last.is_published()):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.client.disconnect()
        self.client.loop_stop()


class HttpSink:
    """Post counts in batches to a Casa's observations endpoint with a source key."""

    def __init__(self, base_url: str, key: str) -> None:
        self.client = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=30, headers={"X-Api-Key": key}
        )

    def send(self, observations: list[dict[str, Any]]) -> None:
        for start in range(0, len(observations), 1000):
            response = self.client.post(
                "/api/v1/parking/observations",
                json={"observations": observations[start : start + 1000]},
            )
            response.raise_for_status()

    def close(self) -> None:
        self.client.close()


class DatabaseSink:
    """Store counts straight through the ingest service (no broker, no server)."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock

    def send(self, observations: list[dict[str, Any]]) -> None:
        with self.db.session() as session:
            ingest(session=session, items=observations, channel="sim", now=self.clock())

    def close(self) -> None:
        return None


def load_sites(db: Database, n: int, *, refs: Sequence[str] = ()) -> list[SimSite]:
    """Return up to n sites to drive (or the named ones), starting from their live counts."""
    with db.session() as session:
        query = (
            select(Site.ref, Site.kind, Site.capacity, SiteStatus.free)
            .join(SiteStatus, SiteStatus.site_id == Site.id, isouter=True)
            .where(Site.capacity > 0)
        )
        if refs:
            query = query.where(Site.ref.in_(refs))
        rows = session.execute(query.order_by(Site.ref).limit(n)).all()
    now = datetime.now(UTC)
    sites = []
    for ref, kind, capacity, free in rows:
        if free is None:
            free = round(capacity * (1 - target_occupancy(kind, now)))
        sites.append(SimSite(ref, kind, capacity, free))
    return sites


def run(
    sites: Sequence[SimSite],
    sink: Sink,
    *,
    rate: float,
    count: int,
    seed: int = 1,
    clock: Clock = system_clock,
    sleep: Callable[[float], None] = time.sleep,
    tick_s: float = 0.05,
) -> Iterator[int]:
    """Send ``count`` events at ``rate`` a second; yield how many were sent after each tick."""
    if not sites:
        raise ValueError("no site to simulate: load the demo data first (casa demo)")
    rng = random.Random(seed)  # noqa: S311 (a reproducible simulation, not a secret)
    sent = 0
    started = time.monotonic()
    last_at: datetime | None = None
    while sent < count:
        due = min(count, max(sent + 1, math.floor((time.monotonic() - started) * rate)))
        batch = []
        for _ in range(due - sent):
            at = clock()
            # Strictly increasing instants, so that no two counts of a site share a key.
            at = at if last_at is None or at > last_at else last_at + timedelta(microseconds=1)
            last_at = at
            site = next_event(sites, rng, at)
            batch.append(
                {
                    "site": site.ref,
                    "kind": "count",
                    "free": site.free,
                    "observed_at": at.isoformat(),
                }
            )
        sink.send(batch)
        sent = due
        yield sent
        ahead = sent / rate - (time.monotonic() - started)
        if ahead > 0:
            sleep(min(ahead, tick_s * 4))


WEEKEND_FACTOR = {"centre": 0.55, "on_street": 0.75, "park_and_ride": 0.3}
"""How busy a weekend day is against a weekday, by profile (garages stay full: people are home)."""


def weekly_target(kind: str, at: datetime) -> float:
    """Return the share of places taken, by time of day and day of the week."""
    target = target_occupancy(kind, at)
    if local(at).weekday() >= 5:
        if kind == "building_garage":
            return max(target, 0.85)
        return target * WEEKEND_FACTOR.get(kind, 0.6)
    return target


def backfill(
    sites: Sequence[SimSite],
    *,
    days: float,
    now: datetime,
    step_minutes: int = 5,
    seed: int = 1,
) -> Iterator[list[dict[str, Any]]]:
    """Yield counts for the past ``days`` days, one per site and step, oldest first.

    Each site follows its weekly profile plus a slowly wandering deviation (an AR(1) process
    with a half-life of about two hours) and counting noise, so that history has both a
    pattern worth learning and today-specific departures from it.
    """
    rng = random.Random(seed)  # noqa: S311 (a reproducible simulation, not a secret)
    step = timedelta(minutes=step_minutes)
    keep = 0.5 ** (step_minutes / 120)
    spread = 0.12 * math.sqrt(1 - keep**2)
    deviation = {s.ref: 0.0 for s in sites}
    at = now - timedelta(days=days)
    while at <= now:
        batch = []
        for site in sites:
            deviation[site.ref] = keep * deviation[site.ref] + rng.gauss(0, spread)
            taken = weekly_target(site.kind, at) + deviation[site.ref] + rng.gauss(0, 0.02)
            site.free = max(0, min(site.capacity, round(site.capacity * (1 - taken))))
            batch.append(
                {
                    "site": site.ref,
                    "kind": "count",
                    "free": site.free,
                    "observed_at": at.isoformat(),
                }
            )
        yield batch
        at += step
