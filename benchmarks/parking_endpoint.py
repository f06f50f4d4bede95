"""The search endpoint under load: p99 latency at a constant arrival rate, and peak throughput.

Serves Casa with ``casa serve`` (one worker, SQLite) on 10,000 generated sites with live
counts, then drives it from the same machine with an asyncio load generator over keep-alive
HTTP/1.1 connections, two ways:

- **Open loop** (as wrk2 or k6's constant-arrival-rate do): requests are scheduled at a
  constant rate (500 req/s) whatever the server does, and each latency is measured from the
  request's *scheduled* send time, so a stalled server is charged for every request that
  queued behind it (no coordinated omission). A pool of 64 idle connections is kept ready;
  when none is free the generator opens another (up to 512), so it does not wait for one.
  This tests "sustains 500 req/s with p99 under 50 ms".
- **Closed loop** with a few connections, each sending its next request as soon as the answer
  arrives: the most the worker serves.

The baseline is ``/healthz`` on the same server in the same run, measured the same two ways.
The generator's own ceiling is measured too, against a trivial asyncio HTTP server answering
a fixed body (closed loop, and open loop at the same rate): when it is far above the figures
and its own p99 far below them, the generator is not what limits them. Prints one JSON line
per figure. ``--rate`` and ``--duration`` change the arrival rate and the measured window;
``--busy N`` runs N processes that spin on the CPU during the measurements, a reproducible
stand-in for the other jobs of a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from casa.core import migrate
from casa.core.db import Database
from casa.parking import ingest, sites
from casa.parking.demo_data import random_sites

N_SITES = 10_000
RATE = 500.0
DURATION_S = 15.0
WARMUP_S = 3.0
POOL = 64
MAX_CONNECTIONS = 512
CLOSED_CONNECTIONS = 4
CLOSED_S = 8.0
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


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _exchange(conn: Connection, path: str) -> None:
    reader, writer = conn
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


@dataclass
class OpenLoop:
    """What an open-loop run measured."""

    sent: int
    rate: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    connections: int


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


async def open_loop(port: int, paths: list[str], rate: float, duration: float) -> OpenLoop:
    """Send requests at a constant rate; time each from its scheduled send, not its actual one."""
    idle: asyncio.Queue[Connection] = asyncio.Queue()
    opened = 0

    async def connect() -> Connection:
        nonlocal opened
        opened += 1
        return await asyncio.open_connection("127.0.0.1", port)

    for _ in range(POOL):
        idle.put_nowait(await connect())
    rng = random.Random(7)
    measured: list[float] = []
    tasks: set[asyncio.Task[None]] = set()

    async def one(path: str, scheduled: float, keep: bool) -> None:
        if idle.empty() and opened < MAX_CONNECTIONS:
            conn = await connect()
        else:
            # Past the cap the request waits for a connection; its clock is already running.
            conn = await idle.get()
        await _exchange(conn, path)
        idle.put_nowait(conn)
        if keep:
            measured.append(time.perf_counter() - scheduled)

    interval = 1.0 / rate
    start = time.perf_counter() + 0.05
    total = int((WARMUP_S + duration) * rate)
    warm = int(WARMUP_S * rate)
    for i in range(total):
        scheduled = start + i * interval
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(one(rng.choice(paths), scheduled, i >= warm))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - (start + warm * interval)
    while not idle.empty():
        idle.get_nowait()[1].close()
    return OpenLoop(
        sent=len(measured),
        rate=len(measured) / elapsed,
        p50_ms=_percentile(measured, 0.5),
        p99_ms=_percentile(measured, 0.99),
        max_ms=max(measured) * 1000,
        connections=opened,
    )


async def closed_loop(
    port: int, paths: list[str], connections: int, duration: float
) -> tuple[float, float, float]:
    """Drive the server as fast as it answers; return requests/s, median and p99 latency in ms."""

    async def client(seed: int, until: float, latencies: list[float]) -> None:
        conn = await asyncio.open_connection("127.0.0.1", port)
        rng = random.Random(seed)
        try:
            while time.perf_counter() < until:
                started = time.perf_counter()
                await _exchange(conn, rng.choice(paths))
                latencies.append(time.perf_counter() - started)
        finally:
            conn[1].close()

    warm: list[float] = []
    until = time.perf_counter() + 1.0
    await asyncio.gather(*(client(i, until, warm) for i in range(connections)))
    latencies: list[float] = []
    started = time.perf_counter()
    until = started + duration
    await asyncio.gather(*(client(i, until, latencies) for i in range(connections)))
    elapsed = time.perf_counter() - started
    return (
        len(latencies) / elapsed,
        _percentile(latencies, 0.5),
        _percentile(latencies, 0.99),
    )


def trivial_server_figures(rate: float) -> tuple[float, OpenLoop]:
    """Return the generator's closed-loop ceiling and its open-loop run against a no-op server."""
    port = free_port()
    trivial = subprocess.Popen([sys.executable, "-c", TRIVIAL_SERVER, str(port)])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        ceiling, _, _ = asyncio.run(closed_loop(port, ["/"], 32, 4.0))
        steady = asyncio.run(open_loop(port, ["/"], rate, 5.0))
    finally:
        trivial.terminate()
        trivial.wait(10)
    return ceiling, steady


