"""Tables of delegations and press: delegations and their members, accreditations, interviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casa.core.db import Base, UTCDateTime


class Delegation(Base):
    """A city's delegation to an edition; its place in protocol order comes from its head."""

    __tablename__ = "expo_delegations"
    __table_args__ = (UniqueConstraint("edition_id", "city", "country"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    city: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    protocol_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DelegationMember(Base):
    """A registered delegation member, with their position, stay, hotel and needs."""

    __tablename__ = "expo_delegation_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("expo_delegations.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("expo_registrations.id", ondelete="CASCADE"), unique=True
    )
    position: Mapped[str] = mapped_column(String(24))
    is_head: Mapped[bool] = mapped_column(Boolean, default=False)
    arrives_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    departs_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    hotel: Mapped[str | None] = mapped_column(String(120), nullable=True)
    room_type: Mapped[str | None] = mapped_column(String(12), nullable=True)
    interpreter_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    dietary: Mapped[str | None] = mapped_column(Text, nullable=True)
    accessibility: Mapped[str | None] = mapped_column(Text, nullable=True)


class SpeakerContact(Base):
    """The e-mail address that links a speaker of an edition to a person's account."""

    __tablename__ = "expo_speaker_contacts"

    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("expo_speakers.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)


class PressKit(Base):
    """An edition's press release and press contact."""

    __tablename__ = "expo_press_kits"

    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), primary_key=True
    )
    release: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Accreditation(Base):
    """A journalist's press accreditation: pending, then approved, refused or revoked."""

    __tablename__ = "expo_accreditations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("expo_registrations.id", ondelete="CASCADE"), unique=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    outlet: Mapped[str] = mapped_column(String(200))
    press_card: Mapped[str | None] = mapped_column(String(60), nullable=True)
    card_file: Mapped[str | None] = mapped_column(String(80), nullable=True)
    card_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    card_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    generated: Mapped[bool] = mapped_column(Boolean, default=False)


class InterviewRequest(Base):
    """An accredited journalist's request to interview a speaker, and its answer."""

    __tablename__ = "expo_interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("expo_editions.id", ondelete="CASCADE"), index=True
    )
    accreditation_id: Mapped[int] = mapped_column(
        ForeignKey("expo_accreditations.id", ondelete="CASCADE"), index=True
    )
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("expo_speakers.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str] = mapped_column(String(300))
    preferred: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), index=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    duration_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("expo_venues.id", ondelete="SET NULL"), nullable=True
    )
    place: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
