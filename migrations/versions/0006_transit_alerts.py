"""Tables of transit service alerts.

Revision ID: 0006_transit_alerts
Revises: 0005_parking
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0006_transit_alerts"
down_revision: str | None = "0005_parking"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transit_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("effect", sa.String(length=32), nullable=False),
        sa.Column("cause", sa.String(length=32), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("stops", sa.JSON(), nullable=False),
        sa.Column("starts_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("ends_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("message_fr", sa.Text(), nullable=True),
        sa.Column("message_ar", sa.Text(), nullable=True),
        sa.Column("message_en", sa.Text(), nullable=True),
        sa.Column("posted_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("posted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["posted_by_id"],
            ["users.id"],
            name=op.f("fk_transit_alerts_posted_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_alerts")),
    )
    with op.batch_alter_table("transit_alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_alerts_ends_at"), ["ends_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_transit_alerts_posted_by_id"), ["posted_by_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("transit_alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_alerts_posted_by_id"))
        batch_op.drop_index(batch_op.f("ix_transit_alerts_ends_at"))
    op.drop_table("transit_alerts")
