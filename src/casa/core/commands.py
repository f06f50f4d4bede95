"""What every domain's commands share: one unit of work, and user mistakes as one clear line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy.orm import Session

from casa.core.config import get_settings
from casa.core.db import Database
from casa.core.errors import CasaError
from casa.core.i18n import gettext

err = Console(stderr=True)


def fail(message: str) -> typer.Exit:
    """Print one error line on stderr and return the exit (code 2) to raise."""
    lang = get_settings().default_language
    err.print(
        f"[red]{gettext('error', lang)}:[/] {escape(message)}", highlight=False, soft_wrap=True
    )
    return typer.Exit(2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a domain error or a missing file into one clear line and exit 2, never a traceback."""
    try:
        yield
    except CasaError as exc:
        raise fail(exc.describe(get_settings().default_language)) from None
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise fail(str(exc)) from None


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """Yield one database session for a command: committed on success, rolled back on error."""
    db = Database(get_settings().database_url)
    try:
        with db.session() as session:
            yield session
    finally:
        db.dispose()
