"""Tables of web shell (notices).

Revision ID: 0003_web
Revises: 0002_city
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0003_web"
down_revision: str | None = "0002_city"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_fr", sa.Text(), nullable=True),
        sa.Column("message_ar", sa.Text(), nullable=True),
        sa.Column("message_en", sa.Text(), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("posted_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("cleared_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("posted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["posted_by_id"],
            ["users.id"],
            name=op.f("fk_notices_posted_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notices_posted_at"), ["posted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_notices_posted_by_id"), ["posted_by_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notices_posted_by_id"))
        batch_op.drop_index(batch_op.f("ix_notices_posted_at"))
    op.drop_table("notices")
