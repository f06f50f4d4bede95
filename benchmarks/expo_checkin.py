"""Check-in throughput and latency on one `casa serve` worker, against /healthz on the same server.

Builds a SQLite database with an edition and N confirmed tickets, serves it on 127.0.0.1 with
one worker, then an asyncio load generator sends every ticket's entry scan (a nonce each) with a
fixed number of requests in flight. Prints one JSON line per figure.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

from casa.accounts import service as accounts
from casa.core import migrate
from casa.core.db import Database
from casa.expo import editions, registration
from casa.expo.schemas import EditionIn, RegistrationIn, RoomIn, VenueIn

N = int(os.environ.get("BENCH_SCANS", "3000"))
IN_FLIGHT = 16
NOW = datetime(2026, 4, 20, 8, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"  # noqa: S105 - a throwaway account of the benchmark


def _prepare(url: str) -> list[str]:
    migrate.upgrade(url)
    db = Database(url)
    with db.session() as session:
        accounts.register(
            session=session,
            email="gate@casa.ma",
            password=PASSWORD,
            name="Gate",
            language="fr",
            roles=("staff",),
            now=NOW,
        )
        edition = editions.create_edition(
            session=session,
            data=EditionIn(
                year=2026,
                title="Bench",
                theme="Bench",
                starts_on=date(2026, 4, 20),
                ends_on=date(2026, 4, 21),
            ),
            now=NOW,
        )
        editions.upsert_venue(
            session=session,
            data=VenueIn(
                slug="twin-center",
                name="Twin Center",
                lat=33.58658,
                lon=-7.63229,
                rooms=[RoomIn(name="Hall", capacity=100)],
            ),
        )
        registration.ensure_categories(session=session, edition=edition, quotas={"citizen": N})
        secrets = []
        for i in range(N):
            row = registration.register(
                session=session,
                edition=edition,
                data=RegistrationIn(
                    category="citizen", name=f"P{i}", email=f"p{i}@example.org", consent=True
                ),
                now=NOW,
            )
            out = registration.to_out(session=session, edition=edition, registration=row, now=NOW)
            assert out.secret is not None
            secrets.append(out.secret)
    db.dispose()
    return secrets


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Request = tuple[str, str, dict[str, object] | None]


async def _load(
    base: str, requests: list[Request], token: str
) -> tuple[float, float, dict[int, int]]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = list(reversed(requests))
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:

        async def worker() -> None:
            while queue:
                method, path, body = queue.pop()
                began = time.perf_counter()
                response = await client.request(method, path, json=body)
                latencies.append(time.perf_counter() - began)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return len(requests) / elapsed, latencies[int(len(latencies) * 0.99) - 1] * 1000, statuses


def main() -> None:
    """Serve a prepared database and measure scans against /healthz."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'casa.db'}"
        secrets = _prepare(url)
        port = _free_port()
        env = {**os.environ, "CASA_DATABASE_URL": url, "CASA_VAR_DIR": tmp, "CASA_ENV": "test"}
        env["CASA_LOG_LEVEL"] = "WARNING"
        casa = str(Path(sys.executable).parent / "casa")
        server = subprocess.Popen(
            [casa, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if httpx.get(base + "/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            token = httpx.post(
                base + "/api/v1/auth/token",
                data={"username": "gate@casa.ma", "password": PASSWORD},
            ).json()["access_token"]
            health = [("GET", "/healthz", None)] * N
            scans = [
                (
                    "POST",
                    "/api/v1/expo/checkins",
                    {"secret": s, "gate": "twin-center:a", "type": "entry", "nonce": f"n{i:012d}"},
                )
                for i, s in enumerate(secrets)
            ]
            base_rate, base_p99, _ = asyncio.run(_load(base, health, token))
            rate, p99, statuses = asyncio.run(_load(base, scans, token))
        finally:
            server.terminate()
            server.wait(timeout=10)
    for metric, value, unit, baseline, target in (
        ("scans_per_s", rate, "scans/s", base_rate, 300),
        ("p99_ms", p99, "ms", base_p99, 100),
    ):
        line = {
            "bench": "expo_checkin",
            "metric": metric,
            "value": round(value, 1),
            "unit": unit,
            "baseline": round(baseline, 1),
            "ratio": round(value / baseline, 2),
            "n": N,
            "in_flight": IN_FLIGHT,
            "statuses": statuses,
            "target": target,
        }
        print(json.dumps(line))


if __name__ == "__main__":
    main()
