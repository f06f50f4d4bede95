"""Tables of web shell (notices).

Revision ID: 0003_web
Revises: 0002_city
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import casa.core.db  # noqa: F401

revision: str = "0003_web"
down_revision: str | None = "0002_city"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
