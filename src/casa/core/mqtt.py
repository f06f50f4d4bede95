"""MQTT connection helpers shared by every ingest."""

from __future__ import annotations

import uuid
from urllib.parse import urlparse

import paho.mqtt.client as mqtt


def parse_url(url: str) -> tuple[str, int, str | None, str | None]:
    """Split ``mqtt://user:pass@host:port`` into host, port, user and password."""
    parsed = urlparse(url)
    if parsed.scheme not in ("mqtt", "tcp", ""):
        raise ValueError(f"unsupported MQTT URL scheme {parsed.scheme!r}: use mqtt://host:port")
    return parsed.hostname or "127.0.0.1", parsed.port or 1883, parsed.username, parsed.password


def make_client(url: str, *, client_id: str | None = None, clean: bool = True) -> mqtt.Client:
    """Return an unconnected MQTT 3.1.1 client for a broker URL."""
    _, _, user, password = parse_url(url)
    client = mqtt.Client(
        mqtt.CallbackAPIVersion.VERSION2,
        client_id=client_id or f"casa-{uuid.uuid4().hex[:12]}",
        clean_session=clean,
    )
    if user:
        client.username_pw_set(user, password)
    return client


def check_broker(url: str, timeout_s: float = 3.0) -> None:
    """Connect to the broker and disconnect; raise if it does not accept the connection."""
    host, port, _, _ = parse_url(url)
    client = make_client(url)
    client.connect(host, port, keepalive=int(max(timeout_s, 5)))
    try:
        rc = client.loop(timeout=timeout_s)
        if rc != mqtt.MQTT_ERR_SUCCESS or not client.is_connected():
            rc = client.loop(timeout=timeout_s)
        if not client.is_connected():
            raise ConnectionError(f"MQTT broker at {host}:{port} did not accept the connection")
    finally:
        client.disconnect()
