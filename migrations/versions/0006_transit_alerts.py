"""Tables of transit service alerts.

Revision ID: 0006_transit_alerts
Revises: 0005_parking
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import casa.core.db  # noqa: F401

revision: str = "0006_transit_alerts"
down_revision: str | None = "0005_parking"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
