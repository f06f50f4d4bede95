"""The search endpoint under load: requests per second and p99 latency on one worker.

Serves Casa with ``casa serve`` (one worker, SQLite) on 10,000 generated sites with live
counts, then drives it from the same machine with an asyncio load generator (keep-alive
HTTP/1.1 connections, each sending its next request as soon as the answer arrives). The
baseline is ``/healthz`` on the same server in the same run: the ratio says how much of the
server's capacity a search costs. The generator's own ceiling is measured too, against a
trivial asyncio HTTP server answering a fixed body: when it is far above the figures, the
generator is not what limits them. Prints one JSON line per figure.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from casa.core import migrate
from casa.core.db import Database
from casa.parking import ingest, sites
from casa.parking.demo_data import random_sites

N_SITES = 10_000
CONNECTIONS = 32
DURATION_S = 10.0
WARMUP_S = 2.0
NOW = datetime.now(UTC)


TRIVIAL_SERVER = """
import asyncio, sys
BODY = b'HTTP/1.1 200 OK\\r\\ncontent-length: 2\\r\\ncontent-type: text/plain\\r\\n\\r\\nok'
async def serve(reader, writer):
    try:
        while True:
            await reader.readuntil(b'\\r\\n\\r\\n')
            writer.write(BODY)
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()
async def main():
    server = await asyncio.start_server(serve, '127.0.0.1', int(sys.argv[1]))
    async with server:
        await server.serve_forever()
asyncio.run(main())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _client(port: int, paths: list[str], until: float, latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    rng = random.Random(len(latencies))
    try:
        while time.perf_counter() < until:
            path = rng.choice(paths)
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(head.decode(errors="replace"))
            latencies.append(time.perf_counter() - started)
    finally:
        writer.close()


async def load(port: int, paths: list[str], duration: float) -> tuple[float, float, float]:
    """Drive the server for a while; return requests/s, median and p99 latency in ms."""
    warm: list[float] = []
    await asyncio.gather(
        *(_client(port, paths, time.perf_counter() + WARMUP_S, warm) for _ in range(CONNECTIONS))
    )
    latencies: list[float] = []
    started = time.perf_counter()
    until = started + duration
    await asyncio.gather(*(_client(port, paths, until, latencies) for _ in range(CONNECTIONS)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[int(len(latencies) * 0.99)] * 1000
    return len(latencies) / elapsed, p50, p99


def generator_ceiling() -> float:
    """Return the requests/s the generator reaches against a server that does nothing."""
    port = free_port()
    trivial = subprocess.Popen([sys.executable, "-c", TRIVIAL_SERVER, str(port)])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        rate, _, _ = asyncio.run(load(port, ["/"], DURATION_S / 2))
    finally:
        trivial.terminate()
        trivial.wait(10)
    return rate


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-"))
    url = f"sqlite:///{folder / 'casa.db'}"
    migrate.upgrade(url)
    db = Database(url)
    generated = random_sites(N_SITES, seed=3)
    rng = random.Random(5)
    with db.session() as session:
        sites.bulk_create(session=session, sites=generated, now=NOW)
        counts = [
            {"site": s.ref, "free": rng.randint(0, s.capacity), "observed_at": NOW.isoformat()}
            for s in generated
        ]
        ingest.ingest(session=session, items=counts, channel="sim", now=NOW)
    db.dispose()
    points = [(s.lat, s.lon) for s in rng.sample(generated, 200)]
    search_paths = [
        f"/api/v1/parking/sites?near={lat:.5f},{lon:.5f}&radius_m=800&sort=best&limit=20"
        for lat, lon in points
    ]
    port = free_port()
    env = {
        **os.environ,
        "CASA_DATABASE_URL": url,
        "CASA_VAR_DIR": str(folder),
        "CASA_LOG_LEVEL": "WARNING",
    }
    casa = str(Path(sys.executable).parent / "casa")
    server = subprocess.Popen(
        [casa, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        hits = httpx.get(f"http://127.0.0.1:{port}{search_paths[0]}").json()["count"]
        base_rate, base_p50, base_p99 = asyncio.run(load(port, ["/healthz"], DURATION_S))
        rate, p50, p99 = asyncio.run(load(port, search_paths, DURATION_S))
    finally:
        server.terminate()
        server.wait(10)
    ceiling = generator_ceiling()
    common = {"sites": N_SITES, "connections": CONNECTIONS, "workers": 1, "database": "sqlite"}
    print(
        json.dumps(
            {
                "bench": "parking_endpoint",
                "metric": "search_requests_per_s",
                "value": round(rate),
                "unit": "req/s",
                "baseline": round(base_rate),
                "ratio": round(rate / base_rate, 3),
                "baseline_is": "/healthz on the same server",
                "generator_ceiling_req_per_s": round(ceiling),
                "hits_first_query": hits,
                **common,
            }
        )
    )
    print(
        json.dumps(
            {
                "bench": "parking_endpoint",
                "metric": "search_p99_ms",
                "value": round(p99, 1),
                "unit": "ms",
                "baseline": round(base_p99, 1),
                "ratio": round(p99 / base_p99, 2),
                "median_ms": round(p50, 1),
                "baseline_median_ms": round(base_p50, 1),
                **common,
            }
        )
    )


if __name__ == "__main__":
    main()
