"""Alembic migrations driven from code: one history for SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from casa.core.db import make_engine
from casa.core.errors import CasaError


class MigrationError(CasaError):
    """A migration could not run as asked."""

    slug = "migration-error"
    title = "Migration error"


class UnknownRevision(MigrationError):
    message = "no revision named {revision} in the migration history"


def _run(action: str, url: str, revision: str) -> None:
    try:
        getattr(command, action)(alembic_config(url), revision)
    except CommandError as exc:
        message = str(exc)
        if "Can't locate revision" in message or "No such revision" in message:
            raise UnknownRevision(revision=repr(revision)) from exc
        raise MigrationError(message) from exc


def migrations_dir() -> Path:
    """Return the folder of the migration scripts (packaged, or at the repository's root)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_migrations", here.parent.parent / "migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise FileNotFoundError("migration scripts not found next to the casa package")


def alembic_config(url: str) -> Config:
    """Return an Alembic configuration for a database URL."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Upgrade the database to a revision."""
    make_engine(url).dispose()  # creates the SQLite folder if needed
    _run("upgrade", url, revision)


def downgrade(url: str, revision: str) -> None:
    """Downgrade the database to a revision (``base`` removes every table)."""
    _run("downgrade", url, revision)


def current(url: str) -> str | None:
    """Return the database's current revision, or None for an empty database."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head() -> str | None:
    """Return the newest revision of the history."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
