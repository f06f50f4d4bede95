"""Tables of the assistant (conversations, chat-page turns, platform deliveries).

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
    op.create_table(
        "assistant_turns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("author", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("intent", sa.String(length=32), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", casa.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistant_turns")),
    )
    with op.batch_alter_table("assistant_turns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assistant_turns_conversation_id"), ["conversation_id"], unique=False
        )
    op.create_table(
        "assistant_deliveries",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("message_id", sa.String(length=128), nullable=False),
        sa.Column("received_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "message_id", name=op.f("pk_assistant_deliveries")),
    )
    with op.batch_alter_table("assistant_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assistant_deliveries_received_at"), ["received_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("assistant_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistant_deliveries_received_at"))
    op.drop_table("assistant_deliveries")
    with op.batch_alter_table("assistant_turns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistant_turns_conversation_id"))
    op.drop_table("assistant_turns")
    with op.batch_alter_table("assistant_conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistant_conversations_updated_at"))
    op.drop_table("assistant_conversations")
