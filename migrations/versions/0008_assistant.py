"""Tables of the assistant (conversations).

Revision ID: 0008_assistant
Revises: 0007_parking_forecasts
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import casa.core.db  # noqa: F401

revision: str = "0008_assistant"
down_revision: str | None = "0007_parking_forecasts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
