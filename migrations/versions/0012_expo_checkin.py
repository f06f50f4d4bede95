"""Check-in and signing keys of the Smart City Expo: private keys encrypted at rest.

Widens ``expo_signing_keys.private_key`` and encrypts every stored key with the key derived
from ``CASA_SECRET_KEY`` (read from the environment, as the application reads it). Downgrading
decrypts them back, with the same secret.

Revision ID: 0012_expo_checkin
Revises: 0011_expo_delegations
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from casa.core.config import Settings
from casa.expo import key_crypto

revision: str = "0012_expo_checkin"
down_revision: str | None = "0011_expo_delegations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = sa.table(
    "expo_signing_keys",
    sa.column("id", sa.Integer()),
    sa.column("kid", sa.String()),
    sa.column("private_key", sa.String()),
)


def _rewrite(change: object) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(KEYS.c.id, KEYS.c.kid, KEYS.c.private_key)).all()
    for ident, kid, stored in rows:
        new = change(kid, stored)  # type: ignore[operator]
        if new != stored:
            conn.execute(sa.update(KEYS).where(KEYS.c.id == ident).values(private_key=new))


def upgrade() -> None:
    with op.batch_alter_table("expo_signing_keys", schema=None) as batch_op:
        batch_op.alter_column(
            "private_key",
            existing_type=sa.String(length=64),
            type_=sa.String(length=128),
            existing_nullable=False,
        )
    secret = Settings().secret_key

    def seal(kid: str, stored: str) -> str:
        if key_crypto.is_sealed(stored):
            return stored
        return key_crypto.seal(bytes.fromhex(stored), kid=kid, secret=secret)

    _rewrite(seal)


def downgrade() -> None:
    secret = Settings().secret_key

    def unseal(kid: str, stored: str) -> str:
        if not key_crypto.is_sealed(stored):
            return stored
        return key_crypto.open_sealed(stored, kid=kid, secret=secret).hex()

    _rewrite(unseal)
    with op.batch_alter_table("expo_signing_keys", schema=None) as batch_op:
        batch_op.alter_column(
            "private_key",
            existing_type=sa.String(length=128),
            type_=sa.String(length=64),
            existing_nullable=False,
        )
