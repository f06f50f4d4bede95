"""Delegations and press of the Smart City Expo.

Revision ID: 0011_expo_delegations
Revises: 0010_expo_exhibitors
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0011_expo_delegations"
down_revision: str | None = "0010_expo_exhibitors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "expo_delegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("protocol_order", sa.Integer(), nullable=False),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_delegations_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_delegations")),
        sa.UniqueConstraint(
            "edition_id",
            "city",
            "country",
            name=op.f("uq_expo_delegations_edition_id_city_country"),
        ),
    )
    with op.batch_alter_table("expo_delegations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_delegations_edition_id"), ["edition_id"], unique=False
        )

    op.create_table(
        "expo_press_kits",
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("release", sa.Text(), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=False),
        sa.Column("updated_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_press_kits_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("edition_id", name=op.f("pk_expo_press_kits")),
    )
    op.create_table(
        "expo_speaker_contacts",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["expo_speakers.id"],
            name=op.f("fk_expo_speaker_contacts_speaker_id_expo_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("speaker_id", name=op.f("pk_expo_speaker_contacts")),
    )
    with op.batch_alter_table("expo_speaker_contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expo_speaker_contacts_email"), ["email"], unique=False)

    op.create_table(
        "expo_accreditations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=False),
        sa.Column("press_card", sa.String(length=60), nullable=True),
        sa.Column("card_file", sa.String(length=80), nullable=True),
        sa.Column("card_type", sa.String(length=40), nullable=True),
        sa.Column("card_size", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("decided_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("generated", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_accreditations_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["expo_registrations.id"],
            name=op.f("fk_expo_accreditations_registration_id_expo_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_expo_accreditations_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_accreditations")),
        sa.UniqueConstraint("registration_id", name=op.f("uq_expo_accreditations_registration_id")),
    )
    with op.batch_alter_table("expo_accreditations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_accreditations_edition_id"), ["edition_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expo_accreditations_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_expo_accreditations_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "expo_delegation_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.String(length=24), nullable=False),
        sa.Column("is_head", sa.Boolean(), nullable=False),
        sa.Column("arrives_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("departs_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("hotel", sa.String(length=120), nullable=True),
        sa.Column("room_type", sa.String(length=12), nullable=True),
        sa.Column("interpreter_languages", sa.JSON(), nullable=False),
        sa.Column("dietary", sa.Text(), nullable=True),
        sa.Column("accessibility", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["expo_delegations.id"],
            name=op.f("fk_expo_delegation_members_delegation_id_expo_delegations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["expo_registrations.id"],
            name=op.f("fk_expo_delegation_members_registration_id_expo_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_delegation_members")),
        sa.UniqueConstraint(
            "registration_id", name=op.f("uq_expo_delegation_members_registration_id")
        ),
    )
    with op.batch_alter_table("expo_delegation_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_delegation_members_delegation_id"), ["delegation_id"], unique=False
        )

    op.create_table(
        "expo_interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("accreditation_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("preferred", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("starts_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("duration_min", sa.Integer(), nullable=True),
        sa.Column("venue_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("answered_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["accreditation_id"],
            ["expo_accreditations.id"],
            name=op.f("fk_expo_interviews_accreditation_id_expo_accreditations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_interviews_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["expo_speakers.id"],
            name=op.f("fk_expo_interviews_speaker_id_expo_speakers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["expo_venues.id"],
            name=op.f("fk_expo_interviews_venue_id_expo_venues"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_interviews")),
    )
    with op.batch_alter_table("expo_interviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_interviews_accreditation_id"), ["accreditation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expo_interviews_edition_id"), ["edition_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expo_interviews_speaker_id"), ["speaker_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expo_interviews_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("expo_interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_interviews_status"))
        batch_op.drop_index(batch_op.f("ix_expo_interviews_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_expo_interviews_edition_id"))
        batch_op.drop_index(batch_op.f("ix_expo_interviews_accreditation_id"))

    op.drop_table("expo_interviews")
    with op.batch_alter_table("expo_delegation_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_delegation_members_delegation_id"))

    op.drop_table("expo_delegation_members")
    with op.batch_alter_table("expo_accreditations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_accreditations_user_id"))
        batch_op.drop_index(batch_op.f("ix_expo_accreditations_status"))
        batch_op.drop_index(batch_op.f("ix_expo_accreditations_edition_id"))

    op.drop_table("expo_accreditations")
    with op.batch_alter_table("expo_speaker_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_speaker_contacts_email"))

    op.drop_table("expo_speaker_contacts")
    op.drop_table("expo_press_kits")
    with op.batch_alter_table("expo_delegations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_delegations_edition_id"))

    op.drop_table("expo_delegations")
