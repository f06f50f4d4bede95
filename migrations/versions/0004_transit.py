"""Tables of transit: loaded GTFS feeds, one table per GTFS file.

Revision ID: 0004_transit
Revises: 0003_web
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casa.core.db

revision: str = "0004_transit"
down_revision: str | None = "0003_web"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transit_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("feed_version", sa.String(length=100), nullable=True),
        sa.Column("publisher", sa.String(length=255), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("imported_at", casa.core.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_feeds")),
        sa.UniqueConstraint("name", name=op.f("uq_transit_feeds_name")),
    )
    op.create_table(
        "transit_agencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_agencies_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_agencies")),
        sa.UniqueConstraint(
            "feed_id", "agency_id", name=op.f("uq_transit_agencies_feed_id_agency_id")
        ),
    )
    with op.batch_alter_table("transit_agencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_agencies_feed_id"), ["feed_id"], unique=False)

    op.create_table(
        "transit_fare_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("fare_id", sa.String(length=128), nullable=False),
        sa.Column("route_id", sa.String(length=128), nullable=True),
        sa.Column("origin_id", sa.String(length=128), nullable=True),
        sa.Column("destination_id", sa.String(length=128), nullable=True),
        sa.Column("contains_id", sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_fare_rules_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_fare_rules")),
    )
    with op.batch_alter_table("transit_fare_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transit_fare_rules_feed_id"), ["feed_id"], unique=False
        )

    op.create_table(
        "transit_fares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("fare_id", sa.String(length=128), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("payment_method", sa.Integer(), nullable=False),
        sa.Column("transfers", sa.Integer(), nullable=True),
        sa.Column("transfer_duration_s", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_fares_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_fares")),
        sa.UniqueConstraint("feed_id", "fare_id", name=op.f("uq_transit_fares_feed_id_fare_id")),
    )
    with op.batch_alter_table("transit_fares", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_fares_feed_id"), ["feed_id"], unique=False)

    op.create_table(
        "transit_frequencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.String(length=128), nullable=False),
        sa.Column("start_s", sa.Integer(), nullable=False),
        sa.Column("end_s", sa.Integer(), nullable=False),
        sa.Column("headway_s", sa.Integer(), nullable=False),
        sa.Column("exact_times", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_frequencies_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_frequencies")),
    )
    with op.batch_alter_table("transit_frequencies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transit_frequencies_feed_id"), ["feed_id"], unique=False
        )

    op.create_table(
        "transit_routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.String(length=128), nullable=False),
        sa.Column("agency_id", sa.String(length=128), nullable=True),
        sa.Column("short_name", sa.String(length=64), nullable=True),
        sa.Column("long_name", sa.String(length=255), nullable=True),
        sa.Column("route_type", sa.Integer(), nullable=False),
        sa.Column("color", sa.String(length=6), nullable=True),
        sa.Column("text_color", sa.String(length=6), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_routes_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_routes")),
        sa.UniqueConstraint("feed_id", "route_id", name=op.f("uq_transit_routes_feed_id_route_id")),
    )
    with op.batch_alter_table("transit_routes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_routes_feed_id"), ["feed_id"], unique=False)

    op.create_table(
        "transit_service_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(length=128), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("exception_type", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_service_dates_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_service_dates")),
        sa.UniqueConstraint(
            "feed_id",
            "service_id",
            "date",
            name=op.f("uq_transit_service_dates_feed_id_service_id_date"),
        ),
    )
    with op.batch_alter_table("transit_service_dates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transit_service_dates_feed_id"), ["feed_id"], unique=False
        )

    op.create_table(
        "transit_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(length=128), nullable=False),
        sa.Column("days", sa.String(length=7), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_services_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_services")),
        sa.UniqueConstraint(
            "feed_id", "service_id", name=op.f("uq_transit_services_feed_id_service_id")
        ),
    )
    with op.batch_alter_table("transit_services", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_services_feed_id"), ["feed_id"], unique=False)

    op.create_table(
        "transit_stop_times",
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.String(length=128), nullable=False),
        sa.Column("stop_sequence", sa.Integer(), nullable=False),
        sa.Column("stop_id", sa.String(length=128), nullable=False),
        sa.Column("arrival_s", sa.Integer(), nullable=False),
        sa.Column("departure_s", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_stop_times_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "feed_id", "trip_id", "stop_sequence", name=op.f("pk_transit_stop_times")
        ),
    )
    op.create_table(
        "transit_stops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("stop_id", sa.String(length=128), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("location_type", sa.Integer(), nullable=False),
        sa.Column("parent_station", sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_stops_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_stops")),
        sa.UniqueConstraint("feed_id", "stop_id", name=op.f("uq_transit_stops_feed_id_stop_id")),
    )
    with op.batch_alter_table("transit_stops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_stops_feed_id"), ["feed_id"], unique=False)

    op.create_table(
        "transit_transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("from_stop_id", sa.String(length=128), nullable=True),
        sa.Column("to_stop_id", sa.String(length=128), nullable=True),
        sa.Column("transfer_type", sa.Integer(), nullable=False),
        sa.Column("min_transfer_time_s", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_transfers_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_transfers")),
    )
    with op.batch_alter_table("transit_transfers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_transfers_feed_id"), ["feed_id"], unique=False)

    op.create_table(
        "transit_trips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.String(length=128), nullable=False),
        sa.Column("route_id", sa.String(length=128), nullable=False),
        sa.Column("service_id", sa.String(length=128), nullable=False),
        sa.Column("headsign", sa.String(length=255), nullable=True),
        sa.Column("direction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["transit_feeds.id"],
            name=op.f("fk_transit_trips_feed_id_transit_feeds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_trips")),
        sa.UniqueConstraint("feed_id", "trip_id", name=op.f("uq_transit_trips_feed_id_trip_id")),
    )
    with op.batch_alter_table("transit_trips", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transit_trips_feed_id"), ["feed_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("transit_trips", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_trips_feed_id"))

    op.drop_table("transit_trips")
    with op.batch_alter_table("transit_transfers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_transfers_feed_id"))

    op.drop_table("transit_transfers")
    with op.batch_alter_table("transit_stops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_stops_feed_id"))

    op.drop_table("transit_stops")
    op.drop_table("transit_stop_times")
    with op.batch_alter_table("transit_services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_services_feed_id"))

    op.drop_table("transit_services")
    with op.batch_alter_table("transit_service_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_service_dates_feed_id"))

    op.drop_table("transit_service_dates")
    with op.batch_alter_table("transit_routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_routes_feed_id"))

    op.drop_table("transit_routes")
    with op.batch_alter_table("transit_frequencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_frequencies_feed_id"))

    op.drop_table("transit_frequencies")
    with op.batch_alter_table("transit_fares", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_fares_feed_id"))

    op.drop_table("transit_fares")
    with op.batch_alter_table("transit_fare_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_fare_rules_feed_id"))

    op.drop_table("transit_fare_rules")
    with op.batch_alter_table("transit_agencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_agencies_feed_id"))

    op.drop_table("transit_agencies")
    op.drop_table("transit_feeds")
