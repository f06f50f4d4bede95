"""End to end: the simulator publishes over MQTT, a served Casa stores and streams the changes."""

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
from tests.parking.factories import make_site

pytestmark = pytest.mark.e2e


def test_simulator_changes_what_the_live_stream_and_api_show(
    settings: Settings, db: Database, mqtt_url: str, serve: Any, tmp_path: Path
) -> None:
    for ref in ("live-a", "live-b"):
        make_site(db, ref, capacity=40)
    server = serve(
        {
            "CASA_DATABASE_URL": settings.database_url,
            "CASA_MQTT_URL": mqtt_url,
            "CASA_VAR_DIR": str(tmp_path / "served"),
        }
    )
    events: list[dict[str, Any]] = []
    ready = threading.Event()

    def listen() -> None:
        with httpx.stream(
            "GET", f"{server.url}/api/v1/events", params={"channel": "parking"}, timeout=30
        ) as response:
            for line in response.iter_lines():
                if line.startswith("data:"):
                    data = json.loads(line.removeprefix("data:").strip())
                    if data.get("channel") == "parking":
                        ready.set()
                    elif data.get("type") == "occupancy":
                        events.append(data)
                        if len(events) >= 30:
                            return

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
    listener.join(20)

    last = {e["site"]: e["free"] for e in events}
    shown = {
        ref: httpx.get(f"{server.url}/api/v1/parking/sites/{ref}").json()["live"]["free"]
        for ref in last
    }
    assert (run.returncode, len(events), set(last)) == (0, 30, {"live-a", "live-b"})
    assert shown == last
