"""End to end: the simulator publishes over MQTT, a served Casa stores and streams the changes.

Ingest announces each site once per stored batch, with its final count, so when the served
subscriber stores several messages in one batch (a slower commit, as on PostgreSQL) the stream
carries fewer events than were published. What must hold is the order and the end: each site's
events are a subsequence of what the simulator published for it, and the last one is the last
value published, which is also what the API shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from casa.core.config import Settings
from casa.core.db import Database
from casa.core.mqtt import make_client, parse_url
from tests.parking.factories import make_site

pytestmark = pytest.mark.e2e

SITES = ("live-a", "live-b")


def is_subsequence(part: list[int], whole: list[int]) -> bool:
    rest = iter(whole)
    return all(any(x == y for y in rest) for x in part)


def test_simulator_changes_what_the_live_stream_and_api_show(
    settings: Settings, db: Database, mqtt_url: str, serve: Any, tmp_path: Path
) -> None:
    for ref in SITES:
        make_site(db, ref, capacity=40)
    server = serve(
        {
            "CASA_DATABASE_URL": settings.database_url,
            "CASA_MQTT_URL": mqtt_url,
            "CASA_VAR_DIR": str(tmp_path / "served"),
        }
    )
    published: dict[str, list[int]] = {ref: [] for ref in SITES}
    witness = make_client(mqtt_url)
    witness.on_message = lambda _c, _u, m: published[m.topic.split("/")[2]].append(
        json.loads(m.payload)["free"]
    )
    host, port, _, _ = parse_url(mqtt_url)
    witness.connect(host, port)
    for ref in SITES:
        witness.subscribe(f"casa/parking/{ref}/occupancy", qos=1)
    witness.loop_start()
    streamed: dict[str, list[int]] = {ref: [] for ref in SITES}
    ready, done = threading.Event(), threading.Event()

    def listen() -> None:
        try:
            with httpx.stream(
                "GET", f"{server.url}/api/v1/events", params={"channel": "parking"}, timeout=30
            ) as response:
                for line in response.iter_lines():
                    if line.startswith("data:"):
                        data = json.loads(line.removeprefix("data:").strip())
                        if data.get("channel") == "parking":
                            ready.set()
                        elif data.get("type") == "occupancy":
                            streamed[data["site"]].append(data["free"])
                    if done.is_set():
                        return
        except httpx.HTTPError:
            if not done.is_set():  # the stream may only end when the server stops after the test
                raise

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert ready.wait(10)
    time.sleep(1.0)  # the served subscriber's SUBSCRIBE reaches the broker
    env = {
        **os.environ,
        "CASA_DATABASE_URL": settings.database_url,
        "CASA_VAR_DIR": str(tmp_path / "sim"),
    }
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "casa"),
            "parking",
            "simulate",
            "--sites",
            "2",
            "--rate",
            "60",
            "--count",
            "30",
            "--mqtt",
            mqtt_url,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (
        sum(map(len, published.values())) == 30
        and all(streamed[ref][-1:] == published[ref][-1:] for ref in SITES)
    ):
        time.sleep(0.1)  # the last batch is stored and announced
    done.set()
    witness.loop_stop()
    witness.disconnect()

    shown = {
        ref: httpx.get(f"{server.url}/api/v1/parking/sites/{ref}").json()["live"]["free"]
        for ref in SITES
    }
    assert (run.returncode, sum(map(len, published.values())), all(published.values())) == (
        0,
        30,
        True,
    )
    assert {ref: is_subsequence(streamed[ref], published[ref]) for ref in SITES} == {
        ref: True for ref in SITES
    }
    assert {ref: streamed[ref][-1:] for ref in SITES} == {ref: published[ref][-1:] for ref in SITES}
    assert {ref: [shown[ref]] for ref in SITES} == {ref: published[ref][-1:] for ref in SITES}
