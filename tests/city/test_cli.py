"""The ``casa city`` commands."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casa.cli import app
from casa.core.config import Settings, get_settings
from casa.core.db import Database
from tests.conftest import shared_path

pytestmark = pytest.mark.integration


@pytest.fixture
def casa(
    loaded: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CliRunner]:
    monkeypatch.setenv("CASA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CASA_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("CASA_DEFAULT_LANGUAGE", "fr")
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_places_json_lists_hits(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "places", "casa port", "--json", "--limit", "2"])
    assert result.exit_code == 0
    assert [(h["place"]["key"], h["score"]) for h in json.loads(result.stdout)] == [
        ("station:casa-port", 100.0),
        ("stop:casa-port", 100.0),
    ]


def test_places_table_shows_best_first(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "places", "lgar", "--limit", "1"])
    lines = [line for line in result.stdout.splitlines() if "station:casa-voyageurs" in line]
    assert (result.exit_code, len(lines)) == (0, 1)


def test_places_nothing_found_exits_1(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "places", "zzzz qqqq"])
    assert (result.exit_code, result.stderr) == (1, "Aucun lieu ne correspond à zzzz qqqq.\n")


def test_locate_prints_the_arrondissement(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "locate", "33.5896", "-7.62"])
    assert (result.exit_code, result.stdout) == (
        0,
        "061410107\tSidi Belyout\tسيدي بليوط\tCasablanca-Anfa\n",
    )


def test_locate_in_the_sea_prints_one_line_and_fails(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "locate", "33.65", "-7.65"])
    assert (result.exit_code, result.stderr) == (
        2,
        "erreur: Le point 33.65, -7.65 est en dehors des arrondissements de Casablanca.\n",
    )


def test_travel_time_prints_duration_and_distance(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "travel-time", "33.5896,-7.62", "33.590358,-7.591948"])
    assert (result.exit_code, result.stdout) == (0, "43.3 min (2600 s), 3380 m, selon straight\n")


def test_travel_time_bad_point_fails_clearly(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "travel-time", "33.5", "33.59,-7.59"])
    assert (result.exit_code, result.stderr) == (
        2,
        "erreur: Donnez un point sous la forme LAT,LON en degrés, "
        "par exemple 33.5896,-7.6200 (reçu : 33.5).\n",
    )


def test_travel_time_unknown_mode_fails_clearly(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "travel-time", "33.5,-7.6", "33.59,-7.59", "--mode", "fly"])
    assert (result.exit_code, result.stderr) == (
        2,
        "erreur: Mode fly inconnu : utilisez walk, bike ou car.\n",
    )


def test_import_osm_then_travel_on_the_graph(
    casa: CliRunner, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = shared_path("data", "osm", "casablanca-centre-main-roads.osm")
    graph = settings.var_dir / "osm" / "graph.npz"
    imported = casa.invoke(app, ["city", "import-osm", str(source)])
    monkeypatch.setenv("CASA_TRAVEL_PROVIDER", "osm")
    get_settings.cache_clear()
    routed = casa.invoke(
        app, ["city", "travel-time", "33.5724538,-7.6141387", "33.5721701,-7.6245586"]
    )
    assert (imported.exit_code, imported.stdout) == (
        0,
        f"751 voies, 4694 nœuds, 4940 tronçons enregistrés dans {graph}\n",
    )
    assert (routed.exit_code, routed.stdout) == (0, "12.4 min (745 s), 969 m, selon osm\n")


def test_import_osm_missing_file_fails_clearly(casa: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.osm"
    result = casa.invoke(app, ["city", "import-osm", str(missing)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"erreur: [Errno 2] No such file or directory: '{missing}'\n",
    )


def test_load_twice_changes_nothing(casa: CliRunner) -> None:
    result = casa.invoke(app, ["city", "load"])
    assert (result.exit_code, result.stdout) == (
        0,
        "17 areas (0 new, 0 updated), 189 places (0 new, 0 updated)\n",
    )
