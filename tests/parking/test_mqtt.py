"""MQTT ingest against a real broker: stored before acknowledged, and nothing lost on a restart."""

from __future__ import annotations

import getpass
import json
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from casa.app import create_app
from casa.core.bus import InProcessBus
from casa.core.clock import FrozenClock
from casa.core.config import Settings
from casa.core.db import Database
from casa.core.metrics import REGISTRY
from casa.core.mqtt import make_client
from casa.parking.models import Observation
from casa.parking.subscriber import Subscriber, item_of
from tests.conftest import free_port
from tests.parking.factories import make_site

pytestmark = pytest.mark.integration


def wait_until(check: Callable[[], bool], timeout_s: float = 15.0) -> bool:
    """Poll a condition until it holds or the time is up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def stored(db: Database, site_id: int) -> int:
    with db.session() as session:
        return int(
            session.scalar(select(func.count(Observation.id)).where(Observation.site_id == site_id))
            or 0
        )


def publisher(url: str, client_id: str | None = None) -> object:
    host, port = url.removeprefix("mqtt://").split(":")
    client = make_client(url, client_id=client_id, clean=client_id is None)
    client.connect(host, int(port))
    client.loop_start()
    return client


def test_item_of_reads_both_topics_and_refuses_garbage() -> None:
    assert (
        item_of("casa/parking/a/occupancy", b'{"free": 3, "observed_at": "t"}'),
        item_of("casa/parking/a/spots/s1", b'{"status": "free", "observed_at": "t"}'),
        item_of("casa/parking/a/occupancy", b"{oops"),
        item_of("casa/parking/a/other", b"{}"),
    ) == (
        {"site": "a", "kind": "count", "free": 3, "observed_at": "t"},
        {"site": "a", "kind": "spot", "spot": "s1", "status": "free", "observed_at": "t"},
        None,
        None,
    )


def test_app_stores_published_counts_and_shows_them(
    settings: Settings, db: Database, clock: FrozenClock, mqtt_url: str
) -> None:
    ref = f"mq-{uuid.uuid4().hex[:8]}"
    make_site(db, ref, capacity=30)
    app = create_app(settings.model_copy(update={"mqtt_url": mqtt_url}), clock=clock)
    rejected = (
        "casa_parking_observations_rejected_total",
        {"channel": "mqtt", "reason": "malformed"},
    )
    before = REGISTRY.get_sample_value(*rejected) or 0.0
    with TestClient(app) as client:
        pub = publisher(mqtt_url)
        assert wait_until(lambda: client.get("/readyz").status_code == 200)
        time.sleep(0.5)  # let the subscriber's SUBSCRIBE reach the broker
        pub.publish(f"casa/parking/{ref}/occupancy", b"{not json", qos=1)  # type: ignore[attr-defined]
        pub.publish(
            f"casa/parking/{ref}/occupancy",  # type: ignore[attr-defined]
            json.dumps({"free": 11, "observed_at": clock().isoformat()}),
            qos=1,
        )

        def shown() -> bool:
            return client.get(f"/api/v1/parking/sites/{ref}").json()["live"]["free"] == 11

        seen = wait_until(shown)
        pub.disconnect()  # type: ignore[attr-defined]
    assert (seen, (REGISTRY.get_sample_value(*rejected) or 0.0) - before) == (True, 1.0)


@pytest.fixture
def private_broker(tmp_path: Path, mqtt_url: str) -> Iterator[tuple[str, Callable[[], None]]]:
    """A Mosquitto of this test's own, with persistence, that the test may restart."""
    port = free_port()
    conf = tmp_path / "mosquitto.conf"
    conf.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence true\n"
        f"persistence_location {tmp_path}/\nmax_queued_messages 0\n"
        # As root, Mosquitto would drop to its own user, unable to save here.
        f"user {getpass.getuser()}\n"
    )
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> None:
        procs.append(
            subprocess.Popen(
                ["mosquitto", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )
        time.sleep(0.3)

    def restart() -> None:
        procs[-1].terminate()
        procs[-1].wait(10)
        start()

    start()
    yield f"mqtt://127.0.0.1:{port}", restart
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(10)


class Sensor:
    """A QoS 1 sensor that, like a real device, counts a reading as sent only on its PUBACK."""

    def __init__(self, url: str, client_id: str) -> None:
        self.client = publisher(url, client_id=client_id)
        # paho calls on_publish holding its own lock: never hold ours across publish().
        self._lock = threading.Lock()
        self._sent: dict[int, int] = {}  # mid -> reading
        self._acked_mids: set[int] = set()
        self.client.on_publish = self._on_publish  # type: ignore[attr-defined]

    def _on_publish(self, _c: Any, _u: Any, mid: int, _reason: Any, _props: Any) -> None:
        with self._lock:
            self._acked_mids.add(mid)

    def send(self, reading: int, topic: str, payload: str) -> None:
        info = self.client.publish(topic, payload, qos=1)  # type: ignore[attr-defined]
        with self._lock:
            self._sent[info.mid] = reading

    @property
    def acked(self) -> set[int]:
        """Return the readings whose PUBACK has arrived."""
        with self._lock:
            return {self._sent[mid] for mid in self._acked_mids if mid in self._sent}


def test_broker_restart_mid_stream_loses_no_observation(
    db: Database, clock: FrozenClock, private_broker: tuple[str, Callable[[], None]]
) -> None:
    url, restart = private_broker
    site_id = make_site(db, "restart", capacity=1000)
    subscriber = Subscriber(url, db, InProcessBus(), clock, "casa-test-restart").start()
    assert subscriber.connected.wait(10)
    sensor = Sensor(url, "sensor-restart")
    topic = "casa/parking/restart/occupancy"
    readings = {
        i: json.dumps(
            {"free": i, "observed_at": (clock() - timedelta(seconds=400 - i)).isoformat()}
        )
        for i in range(400)
    }
    for i, payload in readings.items():
        sensor.send(i, topic, payload)
        if i == 200:
            restart()
        time.sleep(0.002)

    # A reading the broker never acknowledged is the sensor's to send again, not Casa's loss.
    deadline = time.monotonic() + 120
    while len(sensor.acked) < 400 and time.monotonic() < deadline:
        if not wait_until(lambda: len(sensor.acked) == 400, timeout_s=10):
            for i in sorted(set(readings) - sensor.acked):
                sensor.send(i, topic, readings[i])

    def stored_readings() -> set[int]:
        with db.session() as session:
            return set(
                session.scalars(select(Observation.free).where(Observation.site_id == site_id))
            )

    # Generous, since a loaded machine is slow; only the end state is asserted, never the time.
    wait_until(lambda: sensor.acked <= stored_readings(), timeout_s=120)
    sensor.client.disconnect()  # type: ignore[attr-defined]
    subscriber.stop()
    assert (len(sensor.acked), sorted(sensor.acked - stored_readings())) == (400, [])
    assert stored(db, site_id) == 400


def test_messages_sent_while_casa_is_away_arrive_when_it_returns(
    db: Database, clock: FrozenClock, private_broker: tuple[str, Callable[[], None]]
) -> None:
    url, _ = private_broker
    site_id = make_site(db, "away", capacity=100)
    first = Subscriber(url, db, InProcessBus(), clock, "casa-test-away").start()
    assert first.connected.wait(10)
    first.stop()
    pub = publisher(url)
    for i in range(20):
        at = clock() - timedelta(seconds=20 - i)
        pub.publish(
            "casa/parking/away/occupancy",  # type: ignore[attr-defined]
            json.dumps({"free": i, "observed_at": at.isoformat()}),
            qos=1,
        ).wait_for_publish(5)

    back = Subscriber(url, db, InProcessBus(), clock, "casa-test-away").start()
    complete = wait_until(lambda: stored(db, site_id) == 20)
    back.stop()
    pub.disconnect()  # type: ignore[attr-defined]
    assert complete is True
