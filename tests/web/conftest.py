"""Fixtures of the web shell's tests: an app whose front-end libraries are in place or not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casa.app import create_app
from casa.core.clock import FrozenClock
from casa.core.config import Settings
from casa.web.assets import VENDOR_FILES


@pytest.fixture
def vendor(tmp_path: Path) -> Path:
    """A vendor folder holding every file the pages load."""
    folder = tmp_path / "vendor"
    for _, name in VENDOR_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"/* {name} */\n")
    return folder


@pytest.fixture
def web(settings: Settings, clock: FrozenClock, vendor: Path) -> Iterator[TestClient]:
    """A browser-like client of a Casa whose front-end libraries are installed."""
    app = create_app(settings.model_copy(update={"static_vendor_dir": vendor}), clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def bare(settings: Settings, clock: FrozenClock, tmp_path: Path) -> Iterator[TestClient]:
    """A client of a Casa installed without ``make assets``."""
    empty = tmp_path / "no-vendor"
    app = create_app(settings.model_copy(update={"static_vendor_dir": empty}), clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
