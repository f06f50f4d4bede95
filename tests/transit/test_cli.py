"""The ``casa transit`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casa.cli import app
from casa.core.config import Settings, get_settings
from tests.transit.test_gtfs import MINIMAL, write_feed

pytestmark = pytest.mark.integration


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CASA_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_route_from_casa_port_to_ain_diab_plage_as_json(runner: CliRunner) -> None:
    runner.invoke(app, ["transit", "load"])

    result = runner.invoke(
        app,
        [
            "transit",
            "route",
            "Casa Port",
            "Aïn Diab Plage",
            "--at",
            "08:00",
            "--date",
            "2026-04-20",
            "--json",
        ],
    )

    body = json.loads(result.stdout)
    first = body["journeys"][0]
    assert (result.exit_code, first["departure"], first["arrival"], first["fare"]["amount"]) == (
        0,
        "2026-04-20T08:01:29+01:00",
        "2026-04-20T08:41:23+01:00",
        "8.00",
    )
    assert [leg["mode"] for leg in first["legs"]] == ["walk", "ride", "walk", "ride"]


def test_import_of_a_malformed_feed_names_file_row_and_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = MINIMAL["trips.txt"].replace("R,S,T", "R,S,T\nQ,S,U")

    result = runner.invoke(
        app, ["transit", "import", str(write_feed(tmp_path / "f", **{"trips.txt": bad}))]
    )

    assert (
        result.exit_code,
        "trips.txt, row 3, field route_id: 'Q' is not in routes.txt" in result.stderr,
    ) == (2, True)


def test_import_of_a_good_feed_reports_what_it_loaded(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["transit", "import", str(write_feed(tmp_path / "lines")), "--name", "bus"]
    )

    assert (
        result.exit_code,
        "loaded feed 'bus': 1 agencies, 2 stops, 1 routes" in result.stderr,
    ) == (0, True)


def test_validate_the_bundled_feed_finds_no_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["transit", "validate"])

    assert (result.exit_code, result.stdout.splitlines()[-1].startswith("0 errors")) == (0, True)
