"""Commands of accounts: ``casa users create|list|grant|revoke|purge``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from casa.accounts import service
from casa.accounts.permissions import DEFAULT_ROLE, ROLES
from casa.core import commands
from casa.core.clock import local, system_clock
from casa.core.commands import fail
from casa.core.config import get_settings
from casa.core.i18n import gettext

app = typer.Typer(no_args_is_help=True, help="People, their roles, and purging old login data.")


def _(message: str) -> str:
    """Translate a message into the language of the command line."""
    return gettext(message, get_settings().default_language)


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """Yield a session committed on success; turn a user mistake into one line and exit 2."""
    with commands.user_errors(), commands.unit_of_work() as session:
        yield session


def read_password() -> str:
    """Return the password given on standard input (its first line)."""
    if sys.stdin is None or sys.stdin.isatty():
        raise fail(_("pipe the password on standard input, e.g. `echo … | casa users create …`"))
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise fail(_("standard input is empty: pipe the password to set"))
    return password


@app.command()
def create(
    email: str = typer.Argument(..., help="the person's email address"),
    role: list[str] = typer.Option(
        [DEFAULT_ROLE], "--role", help=f"a role to grant (repeatable): {', '.join(ROLES)}"
    ),
    name: str | None = typer.Option(None, help="display name (default: the email's local part)"),
    language: str = typer.Option("fr", help="preferred language: fr, ar or en"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="read the password from standard input"
    ),
) -> None:
    """Create an account with roles; the password is read from standard input."""
    if not password_stdin:
        raise fail(_("pass --password-stdin and pipe the password (never on the command line)"))
    password = read_password()
    with unit_of_work() as session:
        user = service.register(
            session=session,
            email=email,
            password=password,
            name=name or email.split("@", 1)[0],
            language=language,
            roles=role,
            now=system_clock(),
        )
        typer.echo(
            _("created {email} ({roles})").format(email=user.email, roles=", ".join(user.roles))
        )


@app.command("list")
def list_users() -> None:
    """List every account with its roles."""
    with unit_of_work() as session:
        table = Table("email", "name", "roles", "created", "last login", "active")
        for user in service.list_users(session=session):
            table.add_row(
                user.email,
                user.name,
                ", ".join(user.roles),
                f"{local(user.created_at):%Y-%m-%d %H:%M}",
                f"{local(user.last_login_at):%Y-%m-%d %H:%M}" if user.last_login_at else "-",
                "yes" if user.is_active else "no",
            )
        Console(width=160).print(table)


@app.command()
def grant(
    email: str = typer.Argument(..., help="the person's email address"),
    role: str = typer.Argument(..., help=f"one of: {', '.join(ROLES)}"),
) -> None:
    """Give a person a role."""
    with unit_of_work() as session:
        user = service.grant_role(session=session, email=email, role=role)
        typer.echo(f"{user.email}: {', '.join(user.roles)}")


@app.command()
def revoke(
    email: str = typer.Argument(..., help="the person's email address"),
    role: str = typer.Argument(..., help=f"one of: {', '.join(ROLES)}"),
) -> None:
    """Take a role from a person."""
    with unit_of_work() as session:
        user = service.revoke_role(session=session, email=email, role=role)
        typer.echo(f"{user.email}: {', '.join(user.roles) or '(no role)'}")


@app.command()
def purge() -> None:
    """Delete expired tokens and sessions, and failed logins past the rate-limit window."""
    with unit_of_work() as session:
        counts = service.purge_expired(
            session=session,
            now=system_clock(),
            attempts_max_age_s=get_settings().login_window_s,
        )
        typer.echo(", ".join(f"{name}: {count} deleted" for name, count in counts.items()))
