"""Shared fixtures: a migrated database per test, the app, real services, a served Casa."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import settings as settings_profiles
from sqlalchemy import create_engine, text

from casa.app import create_app
from casa.core import migrate
from casa.core.clock import FrozenClock
from casa.core.config import Settings
from casa.core.db import Database
from casa.models import metadata

# CI explores the same examples on every run, so a red build always means a change broke
# something; new counter-examples are hunted on developers' machines, where runs are random.
settings_profiles.register_profile("ci", derandomize=True, deadline=None, database=None)
settings_profiles.register_profile("dev", deadline=None)
settings_profiles.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
REQUIRE_SERVICES = os.environ.get("CASA_REQUIRE_SERVICES") == "1"


def need(service: str, reason: str) -> None:
    """Skip for a missing optional service on a laptop; fail when CI requires every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{service} is required (CASA_REQUIRE_SERVICES=1) but {reason}")
    pytest.skip(f"{service}: {reason}")


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    return path


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- services -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("CASA_TEST_REDIS_URL")
    if not url:
        need("Redis", "CASA_TEST_REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        need("Redis", f"{url} does not answer: {exc}")
    return str(url)


@pytest.fixture(scope="session")
def mqtt_url() -> str:
    url = os.environ.get("CASA_TEST_MQTT_URL")
    if not url:
        need("MQTT", "CASA_TEST_MQTT_URL is not set")
    from casa.core.mqtt import check_broker

    try:
        check_broker(str(url))
    except OSError as exc:
        need("MQTT", f"{url} does not answer: {exc}")
    return str(url)


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """Return the URL of a PostgreSQL server where test databases may be created."""
    url = os.environ.get("CASA_TEST_DATABASE_URL")
    if not url:
        need("PostgreSQL", "CASA_TEST_DATABASE_URL is not set")
    return str(url)


def create_postgres_database(admin_url: str) -> str:
    """Create an empty PostgreSQL database next to the admin URL's; return its URL."""
    base, _, _ = admin_url.rpartition("/")
    name = f"casa_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(
        admin_url.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{base}/{name}"


def drop_postgres_database(admin_url: str, url: str) -> None:
    """Drop a database made by create_postgres_database."""
    name = url.rpartition("/")[2]
    engine = create_engine(
        admin_url.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


# --- database ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrate one database per test session: a SQLite file to copy, or a PostgreSQL database."""
    admin = os.environ.get("CASA_TEST_DATABASE_URL")
    if admin:
        url = create_postgres_database(admin)
        migrate.upgrade(url)
        yield url
        drop_postgres_database(admin, url)
    else:
        path = tmp_path_factory.mktemp("template") / "casa.db"
        migrate.upgrade(f"sqlite:///{path}")
        yield str(path)


@pytest.fixture
def database_url(migrated_template: str, tmp_path: Path) -> Iterator[str]:
    """Return the URL of an empty, migrated database for one test."""
    if migrated_template.startswith("postgresql"):
        yield migrated_template
        engine = create_engine(
            migrated_template.replace("postgresql://", "postgresql+psycopg://", 1)
        )
        tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
    else:
        path = tmp_path / "casa.db"
        shutil.copyfile(migrated_template, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings for one test: its own database, no Redis, no MQTT."""
    return Settings(
        env="test",
        database_url=database_url,
        var_dir=tmp_path / "var",
        redis_url=None,
        mqtt_url=None,
        log_level="WARNING",
    )


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.database_url)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 4, 18, 9, 0, tzinfo=UTC))


@pytest.fixture
def app(settings: Settings, clock: FrozenClock) -> FastAPI:
    return create_app(settings, clock=clock)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


# --- a served Casa and a browser -------------------------------------------------------------


class LiveServer:
    """A Casa served by uvicorn in a child process."""

    def __init__(self, env: dict[str, str], port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> LiveServer:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "casa.asgi:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--timeout-graceful-shutdown",
                "2",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.proc.stderr.read().decode()[-2000:])  # type: ignore[union-attr]
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"server on {self.url} did not start in 30 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[object]:
    """Start Casa servers on demand: ``serve({"CASA_...": ...})`` returns a running LiveServer."""
    servers: list[LiveServer] = []

    def start(env: dict[str, str]) -> LiveServer:
        server = LiveServer({"CASA_ENV": "test", "CASA_VAR_DIR": str(tmp_path / "var"), **env})
        servers.append(server.start())
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the URL of a SQLite database migrated and loaded with the demo data, once."""
    from casa.demo import load

    path = tmp_path_factory.mktemp("demo") / "casa.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    for _ in load(Settings(env="test", database_url=url)):
        pass
    return url


@pytest.fixture(scope="session")
def live_server(
    demo_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A Casa with the demo data, served for the whole session (for browser tests)."""
    var = tmp_path_factory.mktemp("var")
    src = Path(demo_database.removeprefix("sqlite:///"))
    copy = var / "casa.db"
    shutil.copyfile(src, copy)
    server = LiveServer(
        {"CASA_ENV": "test", "CASA_DATABASE_URL": f"sqlite:///{copy}", "CASA_VAR_DIR": str(var)}
    ).start()
    yield server
    server.stop()


CHROMIUM = os.environ.get("CASA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        need("Chromium", f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page (its own cookies) for one test."""
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last: Playwright's sync API keeps an event loop on the main thread."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
