"""Tables of the assistant (conversations).

Revision ID: 0008_assistant
Revises: 0007_parking_forecasts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0008_assistant"
down_revision: str | None = "0007_parking_forecasts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assistant_conversations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistant_conversations")),
    )
    with op.batch_alter_table("assistant_conversations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assistant_conversations_updated_at"), ["updated_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("assistant_conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistant_conversations_updated_at"))
    op.drop_table("assistant_conversations")
