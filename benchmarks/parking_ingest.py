"""Observations in through HTTP batches, against one observation a request, on one worker.

Serves Casa with uvicorn (SQLite, one worker), pushes batches of 1,000 counts with an ingest
key and reports observations stored per second; the baseline is the same server fed one
observation per request. With ``--postgres URL`` (a server Casa may create a database on),
the same runs against a fresh PostgreSQL database, dropped afterwards. Prints one JSON line
per figure.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from casa.core import migrate
from casa.core.db import Database
from casa.parking import ingest, sites
from casa.parking.demo_data import random_sites

N_SITES = 1000
N_BATCHES = 20
BATCH = 1000
N_SINGLE = 500
NOW = datetime.now(UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _engine_url(url: str) -> str:
    return "postgresql+psycopg://" + url.removeprefix("postgresql://")


def scratch_postgres(server: str) -> tuple[str, str]:
    """Create an empty database on a PostgreSQL server; return its URL and name."""
    name = "casa_bench_" + secrets.token_hex(4)
    engine = create_engine(_engine_url(server), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name, name


def drop_postgres(server: str, name: str) -> None:
    """Drop a database made by ``scratch_postgres``."""
    engine = create_engine(_engine_url(server), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="postgresql://… of a server to run on instead")
    args = parser.parse_args()
    if args.postgres:
        url, name = scratch_postgres(args.postgres)
        try:
            run(url, "postgresql")
        finally:
            drop_postgres(args.postgres, name)
    else:
        folder = Path(tempfile.mkdtemp(prefix="casa-bench-"))
        atexit.register(shutil.rmtree, folder, True)
        run(f"sqlite:///{folder / 'casa.db'}", "sqlite")


def run(url: str, database: str) -> None:
    """Load the sites, serve Casa on the database and push the observations."""
    folder = Path(tempfile.mkdtemp(prefix="casa-bench-"))
    atexit.register(shutil.rmtree, folder, True)
    migrate.upgrade(url)
    db = Database(url)
    generated = random_sites(N_SITES, seed=2)
    with db.session() as session:
        sites.bulk_create(session=session, sites=generated, now=NOW)
        _, key = ingest.create_source(session=session, name="bench", now=NOW, all_sites=True)
    db.dispose()
    port = free_port()
    env = {
        **os.environ,
        "CASA_DATABASE_URL": url,
        "CASA_VAR_DIR": str(folder),
        "CASA_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "casa.asgi:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, headers={"X-Api-Key": key}, timeout=60) as client:
            for _ in range(300):
                try:
                    client.get("/healthz")
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            start_at = NOW - timedelta(hours=2)
            tick = 0

            def observations(n: int) -> list[dict[str, object]]:
                nonlocal tick
                out = []
                for _ in range(n):
                    tick += 1
                    site = generated[tick % N_SITES]
                    at = start_at + timedelta(milliseconds=tick)
                    out.append(
                        {
                            "site": site.ref,
                            "free": tick % (site.capacity + 1),
                            "observed_at": at.isoformat(),
                        }
                    )
                return out

            batches = [observations(BATCH) for _ in range(N_BATCHES)]
            started = time.perf_counter()
            accepted = 0
            for batch in batches:
                response = client.post("/api/v1/parking/observations", json={"observations": batch})
                response.raise_for_status()
                accepted += response.json()["accepted"]
            batch_rate = accepted / (time.perf_counter() - started)

            singles = observations(N_SINGLE)
            started = time.perf_counter()
            for obs in singles:
                client.post(
                    "/api/v1/parking/observations", json={"observations": [obs]}
                ).raise_for_status()
            single_rate = N_SINGLE / (time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(10)
    print(
        json.dumps(
            {
                "bench": "parking_ingest",
                "metric": "http_batch_observations_per_s",
                "value": round(batch_rate),
                "unit": "obs/s",
                "baseline": round(single_rate),
                "ratio": round(batch_rate / single_rate, 1),
                "n": N_BATCHES * BATCH,
                "batch": BATCH,
                "accepted": accepted,
                "database": database,
            }
        )
    )


if __name__ == "__main__":
    main()
