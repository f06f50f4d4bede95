"""The ``casa`` command: migrations, the idempotent demo load, and one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from casa.core import migrate
from casa.core.db import make_engine
from casa.models import metadata

pytestmark = pytest.mark.integration

CASA = str(Path(sys.executable).parent / "casa")


def run(
    args: list[str], url: str, tmp_path: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CASA_DATABASE_URL": url, "CASA_VAR_DIR": str(tmp_path / "var")}
    return subprocess.run(
        [CASA, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300
    )


def snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Return every row of every table, in a stable order."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_db_upgrade_and_downgrade_move_between_revisions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    up = run(["db", "upgrade"], url, tmp_path)
    current_after_up = run(["db", "current"], url, tmp_path).stdout.strip()
    down = run(["db", "downgrade", "base"], url, tmp_path)
    current_after_down = run(["db", "current"], url, tmp_path).stdout.strip()

    assert (up.returncode, down.returncode) == (0, 0), up.stderr + down.stderr
    assert (current_after_up, current_after_down) == (migrate.head(), "base")


def test_demo_twice_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"

    first = run(["demo"], url, tmp_path)
    after_first = snapshot(url)
    second = run(["demo"], url, tmp_path)
    after_second = snapshot(url)

    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert len(after_first["city_places"]) > 150
    assert after_second == after_first


def test_unknown_revision_is_one_clear_line_without_traceback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"

    result = run(["db", "downgrade", "no-such-revision"], url, tmp_path)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "erreur: aucune révision nommée 'no-such-revision' dans l'historique des migrations"
    ]
