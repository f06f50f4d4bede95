"""Exhibitors, booths and leads of the Smart City Expo.

Revision ID: 0010_expo_exhibitors
Revises: 0009_expo
"""

from collections.abc import Sequence

revision: str = "0010_expo_exhibitors"
down_revision: str | None = "0009_expo"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