def prepare(folder: Path) -> tuple[str, list[str]]:
    """Create a database of generated sites with live counts; return its URL and search paths."""
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
    paths = [
        f"/api/v1/parking/sites?near={lat:.5f},{lon:.5f}&radius_m=800&sort=best&limit=20"
        for lat, lon in points
    ]
    return url, paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=RATE, help="arrivals per second")
    parser.add_argument("--duration", type=float, default=DURATION_S, help="seconds measured")
    parser.add_argument(
        "--busy", type=int, default=0, help="processes spinning on the CPU beside the server"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-"))
    atexit.register(shutil.rmtree, folder, True)
    url, search_paths = prepare(folder)
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
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)
    ]
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        hits = httpx.get(f"http://127.0.0.1:{port}{search_paths[0]}").json()["count"]
        base_open = asyncio.run(open_loop(port, ["/healthz"], args.rate, args.duration))
        search_open = asyncio.run(open_loop(port, search_paths, args.rate, args.duration))
        base_closed = asyncio.run(closed_loop(port, ["/healthz"], CLOSED_CONNECTIONS, CLOSED_S))
        search_closed = asyncio.run(closed_loop(port, search_paths, CLOSED_CONNECTIONS, CLOSED_S))
    finally:
        for process in (server, *spinners):
            process.terminate()
            process.wait(10)
    ceiling, trivial_open = trivial_server_figures(args.rate)
    common = {
        "sites": N_SITES,
        "workers": 1,
        "database": "sqlite",
        "hits_first_query": hits,
        "busy_processes": args.busy,
    }
    print(
        json.dumps(
            {
                "bench": "parking_endpoint",
                "metric": "search_open_loop_p99_ms",
                "value": round(search_open.p99_ms, 1),
                "unit": "ms",
                "baseline": round(base_open.p99_ms, 1),
                "ratio": round(search_open.p99_ms / base_open.p99_ms, 2),
                "baseline_is": "/healthz on the same server at the same arrival rate",
                "target_rate_req_per_s": args.rate,
                "achieved_req_per_s": round(search_open.rate, 1),
                "median_ms": round(search_open.p50_ms, 1),
                "max_ms": round(search_open.max_ms, 1),
                "requests": search_open.sent,
                "connections_opened": search_open.connections,
                "baseline_median_ms": round(base_open.p50_ms, 1),
                "generator_p99_ms_against_noop_server": round(trivial_open.p99_ms, 1),
                "duration_s": args.duration,
                **common,
            }
        )
    )
    rate, p50, p99 = search_closed
    base_rate, base_p50, base_p99 = base_closed
    print(
        json.dumps(
            {
                "bench": "parking_endpoint",
                "metric": "search_closed_loop_req_per_s",
                "value": round(rate),
                "unit": "req/s",
                "baseline": round(base_rate),
                "ratio": round(rate / base_rate, 3),
                "baseline_is": "/healthz on the same server, same connections",
                "connections": CLOSED_CONNECTIONS,
                "median_ms": round(p50, 1),
                "p99_ms": round(p99, 1),
                "baseline_median_ms": round(base_p50, 1),
                "baseline_p99_ms": round(base_p99, 1),
                "generator_ceiling_req_per_s": round(ceiling),
                **common,
            }
        )
    )


if __name__ == "__main__":
    main()
