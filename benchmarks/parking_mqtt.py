"""MQTT ingest: how soon an observation published to the broker is visible in the API.

Serves Casa with ``casa serve`` (one worker, SQLite, ``CASA_MQTT_URL`` set) on 500 sites,
listens to its live stream (``/api/v1/events?channel=parking``, announced once the batch is
committed, so an event means the API shows the count) and publishes QoS 1 counts at a steady
rate over many sites: first 50 messages/s (the baseline), then 2,000 messages/s. An observation's
delay is from its publication to the first event of its site with the same or a later time
(the subscriber stores messages in batches and announces each site once a batch, with its
final count). Prints one JSON line per figure, or a "skipped" line when no broker answers.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from bisect import bisect_left
from datetime import UTC, datetime
from pathlib import Path

import httpx

from casa.core import migrate
from casa.core.db import Database
from casa.core.mqtt import check_broker, make_client, parse_url
from casa.parking import sites
from casa.parking.demo_data import random_sites

MQTT_URL = os.environ.get("CASA_BENCH_MQTT_URL", "mqtt://127.0.0.1:1883")
N_SITES = 500
PHASES = (("baseline", 50, 8.0), ("load", 2000, 20.0))
"""Name, messages a second, seconds."""
SETTLE_S = 5.0


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Listener:
    """Record when each site's counts appear on the live stream."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.seen: dict[str, list[tuple[str, float]]] = {}
        self.ready = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            with httpx.stream(
                "GET", f"{self.url}/api/v1/events", params={"channel": "parking"}, timeout=60
            ) as response:
                for line in response.iter_lines():
                    if self.done.is_set():
                        return
                    if not line.startswith("data:"):
                        continue
                    data = json.loads(line.removeprefix("data:").strip())
                    if data.get("channel") == "parking":
                        self.ready.set()
                    elif data.get("type") == "occupancy":
                        at = time.time()
                        self.seen.setdefault(data["site"], []).append((data["observed_at"], at))
        except httpx.HTTPError:
            if not self.done.is_set():
                raise


def publish(capacity: dict[str, int], rate: int, seconds: float) -> list[tuple[str, str, float]]:
    """Publish counts at a steady rate; return (site, observed_at, published at) of each."""
    host, port, _, _ = parse_url(MQTT_URL)
    client = make_client(MQTT_URL)
    client.max_inflight_messages_set(5000)
    client.max_queued_messages_set(0)
    client.connect(host, port)
    client.loop_start()
    rng = random.Random(rate)
    refs = sorted(capacity)
    sent: list[tuple[str, str, float]] = []
    tick = 0.01
    started = time.perf_counter()
    total = int(rate * seconds)
    last = None
    while len(sent) < total:
        due = min(total, int((time.perf_counter() - started) * rate) + 1)
        while len(sent) < due:
            ref = rng.choice(refs)
            observed = datetime.now(UTC).isoformat()
            free = rng.randint(0, capacity[ref])
            payload = json.dumps({"free": free, "observed_at": observed})
            last = client.publish(f"casa/parking/{ref}/occupancy", payload, qos=1)
            sent.append((ref, observed, time.time()))
        time.sleep(tick)
    if last is not None:
        last.wait_for_publish(30)
    client.loop_stop()
    client.disconnect()
    return sent


def delays(
    sent: list[tuple[str, str, float]], seen: dict[str, list[tuple[str, float]]]
) -> list[float | None]:
    """Return each message's delay to visibility in seconds (None when never seen)."""
    times = {ref: [datetime.fromisoformat(o) for o, _ in events] for ref, events in seen.items()}
    out: list[float | None] = []
    for ref, observed, at in sent:
        # One site's events come in the order of its counts: find the first not older.
        i = bisect_left(times.get(ref, []), datetime.fromisoformat(observed))
        events = seen.get(ref, [])
        out.append(events[i][1] - at if i < len(events) else None)
    return out


def summary(values: list[float | None]) -> dict[str, float]:
    shown = sorted(v for v in values if v is not None)
    if not shown:
        return {"p50_ms": -1.0, "p95_ms": -1.0, "max_ms": -1.0, "never_seen": len(values)}
    return {
        "p50_ms": round(shown[len(shown) // 2] * 1000, 1),
        "p95_ms": round(shown[int(len(shown) * 0.95)] * 1000, 1),
        "max_ms": round(shown[-1] * 1000, 1),
        "never_seen": len(values) - len(shown),
    }


def main() -> None:
    try:
        check_broker(MQTT_URL)
    except OSError as exc:
        print(
            json.dumps({"bench": "parking_mqtt", "skipped": f"{MQTT_URL} does not answer: {exc}"})
        )
        return
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-mqtt-"))
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{folder / 'casa.db'}"
    migrate.upgrade(url)
    db = Database(url)
    generated = random_sites(N_SITES, seed=11)
    for site in generated:
        site.ref = f"bench-mqtt-{site.ref}"
    with db.session() as session:
        sites.bulk_create(session=session, sites=generated, now=datetime.now(UTC))
    db.dispose()
    capacity = {s.ref: s.capacity for s in generated}
    port = free_port()
    env = {
        **os.environ,
        "CASA_DATABASE_URL": url,
        "CASA_VAR_DIR": str(folder),
        "CASA_MQTT_URL": MQTT_URL,
        "CASA_LOG_LEVEL": "WARNING",
    }
    casa = str(Path(sys.executable).parent / "casa")
    server = subprocess.Popen(
        [casa, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        listener = Listener(base)
        listener.thread.start()
        listener.ready.wait(10)
        time.sleep(1.0)  # the subscriber's SUBSCRIBE reaches the broker
        for name, rate, seconds in PHASES:
            sent = publish(capacity, rate, seconds)
            # The rate of the publications themselves, from the first to the last: connecting
            # and waiting for the last acknowledgement are not sending.
            achieved = (len(sent) - 1) / (sent[-1][2] - sent[0][2])
            time.sleep(SETTLE_S)
            results[name] = (rate, achieved, len(sent), summary(delays(sent, listener.seen)))
        listener.done.set()
    finally:
        server.terminate()
        server.wait(10)
    _, _, _, low = results["baseline"]
    rate, achieved, count, high = results["load"]
    print(
        json.dumps(
            {
                "bench": "parking_mqtt",
                "metric": "visible_p95_ms",
                "value": high["p95_ms"],
                "unit": "ms",
                "baseline": low["p95_ms"],
                "ratio": round(high["p95_ms"] / low["p95_ms"], 2),
                "baseline_is": f"the same delay at {PHASES[0][1]} messages/s, same run",
                "target_rate_msg_per_s": rate,
                "achieved_rate_msg_per_s": round(achieved),
                "messages": count,
                "load": high,
                "low_rate": low,
                "sites": N_SITES,
                "workers": 1,
                "database": "sqlite",
            }
        )
    )


if __name__ == "__main__":
    main()
