"""The ``casa`` command: serve, migrate, load the demo data, and each domain's commands."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

from casa.accounts import cli as accounts_cli
from casa.assistant import cli as assistant_cli
from casa.city import cli as city_cli
from casa.core import migrate
from casa.core.commands import user_errors
from casa.core.config import get_settings
from casa.expo import cli as expo_cli
from casa.parking import cli as parking_cli
from casa.transit import cli as transit_cli

app = typer.Typer(
    name="casa",
    help="Casa, the open smart-city platform of Casablanca.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(accounts_cli.app, name="users")
app.add_typer(city_cli.app, name="city")
app.add_typer(parking_cli.app, name="parking")
app.add_typer(transit_cli.app, name="transit")
app.add_typer(assistant_cli.app, name="assistant")
app.add_typer(expo_cli.app, name="expo")
app.command("chat")(assistant_cli.chat)

err = Console(stderr=True)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="interface to listen on"),
    port: int = typer.Option(8000, help="TCP port"),
    workers: int = typer.Option(1, min=1, help="worker processes (share state via Redis)"),
    reload: bool = typer.Option(False, help="reload on code changes (development)"),
) -> None:
    """Serve Casa over HTTP."""
    import uvicorn

    # The server (and each worker process, which reads its settings anew) warms up first.
    os.environ["CASA_WARM_START"] = "1"
    get_settings.cache_clear()
    settings = get_settings()
    if workers > 1 and settings.is_sqlite:
        err.print(
            "[yellow]note:[/] several workers on SQLite share one file; "
            "use PostgreSQL (CASA_DATABASE_URL) in production"
        )
    uvicorn.run(
        "casa.asgi:app",
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=settings.proxy_headers,
        log_level=settings.log_level.lower(),
    )


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="target revision")) -> None:
    """Apply migrations up to a revision (the newest by default)."""
    migrate.upgrade(get_settings().database_url, revision)
    err.print(f"database at {migrate.current(get_settings().database_url) or 'base'}")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="target revision, or base")) -> None:
    """Revert migrations down to a revision."""
    migrate.downgrade(get_settings().database_url, revision)
    err.print(f"database at {migrate.current(get_settings().database_url) or 'base'}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's current revision."""
    typer.echo(migrate.current(get_settings().database_url) or "base")


@app.command()
def demo() -> None:
    """Migrate the database and load Casablanca's bundled data; running it twice changes nothing."""
    from casa.demo import load

    settings = get_settings()
    migrate.upgrade(settings.database_url)
    for line in load(settings):
        err.print(line)


def main() -> None:
    """Run the command line, turning user mistakes into one clear line and a non-zero exit."""
    try:
        with user_errors():
            app()
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
