"""Tables of the Smart City Expo.

Revision ID: 0009_expo
Revises: 0008_assistant
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0009_expo"
down_revision: str | None = "0008_assistant"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "expo_editions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("theme", sa.String(length=300), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("day_starts", sa.Integer(), nullable=False),
        sa.Column("day_ends", sa.Integer(), nullable=False),
        sa.Column("published_version", sa.Integer(), nullable=False),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_editions")),
        sa.UniqueConstraint("year", name=op.f("uq_expo_editions_year")),
    )
    op.create_table(
        "expo_venues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("place_key", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_venues")),
        sa.UniqueConstraint("slug", name=op.f("uq_expo_venues_slug")),
    )
    op.create_table(
        "expo_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("needs_approval", sa.Boolean(), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_categories_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_categories")),
        sa.UniqueConstraint("edition_id", "code", name=op.f("uq_expo_categories_edition_id_code")),
    )
    with op.batch_alter_table("expo_categories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_categories_edition_id"), ["edition_id"], unique=False
        )

    op.create_table(
        "expo_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_figures_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_figures")),
        sa.UniqueConstraint("edition_id", "metric", name=op.f("uq_expo_figures_edition_id_metric")),
    )
    with op.batch_alter_table("expo_figures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_figures_edition_id"), ["edition_id"], unique=False
        )

    op.create_table(
        "expo_rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("floor", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["expo_venues.id"],
            name=op.f("fk_expo_rooms_venue_id_expo_venues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_rooms")),
        sa.UniqueConstraint("venue_id", "name", name=op.f("uq_expo_rooms_venue_id_name")),
    )
    with op.batch_alter_table("expo_rooms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expo_rooms_venue_id"), ["venue_id"], unique=False)

    op.create_table(
        "expo_scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=True),
        sa.Column("ticket", sa.String(length=32), nullable=True),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("gate", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_scans_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["expo_venues.id"],
            name=op.f("fk_expo_scans_venue_id_expo_venues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_scans")),
        sa.UniqueConstraint("nonce", name=op.f("uq_expo_scans_nonce")),
    )
    with op.batch_alter_table("expo_scans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expo_scans_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_expo_scans_edition_id"), ["edition_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_expo_scans_ticket"), ["ticket"], unique=False)

    op.create_table(
        "expo_schedule_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("placements", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_schedule_versions_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_schedule_versions")),
        sa.UniqueConstraint(
            "edition_id", "version", name=op.f("uq_expo_schedule_versions_edition_id_version")
        ),
    )
    with op.batch_alter_table("expo_schedule_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_schedule_versions_edition_id"), ["edition_id"], unique=False
        )

    op.create_table(
        "expo_signing_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("kid", sa.String(length=16), nullable=False),
        sa.Column("private_key", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_signing_keys_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_signing_keys")),
        sa.UniqueConstraint("kid", name=op.f("uq_expo_signing_keys_kid")),
    )
    with op.batch_alter_table("expo_signing_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_signing_keys_edition_id"), ["edition_id"], unique=False
        )

    op.create_table(
        "expo_speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("photo_url", sa.String(length=300), nullable=True),
        sa.Column("generated", sa.Boolean(), nullable=False),
        sa.Column("availability", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_speakers_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_speakers")),
        sa.UniqueConstraint("code", name=op.f("uq_expo_speakers_code")),
    )
    with op.batch_alter_table("expo_speakers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_speakers_edition_id"), ["edition_id"], unique=False
        )

    op.create_table(
        "expo_tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_tracks_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_tracks")),
        sa.UniqueConstraint("edition_id", "slug", name=op.f("uq_expo_tracks_edition_id_slug")),
    )
    with op.batch_alter_table("expo_tracks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expo_tracks_edition_id"), ["edition_id"], unique=False)

    op.create_table(
        "expo_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("press_card", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("consent_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("created_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.Column("ticket", sa.String(length=32), nullable=True),
        sa.Column("revoked_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("inside_venue_id", sa.Integer(), nullable=True),
        sa.Column("generated", sa.Boolean(), nullable=False),
        sa.Column("erased", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["expo_categories.id"],
            name=op.f("fk_expo_registrations_category_id_expo_categories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_registrations_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inside_venue_id"],
            ["expo_venues.id"],
            name=op.f("fk_expo_registrations_inside_venue_id_expo_venues"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_expo_registrations_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_registrations")),
        sa.UniqueConstraint(
            "edition_id", "email", name=op.f("uq_expo_registrations_edition_id_email")
        ),
        sa.UniqueConstraint("ticket", name=op.f("uq_expo_registrations_ticket")),
    )
    with op.batch_alter_table("expo_registrations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_registrations_category_id"), ["category_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expo_registrations_edition_id"), ["edition_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expo_registrations_inside_venue_id"), ["inside_venue_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expo_registrations_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_expo_registrations_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "expo_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=True),
        sa.Column("abstract", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("audience", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", casa.core.db.UTCDateTime(), nullable=True),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("speakers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["expo_editions.id"],
            name=op.f("fk_expo_sessions_edition_id_expo_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["expo_rooms.id"],
            name=op.f("fk_expo_sessions_room_id_expo_rooms"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["track_id"],
            ["expo_tracks.id"],
            name=op.f("fk_expo_sessions_track_id_expo_tracks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expo_sessions")),
        sa.UniqueConstraint("code", name=op.f("uq_expo_sessions_code")),
        sa.UniqueConstraint("guid", name=op.f("uq_expo_sessions_guid")),
    )
    with op.batch_alter_table("expo_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_expo_sessions_edition_id"), ["edition_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expo_sessions_room_id"), ["room_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_expo_sessions_track_id"), ["track_id"], unique=False)

    op.create_table(
        "expo_favourites",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["expo_sessions.id"],
            name=op.f("fk_expo_favourites_session_id_expo_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_expo_favourites_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "session_id", name=op.f("pk_expo_favourites")),
    )


def downgrade() -> None:
    op.drop_table("expo_favourites")
    with op.batch_alter_table("expo_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_sessions_track_id"))
        batch_op.drop_index(batch_op.f("ix_expo_sessions_room_id"))
        batch_op.drop_index(batch_op.f("ix_expo_sessions_edition_id"))

    op.drop_table("expo_sessions")
    with op.batch_alter_table("expo_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_registrations_user_id"))
        batch_op.drop_index(batch_op.f("ix_expo_registrations_status"))
        batch_op.drop_index(batch_op.f("ix_expo_registrations_inside_venue_id"))
        batch_op.drop_index(batch_op.f("ix_expo_registrations_edition_id"))
        batch_op.drop_index(batch_op.f("ix_expo_registrations_category_id"))

    op.drop_table("expo_registrations")
    with op.batch_alter_table("expo_tracks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_tracks_edition_id"))

    op.drop_table("expo_tracks")
    with op.batch_alter_table("expo_speakers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_speakers_edition_id"))

    op.drop_table("expo_speakers")
    with op.batch_alter_table("expo_signing_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_signing_keys_edition_id"))

    op.drop_table("expo_signing_keys")
    with op.batch_alter_table("expo_schedule_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_schedule_versions_edition_id"))

    op.drop_table("expo_schedule_versions")
    with op.batch_alter_table("expo_scans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_scans_ticket"))
        batch_op.drop_index(batch_op.f("ix_expo_scans_edition_id"))
        batch_op.drop_index(batch_op.f("ix_expo_scans_at"))

    op.drop_table("expo_scans")
    with op.batch_alter_table("expo_rooms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_rooms_venue_id"))

    op.drop_table("expo_rooms")
    with op.batch_alter_table("expo_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_figures_edition_id"))

    op.drop_table("expo_figures")
    with op.batch_alter_table("expo_categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expo_categories_edition_id"))

    op.drop_table("expo_categories")
    op.drop_table("expo_venues")
    op.drop_table("expo_editions")
