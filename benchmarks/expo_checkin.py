"""Check-in at a constant arrival rate on one `casa serve` worker, against /healthz in the same run.

Builds a database with an edition, two venues and N confirmed tickets, serves it with one
worker, then an asyncio load generator sends scans over keep-alive HTTP/1.1 connections in
**open loop** (as wrk2 or k6's constant-arrival-rate do): scan *i* is due at ``start + i/rate``
whatever the server does, and its latency runs from that scheduled time, so a stalled server is
charged for every scan that queued behind it (no coordinated omission). A pool of idle
connections is kept ready and another is opened whenever none is free, so the generator never
waits for one.

The scans are what a gate sends: mostly first entries of distinct valid tickets, plus replays
of earlier scans (an offline gate resending its queue: same nonce, same body), exits of tickets
admitted a second or more earlier, and re-entries after an exit. The baseline is ``/healthz``
on the same server at the same rate, measured the same way. SQLite always; PostgreSQL too when
``--postgres URL`` or ``CASA_TEST_DATABASE_URL`` names a server where a scratch database may be
created. Prints one JSON line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from expo_helpers import bench_edition
from sqlalchemy import create_engine, text

from casa.accounts import service as accounts
from casa.core import migrate
from casa.core.db import Database
from casa.expo import editions, registration, tickets
from casa.expo.schemas import RegistrationIn, RoomIn, VenueIn

RATE = 300.0
DURATION_S = 10.0
WARMUP_S = 2.0
POOL = 32
NOW = datetime(2026, 4, 20, 8, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"  # noqa: S105 - a throwaway account of the benchmark
SHARE_REPLAY = 0.08
SHARE_EXIT = 0.08
SHARE_REENTRY = 0.04
VENUES = ("twin-center", "technopark")


def _prepare(url: str, n: int) -> list[str]:
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
        edition = bench_edition(session, NOW)
        for i, slug in enumerate(VENUES):
            editions.upsert_venue(
                session=session,
                data=VenueIn(
                    slug=slug,
                    name=slug.title(),
                    lat=33.58658 - i / 100,
                    lon=-7.63229,
                    rooms=[RoomIn(name="Hall", capacity=100)],
                ),
            )
        registration.ensure_categories(session=session, edition=edition, quotas={"citizen": n})
        signer = tickets.Signer(
            tickets.active_key(session=session, edition=edition, now=NOW), edition.year
        )
        secrets = []
        for i in range(n):
            row = registration.register(
                session=session,
                edition=edition,
                data=RegistrationIn(
                    category="citizen", name=f"P{i}", email=f"p{i}@example.org", consent=True
                ),
                now=NOW,
            )
            assert row.ticket is not None
            secrets.append(signer.sign(row.ticket, "citizen"))
    db.dispose()
    return secrets


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Plan:
    """The scans of a run, in the order they are due, and what each one is."""

    bodies: list[dict[str, str]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


def plan_scans(secrets: list[str], total: int, rate: float, seed: int = 11) -> Plan:
    """Lay out entries, replays, exits and re-entries so each refers to a scan due well before."""
    rng = random.Random(seed)
    plan = Plan()
    fresh = iter(secrets)
    admitted: list[tuple[int, str, str]] = []  # (slot, secret, venue) of entries
    left: list[tuple[int, str, str]] = []
    gap = int(rate)  # a second of slots between a scan and what depends on it
    for slot in range(total):
        draw = rng.random()
        ripe = [a for a in admitted if a[0] <= slot - gap]
        body: dict[str, str] | None = None
        kind = "entry"
        if draw < SHARE_REPLAY and slot > gap:
            kind = "replay"
            body = dict(plan.bodies[rng.randrange(0, slot - gap)])
        elif draw < SHARE_REPLAY + SHARE_EXIT and ripe:
            kind = "exit"
            _, secret, venue = admitted.pop(admitted.index(rng.choice(ripe)))
            left.append((slot, secret, venue))
            body = {"secret": secret, "gate": f"{venue}:s", "type": "exit"}
        elif draw < SHARE_REPLAY + SHARE_EXIT + SHARE_REENTRY and left and left[0][0] <= slot - gap:
            kind = "reentry"
            _, secret, venue = left.pop(0)
            admitted.append((slot, secret, venue))
            body = {"secret": secret, "gate": f"{venue}:n", "type": "entry"}
        if body is None:
            kind = "entry"
            secret = next(fresh)
            venue = VENUES[slot % len(VENUES)]
            admitted.append((slot, secret, venue))
            body = {"secret": secret, "gate": f"{venue}:{slot % 4}", "type": "entry"}
        if kind != "replay":
            body["nonce"] = uuid.UUID(int=rng.getrandbits(128)).hex
        plan.bodies.append(body)
        plan.kinds.append(kind)
    return plan


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _exchange(conn: Connection, request: bytes) -> tuple[int, bytes]:
    reader, writer = conn
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    body = await reader.readexactly(length)
    return int(head[9:12]), body


def _post(path: str, body: dict[str, str], token: str) -> bytes:
    payload = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


def _get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()


@dataclass
class Run:
    """What an open-loop run measured."""

    sent: int
    rate: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    connections: int
    late_sends_ms: float
    outcomes: Counter[str]
    cpu_ms: float = 0.0


def cpu_seconds(pid: int) -> float:
    """Return the CPU time a process has used (Linux), to charge the server, not the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


