"""Exhibitors, booths and leads of the Smart City Expo.

Revision ID: 0010_expo_exhibitors
Revises: 0009_expo
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0010_expo_exhibitors"
down_revision: str | None = "0009_expo"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "expo_exhibitors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sector", sa.String(length=24), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("description_lang", sa.String(length=2), nullable=False),
        sa.Column("logo_url", sa.String(length=300), nullable=True),
        sa.Column("area_requested", sa.Float(), nullable=False),
        sa.Column("generated", sa.Boolean(), nullable=False),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_exhibitors_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_exhibitors")),
        sa.UniqueConstraint("edition_id", "slug", name=op.f("uq_expo_exhibitors_edition_id_slug")),
    )
    with op.batch_alter_table("expo_exhibitors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_exhibitors_edition_id"), ["edition_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expo_exhibitors_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_expo_exhibitors_sector"), ["sector"], unique=False)

    op.create_table(
        "expo_halls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("floor", sa.Integer(), nullable=False),
        sa.Column("width", sa.Float(), nullable=False),
        sa.Column("depth", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_halls_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["expo_venues.id"],
            name=op.f("fk_expo_halls_venue_id_expo_venues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_halls")),
        sa.UniqueConstraint("edition_id", "slug", name=op.f("uq_expo_halls_edition_id_slug")),
    )
    with op.batch_alter_table("expo_halls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expo_halls_edition_id"), ["edition_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_expo_halls_venue_id"), ["venue_id"], unique=False)

    op.create_table(
        "expo_booths",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.Column("w", sa.Float(), nullable=False),
        sa.Column("h", sa.Float(), nullable=False),
        sa.Column("area", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_booths_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"],
            ["expo_halls.id"],
            name=op.f("fk_expo_booths_hall_id_expo_halls"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_booths")),
        sa.UniqueConstraint("edition_id", "code", name=op.f("uq_expo_booths_edition_id_code")),
    )
    with op.batch_alter_table("expo_booths", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expo_booths_edition_id"), ["edition_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_expo_booths_hall_id"), ["hall_id"], unique=False)

    op.create_table(
        "expo_exhibitor_staff",
        sa.Column("exhibitor_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["exhibitor_id"],
            ["expo_exhibitors.id"],
            name=op.f("fk_expo_exhibitor_staff_exhibitor_id_expo_exhibitors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_expo_exhibitor_staff_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("exhibitor_id", "user_id", name=op.f("pk_expo_exhibitor_staff")),
    )
    with op.batch_alter_table("expo_exhibitor_staff", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_exhibitor_staff_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "expo_allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booth_id", sa.Integer(), nullable=False),
        sa.Column("exhibitor_id", sa.Integer(), nullable=False),
        sa.Column("allocated_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booth_id"],
            ["expo_booths.id"],
            name=op.f("fk_expo_allocations_booth_id_expo_booths"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exhibitor_id"],
            ["expo_exhibitors.id"],
            name=op.f("fk_expo_allocations_exhibitor_id_expo_exhibitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_allocations")),
        sa.UniqueConstraint("booth_id", name=op.f("uq_expo_allocations_booth_id")),
    )
    with op.batch_alter_table("expo_allocations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_allocations_exhibitor_id"), ["exhibitor_id"], unique=False
        )

    op.create_table(
        "expo_leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exhibitor_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("scanned_by", sa.Integer(), nullable=True),
        sa.Column("scanned_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["exhibitor_id"],
            ["expo_exhibitors.id"],
            name=op.f("fk_expo_leads_exhibitor_id_expo_exhibitors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["expo_registrations.id"],
            name=op.f("fk_expo_leads_registration_id_expo_registrations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["scanned_by"],
            ["users.id"],
            name=op.f("fk_expo_leads_scanned_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_leads")),
        sa.UniqueConstraint(
            "exhibitor_id",
            "registration_id",
            name=op.f("uq_expo_leads_exhibitor_id_registration_id"),
        ),
    )
    with op.batch_alter_table("expo_leads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_leads_exhibitor_id"), ["exhibitor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expo_leads_registration_id"), ["registration_id"], unique=False
        )

    with op.batch_alter_table("expo_registrations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("share_with_exhibitors_at", casa.core.db.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("expo_registrations", schema=None) as batch_op:
        batch_op.drop_column("share_with_exhibitors_at")

    with op.batch_alter_table("expo_leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_leads_registration_id"))
        batch_op.drop_index(batch_op.f("ix_expo_leads_exhibitor_id"))

    op.drop_table("expo_leads")
    with op.batch_alter_table("expo_allocations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_allocations_exhibitor_id"))

    op.drop_table("expo_allocations")
    with op.batch_alter_table("expo_exhibitor_staff", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_exhibitor_staff_user_id"))

    op.drop_table("expo_exhibitor_staff")
    with op.batch_alter_table("expo_booths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_booths_hall_id"))
        batch_op.drop_index(batch_op.f("ix_expo_booths_edition_id"))

    op.drop_table("expo_booths")
    with op.batch_alter_table("expo_halls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_halls_venue_id"))
        batch_op.drop_index(batch_op.f("ix_expo_halls_edition_id"))

    op.drop_table("expo_halls")
    with op.batch_alter_table("expo_exhibitors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_exhibitors_sector"))
        batch_op.drop_index(batch_op.f("ix_expo_exhibitors_kind"))
        batch_op.drop_index(batch_op.f("ix_expo_exhibitors_edition_id"))

    op.drop_table("expo_exhibitors")
