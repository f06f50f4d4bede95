"""Leases of the parking domain's periodic tasks (the scheduled forecast refit).

Revision ID: 0013_parking_tasks
Revises: 0012_expo_checkin
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0013_parking_tasks"
down_revision: str | None = "0012_expo_checkin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "parking_tasks",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("leased_until", casa.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_parking_tasks")),
    )


def downgrade() -> None:
    op.drop_table("parking_tasks")