async def open_loop(port: int, requests: list[bytes], rate: float, warm: int) -> Run:
    """Send requests at a constant rate; time each from its scheduled send, not its actual one."""
    idle: list[Connection] = []
    opened = 0
    for _ in range(POOL):
        idle.append(await asyncio.open_connection("127.0.0.1", port))
        opened += 1
    measured: list[float] = []
    outcomes: Counter[str] = Counter()
    late = 0.0
    tasks: set[asyncio.Task[None]] = set()

    async def one(request: bytes, scheduled: float, keep: bool) -> None:
        nonlocal opened
        if idle:
            conn = idle.pop()
        else:
            opened += 1
            conn = await asyncio.open_connection("127.0.0.1", port)
        try:
            status, body = await _exchange(conn, request)
        except (asyncio.IncompleteReadError, ConnectionError):
            # The server closed this idle keep-alive connection; the clock keeps running.
            conn[1].close()
            opened += 1
            conn = await asyncio.open_connection("127.0.0.1", port)
            status, body = await _exchange(conn, request)
        done = time.perf_counter()
        idle.append(conn)
        if keep:
            measured.append(done - scheduled)
            said = json.loads(body) if status == 200 else {}
            reason = said.get("reason", "") + (" (replayed)" if said.get("replayed") else "")
            outcomes[f"{status} {reason}".strip()] += 1

    interval = 1.0 / rate
    start = time.perf_counter() + 0.05
    for i, request in enumerate(requests):
        scheduled = start + i * interval
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        else:
            late = max(late, -delay)
        task = asyncio.create_task(one(request, scheduled, i >= warm))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - (start + warm * interval)
    for _, writer in idle:
        writer.close()
    return Run(
        sent=len(measured),
        rate=len(measured) / elapsed,
        p50_ms=_percentile(measured, 0.5),
        p99_ms=_percentile(measured, 0.99),
        max_ms=max(measured) * 1000,
        connections=opened,
        late_sends_ms=late * 1000,
        outcomes=outcomes,
    )


def _serve(url: str, folder: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    env = {**os.environ, "CASA_DATABASE_URL": url, "CASA_VAR_DIR": folder, "CASA_ENV": "test"}
    env["CASA_LOG_LEVEL"] = "WARNING"
    casa = str(Path(sys.executable).parent / "casa")
    server = subprocess.Popen(
        [casa, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return server, port
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("casa serve did not start in 30 s")


def measure(url: str, folder: str, rate: float, duration: float) -> tuple[Run, Run, int]:
    """Prepare a database, serve it and return the scan run, the /healthz run and N tickets."""
    warm = int(WARMUP_S * rate)
    total = warm + int(duration * rate)
    n = int(total * (1 - SHARE_REPLAY - SHARE_EXIT - SHARE_REENTRY)) + total // 10
    secrets = _prepare(url, n)
    plan = plan_scans(secrets, total, rate)
    server, port = _serve(url, folder)
    try:
        token = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/token",
            data={"username": "gate@casa.ma", "password": PASSWORD},
        ).json()["access_token"]
        health = [_get("/healthz")] * total
        scans = [_post("/api/v1/expo/checkins", body, token) for body in plan.bodies]
        runs = []
        for requests in (health, scans):
            cpu = cpu_seconds(server.pid)
            runs.append(asyncio.run(open_loop(port, requests, rate, warm)))
            runs[-1].cpu_ms = (cpu_seconds(server.pid) - cpu) * 1000 / len(requests)
        baseline, run = runs
    finally:
        server.terminate()
        server.wait(timeout=10)
    return run, baseline, n


def _scratch_postgres(admin: str) -> str:
    base, _, _ = admin.rpartition("/")
    name = f"casa_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(
        admin.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{base}/{name}"


def _drop_postgres(admin: str, url: str) -> None:
    engine = create_engine(
        admin.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}" WITH (FORCE)'))
    engine.dispose()


def report(database: str, run: Run, baseline: Run, rate: float, tickets_n: int) -> None:
    """Print the figures of one database as JSON lines."""
    common = {
        "database": database,
        "workers": 1,
        "arrival_rate_per_s": rate,
        "scans": run.sent,
        "tickets": tickets_n,
        "connections_opened": run.connections,
        "generator_late_ms": round(run.late_sends_ms, 1),
        "outcomes": dict(sorted(run.outcomes.items())),
        "baseline_is": "/healthz on the same server at the same arrival rate",
    }
    for metric, value, unit, base, target in (
        ("scans_per_s", run.rate, "scans/s", baseline.rate, 300),
        ("server_cpu_ms_per_scan", run.cpu_ms, "ms", baseline.cpu_ms, None),
        ("p50_ms", run.p50_ms, "ms", baseline.p50_ms, None),
        ("p99_ms", run.p99_ms, "ms", baseline.p99_ms, 100),
        ("max_ms", run.max_ms, "ms", baseline.max_ms, None),
    ):
        line: dict[str, object] = {
            "bench": "expo_checkin",
            "metric": metric,
            "value": round(value, 2),
            "unit": unit,
            "baseline": round(base, 2),
            "ratio": round(value / base, 2) if base else None,
        }
        if target is not None:
            line["target"] = target
        print(json.dumps({**line, **common}))


def main() -> None:
    """Measure check-in on SQLite, and on PostgreSQL when a server is given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=RATE, help="scans per second sent")
    parser.add_argument("--duration", type=float, default=DURATION_S, help="seconds measured")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("CASA_TEST_DATABASE_URL"),
        help="postgresql://… of a server where a scratch database may be created",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="measure PostgreSQL only")
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'casa.db'}"
            run, baseline, n = measure(url, tmp, args.rate, args.duration)
        report("sqlite", run, baseline, args.rate, n)
    if args.postgres:
        url = _scratch_postgres(args.postgres)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                run, baseline, n = measure(url, tmp, args.rate, args.duration)
            report("postgresql", run, baseline, args.rate, n)
        finally:
            _drop_postgres(args.postgres, url)


if __name__ == "__main__":
    main()
