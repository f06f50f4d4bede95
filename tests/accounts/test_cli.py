"""The ``casa users`` commands, run against the test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from casa.accounts import login, service
from casa.accounts.models import ApiToken
from casa.accounts.permissions import ROLES
from casa.cli import app
from casa.core import security
from casa.core.config import Settings, get_settings
from casa.core.db import Database
from tests.factories import make_user

pytestmark = pytest.mark.integration

Invoke = Callable[..., Result]


@pytest.fixture
def run(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Invoke]:
    """Run ``casa`` with its settings pointing at the test database."""
    monkeypatch.setenv("CASA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CASA_ENV", "test")
    monkeypatch.setenv("CASA_DEFAULT_LANGUAGE", "en")
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=stdin)

    yield invoke
    get_settings.cache_clear()


def _roles(db: Database, email: str) -> list[str]:
    with db.session() as session:
        return service.get_user(session=session, email=email).roles


def test_create_reads_the_password_from_stdin(run: Invoke, db: Database) -> None:
    result = run(
        "users",
        "create",
        "Staff@Example.ma",
        "--role",
        "staff",
        "--role",
        "juror",
        "--name",
        "Nadia",
        "--password-stdin",
        stdin="long enough pw\n",
    )

    with db.session() as session:
        user = service.get_user(session=session, email="staff@example.ma")
        hash_ok = security.verify_password(user.password_hash, "long enough pw")
    assert (result.exit_code, result.stdout, user.name, user.roles, hash_ok) == (
        0,
        "created staff@example.ma (juror, staff)\n",
        "Nadia",
        ["juror", "staff"],
        True,
    )


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["--role", "mayor", "--password-stdin"],
            "long enough pw\n",
            "error: Unknown role mayor; valid roles: " + ", ".join(ROLES) + ".\n",
        ),
        (
            ["--password-stdin"],
            "short\n",
            "error: The password must have at least 10 characters.\n",
        ),
        (["--password-stdin"], "", "error: standard input is empty: pipe the password to set\n"),
        (
            [],
            "long enough pw\n",
            "error: pass --password-stdin and pipe the password (never on the command line)\n",
        ),
    ],
)
def test_create_mistakes_print_one_line_and_exit_2(
    run: Invoke, db: Database, args: list[str], stdin: str, message: str
) -> None:
    result = run("users", "create", "new@example.ma", *args, stdin=stdin)

    assert (result.exit_code, result.stderr, result.stdout) == (2, message, "")


def test_create_with_a_taken_email_fails(run: Invoke, db: Database) -> None:
    make_user(db, email="amina@example.ma")

    result = run(
        "users",
        "create",
        "amina@example.ma",
        "--password-stdin",
        stdin="long enough pw\n",
    )

    assert (result.exit_code, result.stderr) == (
        2,
        "error: An account already uses this email address.\n",
    )


def test_grant_and_revoke_change_roles(run: Invoke, db: Database) -> None:
    make_user(db, email="amina@example.ma")

    granted = run("users", "grant", "amina@example.ma", "staff")
    revoked = run("users", "revoke", "amina@example.ma", "citizen")

    assert (granted.stdout, revoked.stdout, _roles(db, "amina@example.ma")) == (
        "amina@example.ma: citizen, staff\n",
        "amina@example.ma: staff\n",
        ["staff"],
    )


def test_grant_to_an_unknown_email_fails(run: Invoke) -> None:
    result = run("users", "grant", "nobody@example.ma", "staff")

    assert (result.exit_code, result.stderr) == (
        2,
        "error: No account uses the email nobody@example.ma.\n",
    )


def test_list_shows_every_account(run: Invoke, db: Database) -> None:
    make_user(db, email="b@example.ma", name="Bouchra", roles=["staff", "admin"])
    make_user(db, email="a@example.ma", name="Amine")

    result = run("users", "list")

    rows = [line.split("│")[1:4] for line in result.stdout.splitlines() if "@" in line]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["a@example.ma", "Amine", "citizen"],
        ["b@example.ma", "Bouchra", "admin, staff"],
    ]


def test_purge_deletes_expired_tokens(run: Invoke, db: Database) -> None:
    make_user(db, email="amina@example.ma")
    with db.session() as session:
        user = service.get_user(session=session, email="amina@example.ma")
        long_ago = datetime.now(UTC) - timedelta(days=2)
        login.issue_token(session=session, user=user, now=long_ago, ttl_s=3600)
        login.issue_token(session=session, user=user, now=datetime.now(UTC), ttl_s=3600)

    result = run("users", "purge")

    with db.session() as session:
        left = session.scalar(select(func.count()).select_from(ApiToken))
    assert (result.exit_code, result.stdout, left) == (
        0,
        "api_tokens: 1 deleted, web_sessions: 0 deleted, login_attempts: 0 deleted\n",
        1,
    )


def test_mistakes_are_said_in_french_by_default(
    run: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASA_DEFAULT_LANGUAGE")
    get_settings.cache_clear()

    result = run("users", "create", "new@example.ma", "--password-stdin", stdin="short\n")

    assert (result.exit_code, result.stderr) == (
        2,
        "erreur: Le mot de passe doit comporter au moins 10 caractères.\n",
    )
