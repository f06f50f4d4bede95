"""Delegations and press of the Smart City Expo.

Revision ID: 0011_expo_delegations
Revises: 0010_expo_exhibitors
"""

from collections.abc import Sequence

revision: str = "0011_expo_delegations"
down_revision: str | None = "0010_expo_exhibitors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
