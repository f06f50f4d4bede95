"""Tables of parking.

Revision ID: 0005_parking
Revises: 0004_transit
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0005_parking"
down_revision: str | None = "0004_transit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "parking_meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_parking_meta")),
    )
    op.create_table(
        "parking_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("all_sites", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parking_sources")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_parking_sources_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_parking_sources_name")),
    )
    op.create_table(
        "parking_sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("operator", sa.String(length=200), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("coord_quality", sa.String(length=24), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("arrondissement", sa.String(length=80), nullable=True),
        sa.Column("entrances", sa.JSON(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("capacity_disabled", sa.Integer(), nullable=False),
        sa.Column("capacity_ev", sa.Integer(), nullable=False),
        sa.Column("capacity_motorcycle", sa.Integer(), nullable=False),
        sa.Column("capacity_family", sa.Integer(), nullable=False),
        sa.Column("reservable", sa.Integer(), nullable=False),
        sa.Column("max_height_cm", sa.Integer(), nullable=True),
        sa.Column("covered", sa.Boolean(), nullable=False),
        sa.Column("guarded", sa.Boolean(), nullable=False),
        sa.Column("opening_hours", sa.String(length=500), nullable=False),
        sa.Column("tariff", sa.JSON(), nullable=True),
        sa.Column("payment_means", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("attribution", sa.String(length=300), nullable=True),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_parking_sites_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["parking_sources.id"],
            name=op.f("fk_parking_sites_source_id_parking_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parking_sites")),
        sa.UniqueConstraint("ref", name=op.f("uq_parking_sites_ref")),
    )
    op.create_index(op.f("ix_parking_sites_owner_id"), "parking_sites", ["owner_id"], unique=False)
    op.create_index(
        op.f("ix_parking_sites_updated_at"), "parking_sites", ["updated_at"], unique=False
    )
    op.create_table(
        "parking_observations",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("free", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=True),
        sa.Column("observed_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("received_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["parking_sites.id"],
            name=op.f("fk_parking_observations_site_id_parking_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parking_observations")),
        sa.UniqueConstraint(
            "site_id",
            "kind",
            "key",
            "observed_at",
            name=op.f("uq_parking_observations_site_id_kind_key_observed_at"),
        ),
    )
    op.create_index(
        "ix_parking_observations_site_at",
        "parking_observations",
        ["site_id", "observed_at"],
        unique=False,
    )
    op.create_table(
        "parking_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=32), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("ends_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=True),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("ended_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["parking_sites.id"],
            name=op.f("fk_parking_reservations_site_id_parking_sites"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_parking_reservations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parking_reservations")),
        sa.UniqueConstraint("ref", name=op.f("uq_parking_reservations_ref")),
    )
    op.create_index(
        op.f("ix_parking_reservations_expires_at"),
        "parking_reservations",
        ["expires_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_parking_reservations_site_id"), "parking_reservations", ["site_id"], unique=False
    )
    op.create_index(
        op.f("ix_parking_reservations_status"), "parking_reservations", ["status"], unique=False
    )
    op.create_index(
        op.f("ix_parking_reservations_user_id"), "parking_reservations", ["user_id"], unique=False
    )
    op.create_table(
        "parking_site_status",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("free", sa.Integer(), nullable=True),
        sa.Column("observed_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("channel", sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["parking_sites.id"],
            name=op.f("fk_parking_site_status_site_id_parking_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_parking_site_status")),
    )
    op.create_table(
        "parking_slot_holds",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("slot_start", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("held", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["parking_sites.id"],
            name=op.f("fk_parking_slot_holds_site_id_parking_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", "slot_start", name=op.f("pk_parking_slot_holds")),
    )
    op.create_table(
        "parking_spots",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("observed_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["parking_sites.id"],
            name=op.f("fk_parking_spots_site_id_parking_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", "ref", name=op.f("pk_parking_spots")),
    )


def downgrade() -> None:
    op.drop_table("parking_spots")
    op.drop_table("parking_slot_holds")
    op.drop_table("parking_site_status")
    op.drop_index(op.f("ix_parking_reservations_user_id"), table_name="parking_reservations")
    op.drop_index(op.f("ix_parking_reservations_status"), table_name="parking_reservations")
    op.drop_index(op.f("ix_parking_reservations_site_id"), table_name="parking_reservations")
    op.drop_index(op.f("ix_parking_reservations_expires_at"), table_name="parking_reservations")
    op.drop_table("parking_reservations")
    op.drop_index("ix_parking_observations_site_at", table_name="parking_observations")
    op.drop_table("parking_observations")
    op.drop_index(op.f("ix_parking_sites_updated_at"), table_name="parking_sites")
    op.drop_index(op.f("ix_parking_sites_owner_id"), table_name="parking_sites")
    op.drop_table("parking_sites")
    op.drop_table("parking_sources")
    op.drop_table("parking_meta")
