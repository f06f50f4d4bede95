"""Check-in and signing keys of the Smart City Expo.

Revision ID: 0012_expo_checkin
Revises: 0011_expo_delegations
"""

from collections.abc import Sequence

revision: str = "0012_expo_checkin"
down_revision: str | None = "0011_expo_delegations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
