"""Tables of parking forecasts and garages.

Revision ID: 0007_parking_forecasts
Revises: 0006_transit_alerts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0007_parking_forecasts"
down_revision: str | None = "0006_transit_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "parking_forecasts",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("fitted_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("history_from", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("history_to", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("slots", sa.Integer(), nullable=False),
        sa.Column("tau_minutes", sa.Float(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["parking_sites.id"],
            name=op.f("fk_parking_forecasts_site_id_parking_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_parking_forecasts")),
    )


def downgrade() -> None:
    op.drop_table("parking_forecasts")
