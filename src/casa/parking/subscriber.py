"""The MQTT subscriber: sensors' observations in, acknowledged only once they are stored.

It runs in two background threads beside the app (never in a request): paho's network loop,
which reconnects by itself when the broker goes away, and a writer that stores the received
messages in batches and only then sends their PUBACKs (paho's manual-ack mode). The session is
persistent (clean_session off, a client id fixed per deployment and worker slot), so the
broker keeps QoS 1 messages for Casa while it is away. A message that cannot be stored is not
acknowledged and comes back; a repeat is dropped by the observations' unique key.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import queue
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import paho.mqtt.client as mqtt
import structlog

from casa.core.clock import Clock
from casa.core.config import Settings
from casa.core.db import Database
from casa.core.mqtt import make_client, parse_url
from casa.parking.ingest import ingest, reject_unreadable

TOPICS = ("casa/parking/+/occupancy", "casa/parking/+/spots/+")
BATCH = 500
log = structlog.get_logger("casa.parking.mqtt")


def item_of(topic: str, payload: bytes) -> dict[str, Any] | None:
    """Turn a sensor's message into an observation, or None when it cannot be read."""
    parts = topic.split("/")
    try:
        body = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(body, dict):
        return None
    if len(parts) == 4 and parts[3] == "occupancy":
        return {
            "site": parts[2],
            "kind": "count",
            "free": body.get("free"),
            "observed_at": body.get("observed_at"),
        }
    if len(parts) == 5 and parts[3] == "spots":
        return {
            "site": parts[2],
            "kind": "spot",
            "spot": parts[4],
            "status": body.get("status"),
            "observed_at": body.get("observed_at"),
        }
    return None


class Subscriber:
    """A persistent MQTT session that stores observations before acknowledging them."""

    def __init__(self, url: str, db: Database, bus: Any, clock: Clock, client_id: str) -> None:
        self.url = url
        self.db = db
        self.bus = bus
        self.clock = clock
        self.client_id = client_id
        self.client = make_client(url, client_id=client_id, clean=False)
        self.client.manual_ack_set(True)
        self.client.reconnect_delay_set(min_delay=1, max_delay=5)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe
        self._subscribe_mid: int | None = None
        self.inbox: queue.Queue[mqtt.MQTTMessage] = queue.Queue()
        self.connected = threading.Event()  # set once connected and subscribed
        self._stop = threading.Event()
        self._writer = threading.Thread(
            target=self._write_loop, name="parking-mqtt-writer", daemon=True
        )

    def _on_connect(
        self, client: mqtt.Client, _userdata: Any, _flags: Any, reason: Any, _properties: Any
    ) -> None:
        if getattr(reason, "is_failure", False):
            log.warning("mqtt_refused", reason=str(reason))
            return
        # Subscribe on every connection: a broker restarted without persistence forgets them.
        _, self._subscribe_mid = client.subscribe([(topic, 1) for topic in TOPICS])
        log.info("mqtt_connected", client_id=self.client_id)

    def _on_subscribe(
        self, _client: mqtt.Client, _userdata: Any, mid: int, reasons: Any, _properties: Any
    ) -> None:
        # Ready only once the broker holds the subscriptions: until its SUBACK, a sensor's
        # message is acknowledged to the sensor and dropped for want of a subscriber.
        if mid != self._subscribe_mid:
            return
        if any(getattr(reason, "is_failure", False) for reason in reasons):
            log.warning("mqtt_subscribe_refused", reasons=[str(r) for r in reasons])
            return
        self.connected.set()

    def _on_message(self, _client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage) -> None:
        self.inbox.put(message)

    def start(self) -> Subscriber:
        """Connect (retrying in the background) and start storing messages."""
        host, port, _, _ = parse_url(self.url)
        self.client.connect_async(host, port, keepalive=15)
        self.client.loop_start()
        self._writer.start()
        return self

    def stop(self) -> None:
        """Store what has arrived, then disconnect."""
        self._stop.set()
        self._writer.join(timeout=10)
        self.client.disconnect()
        self.client.loop_stop()

    def _take_batch(self) -> list[mqtt.MQTTMessage]:
        try:
            batch = [self.inbox.get(timeout=0.2)]
        except queue.Empty:
            return []
        while len(batch) < BATCH:
            try:
                batch.append(self.inbox.get_nowait())
            except queue.Empty:
                break
        return batch

    def _write_loop(self) -> None:
        pending: list[mqtt.MQTTMessage] = []
        while not (self._stop.is_set() and not pending and self.inbox.empty()):
            pending = pending or self._take_batch()
            if not pending:
                continue
            try:
                self.store(pending)
            except Exception:  # the database is away: keep the batch, unacknowledged, and retry
                log.exception("mqtt_store_failed", messages=len(pending))
                self._stop.wait(1.0)
                continue
            for message in pending:
                self.client.ack(message.mid, message.qos)
            pending = []

    def store(self, messages: list[mqtt.MQTTMessage]) -> None:
        """Store a batch of messages as observations in one unit of work."""
        items = []
        for message in messages:
            item = item_of(message.topic, bytes(message.payload))
            if item is None:
                reject_unreadable("mqtt")
            else:
                items.append(item)
        if items:
            with self.db.session() as session:
                ingest(session=session, items=items, channel="mqtt", now=self.clock(), bus=self.bus)


def _claim_slot(var_dir: Path) -> tuple[int, IO[str]]:
    """Take the lowest free worker slot on this machine, held by a file lock until exit."""
    var_dir.mkdir(parents=True, exist_ok=True)
    for slot in range(256):
        handle = (var_dir / f"parking-mqtt-{slot}.lock").open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        return slot, handle
    raise RuntimeError("no free MQTT worker slot under " + str(var_dir))


def client_id_for(settings: Settings, slot: int) -> str:
    """Return the fixed client id of a worker slot of this deployment."""
    where = f"{socket.gethostname()}|{settings.var_dir.resolve()}|{settings.database_url}"
    return f"casa-parking-{hashlib.sha256(where.encode()).hexdigest()[:10]}-{slot}"


def run_subscriber(settings: Settings, db: Database, bus: Any, clock: Clock) -> Callable[[], None]:
    """Start the subscriber when a broker is configured; return the function that stops it."""
    if not settings.mqtt_url:
        return lambda: None
    slot, lock = _claim_slot(settings.var_dir)
    subscriber = Subscriber(settings.mqtt_url, db, bus, clock, client_id_for(settings, slot))
    subscriber.start()

    def stop() -> None:
        subscriber.stop()
        lock.close()

    return stop
