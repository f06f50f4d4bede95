"""Signing keys encrypted at rest: sealed in the table, opened only with the right secret."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from casa.core import migrate
from casa.core.config import get_settings
from casa.core.db import Database
from casa.expo import editions, key_crypto, registration, tickets
from casa.expo.checkin_errors import SigningKeyLocked
from casa.expo.models import SigningKey
from casa.expo.schemas import RegistrationIn
from tests.expo.factories import NOW, YEAR, make_edition

pytestmark = pytest.mark.integration

CASA = str(Path(sys.executable).parent / "casa")
OTHER_SECRET = "another-secret-of-at-least-thirty-two-characters"


def _secret_of_a_ticket(db: Database) -> str:
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = registration.register(
            session=session,
            edition=edition,
            now=NOW,
            data=RegistrationIn(
                category="citizen", name="Visitor", email="v@casa.ma", consent=True
            ),
        )
        out = registration.to_out(session=session, edition=edition, registration=row, now=NOW)
        assert out.secret is not None
        return out.secret


def test_stored_private_key_is_sealed_and_bound_to_its_kid(db: Database) -> None:
    make_edition(db, sessions=0)
    secret = _secret_of_a_ticket(db)
    with db.session() as session:
        key = session.scalars(select(SigningKey)).one()
        stored, kid, public = key.private_key, key.kid, key.public_key
    raw = key_crypto.open_sealed(stored, kid=kid, secret=get_settings().secret_key)

    assert (stored.startswith("v1."), len(raw), raw.hex() in stored) == (True, 32, False)
    with pytest.raises(SigningKeyLocked):
        key_crypto.open_sealed(stored, kid="deadbeef", secret=get_settings().secret_key)
    assert tickets.Verifier({kid: public}, set(), YEAR).verify(secret).reason == "ok"


def test_wrong_secret_is_a_clear_error_and_offline_verification_still_works(
    db: Database,
) -> None:
    make_edition(db, sessions=0)
    secret = _secret_of_a_ticket(db)
    with db.session() as session:
        key = session.scalars(select(SigningKey)).one()
        bundle = tickets.offline_bundle(
            session=session, edition=editions.get_edition(session=session, year=YEAR)
        )

    with pytest.raises(SigningKeyLocked) as refused:
        tickets.Signer(key, YEAR, secret=OTHER_SECRET)
    gate = tickets.Verifier(bundle["keys"], set(bundle["revoked"]), YEAR)

    assert (refused.value.status, refused.value.field) == (503, "CASA_SECRET_KEY")
    assert refused.value.describe("en") == (
        f"Signing key {key.kid} does not decrypt with this CASA_SECRET_KEY: set the secret it "
        "was encrypted with, or re-encrypt the keys with "
        "`casa expo keys reencrypt --old-secret-stdin`"
    )
    assert gate.verify(secret).reason == "ok"


def test_reencrypt_moves_every_key_to_the_new_secret(db: Database) -> None:
    make_edition(db, sessions=0)
    _secret_of_a_ticket(db)
    with db.session() as session:
        before = session.scalars(select(SigningKey)).one()
        raw = key_crypto.open_sealed(
            before.private_key, kid=before.kid, secret=get_settings().secret_key
        )

    with db.session() as session:
        n = tickets.reencrypt(
            session=session, old_secret=get_settings().secret_key, new_secret=OTHER_SECRET
        )
    with db.session() as session:
        after = session.scalars(select(SigningKey)).one()

    assert n == 1
    assert key_crypto.open_sealed(after.private_key, kid=after.kid, secret=OTHER_SECRET) == raw
    with pytest.raises(SigningKeyLocked):
        tickets.Signer(after, YEAR)


def test_migration_encrypts_existing_keys_and_downgrade_restores_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    migrate.upgrade(url, "0011_expo_delegations")
    db = Database(url)
    plain = "11" * 32
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO expo_editions (id, year, title, theme, starts_on, ends_on, day_starts,"
                " day_ends, published_version, created_at) VALUES (1, 2026, 't', 't',"
                " '2026-04-20', '2026-04-21', 540, 1140, 0, '2026-04-01 08:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO expo_signing_keys (edition_id, kid, private_key, public_key, active,"
                " created_at) VALUES (1, 'k0000001', :plain, :public, 1, '2026-04-01 08:00:00')"
            ),
            {"plain": plain, "public": "22" * 32},
        )

    migrate.upgrade(url)
    with db.engine.connect() as conn:
        sealed = conn.execute(text("SELECT private_key FROM expo_signing_keys")).scalar_one()
    migrate.downgrade(url, "0011_expo_delegations")
    with db.engine.connect() as conn:
        restored = conn.execute(text("SELECT private_key FROM expo_signing_keys")).scalar_one()
    db.dispose()

    opened = key_crypto.open_sealed(sealed, kid="k0000001", secret=get_settings().secret_key)
    assert (sealed.startswith("v1."), opened.hex(), restored) == (True, plain, plain)


def test_cli_reencrypt_reads_the_old_secret_from_stdin(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    migrate.upgrade(url)
    db = Database(url)
    make_edition(db, sessions=0)
    _secret_of_a_ticket(db)
    env = {
        **os.environ,
        "CASA_DATABASE_URL": url,
        "CASA_VAR_DIR": str(tmp_path / "var"),
        "CASA_SECRET_KEY": OTHER_SECRET,
        "CASA_DEFAULT_LANGUAGE": "en",
    }
    old = get_settings().secret_key

    def casa(stdin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [CASA, "expo", "keys", "reencrypt", "--old-secret-stdin"],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    wrong = casa("not-the-old-secret\n")
    done = casa(old + "\n")
    with db.session() as session:
        key = session.scalars(select(SigningKey)).one()
    db.dispose()

    assert (wrong.returncode, done.returncode) == (2, 0), wrong.stderr + done.stderr
    signed = tickets.Signer(key, YEAR, secret=OTHER_SECRET).sign("t0001", "citizen")
    assert wrong.stderr.strip() == (
        f"error: Signing key {key.kid} does not decrypt with this CASA_SECRET_KEY: set the "
        "secret it was encrypted with, or re-encrypt the keys with `casa expo keys reencrypt "
        "--old-secret-stdin`"
    )
    assert done.stdout.strip() == "1 signing keys encrypted under the current secret"
    assert tickets.Verifier({key.kid: key.public_key}, set()).verify(signed).reason == "ok"
