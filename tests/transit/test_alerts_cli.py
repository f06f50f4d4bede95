"""The ``casa transit alerts`` commands."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from casa.cli import app
from casa.core.config import Settings, get_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("CASA_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


ADD = [
    "transit", "alerts", "add", "--effect", "closed_stops", "--stop", "T2-anoual",
    "--line", "T2", "--start", "2030-01-01T06:00", "--end", "2030-01-01T12:00",
    "--cause", "construction", "--fr", "Anoual fermée", "--ar", "أنوال مغلقة",
]  # fmt: skip


def test_alerts_are_added_listed_and_removed(runner: CliRunner) -> None:
    runner.invoke(app, ["transit", "load"])

    added = runner.invoke(app, ADD)
    listed = runner.invoke(app, ["transit", "alerts", "list", "--json"])
    removed = runner.invoke(app, ["transit", "alerts", "remove", "1"])
    after = runner.invoke(app, ["transit", "alerts", "list"])

    assert (added.exit_code, added.output) == (
        0,
        "#1 closed_stops (construction) T2, T2-anoual: 2030-01-01 06:00 → 2030-01-01 12:00  "
        "Anoual fermée\n",
    )
    assert [(a["id"], a["stops"], a["message"]) for a in json.loads(listed.output)] == [
        (1, ["T2-anoual"], {"fr": "Anoual fermée", "ar": "أنوال مغلقة"})
    ]
    assert (removed.exit_code, after.output) == (0, "No alert in force or coming.\n")


def test_alert_with_an_unknown_stop_is_refused_in_one_line(runner: CliRunner) -> None:
    runner.invoke(app, ["transit", "load"])

    result = runner.invoke(app, [*ADD[:6], "nowhere", *ADD[7:]])

    assert (result.exit_code, " ".join(result.stderr.split())) == (
        2,
        "erreur: Aucun arrêt n'a l'identifiant nowhere.",
    )
