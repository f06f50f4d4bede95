"""Tables of city.

Revision ID: 0002_city
Revises: 0001_accounts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db  # noqa: F401

revision: str = "0002_city"
down_revision: str | None = "0001_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "city_areas",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name_fr", sa.String(length=120), nullable=False),
        sa.Column("name_ar", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("prefecture", sa.String(length=120), nullable=False),
        sa.Column("prefecture_ar", sa.String(length=160), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("min_lat", sa.Float(), nullable=False),
        sa.Column("min_lon", sa.Float(), nullable=False),
        sa.Column("max_lat", sa.Float(), nullable=False),
        sa.Column("max_lon", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_city_areas")),
    )
    with op.batch_alter_table("city_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_city_areas_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_city_areas_prefecture"), ["prefecture"], unique=False)

    op.create_table(
        "city_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name_fr", sa.String(length=160), nullable=False),
        sa.Column("name_ar", sa.String(length=160), nullable=True),
        sa.Column("name_en", sa.String(length=160), nullable=True),
        sa.Column("name_darija_ar", sa.String(length=160), nullable=True),
        sa.Column("name_darija_latn", sa.String(length=160), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("area_code", sa.String(length=16), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city_places")),
        sa.UniqueConstraint("key", name=op.f("uq_city_places_key")),
    )
    with op.batch_alter_table("city_places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_city_places_area_code"), ["area_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_city_places_kind"), ["kind"], unique=False)

    op.create_table(
        "city_revisions",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_city_revisions")),
    )


def downgrade() -> None:
    op.drop_table("city_revisions")
    with op.batch_alter_table("city_places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_city_places_kind"))
        batch_op.drop_index(batch_op.f("ix_city_places_area_code"))
    op.drop_table("city_places")
    with op.batch_alter_table("city_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_city_areas_prefecture"))
        batch_op.drop_index(batch_op.f("ix_city_areas_kind"))
    op.drop_table("city_areas")
