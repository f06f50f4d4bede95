"""Tables of parking forecasts and garages.

Revision ID: 0007_parking_forecasts
Revises: 0006_transit_alerts
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import casa.core.db  # noqa: F401

revision: str = "0007_parking_forecasts"
down_revision: str | None = "0006_transit_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
