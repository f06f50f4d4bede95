"""Pydantic models of delegations and press: input and output of the API and pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field

Position = Literal[
    "minister",
    "governor",
    "mayor",
    "deputy_mayor",
    "council_member",
    "ambassador",
    "senior_official",
    "official",
    "delegate",
]
RoomType = Literal["single", "double", "suite"]
AccreditationStatus = Literal["pending", "approved", "refused", "revoked"]
InterviewStatus = Literal["requested", "accepted", "declined"]
LanguageCode = str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DelegationIn(Strict):
    """A city's delegation."""

    city: str = Field(min_length=1, max_length=120)
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2, such as SN")
    protocol_order: int = Field(default=0, ge=0, le=999, description="among equal ranks, first")


class DelegationPatch(Strict):
    """What an organizer changes on a delegation."""

    protocol_order: int = Field(ge=0, le=999)


class MemberIn(Strict):
    """A delegation member: their registration, position, stay, hotel and needs."""

    registration: int = Field(ge=1, description="a registration in the delegation category")
    position: Position = "delegate"
    head: bool = False
    arrives_at: AwareDatetime | None = None
    departs_at: AwareDatetime | None = None
    hotel: str | None = Field(default=None, max_length=120)
    room_type: RoomType | None = None
    interpreter_languages: list[str] = Field(
        default_factory=list, max_length=10, description="ISO 639-1 codes, such as zh"
    )
    dietary: str | None = Field(default=None, max_length=500)
    accessibility: str | None = Field(default=None, max_length=500)


class MemberOut(BaseModel):
    """A delegation member as organizers see them (needs included)."""

    id: int
    registration: int
    name: str
    position: str
    head: bool
    arrives_at: datetime | None
    departs_at: datetime | None
    hotel: str | None
    room_type: str | None
    interpreter_languages: list[str]
    dietary: str | None
    accessibility: str | None


class DelegationOut(BaseModel):
    """A delegation with its place in protocol order and its members."""

    id: int
    precedence: int
    city: str
    country: str
    protocol_order: int
    head: str | None
    head_position: str | None
    members: list[MemberOut]


class ProtocolEntry(BaseModel):
    """A delegation in protocol order, for seating and receptions (no personal needs)."""

    precedence: int
    city: str
    country: str
    head: str | None
    head_position: str | None
    members: int


class RoomNight(BaseModel):
    """Rooms a hotel must hold for one night."""

    hotel: str
    night: date
    rooms: int
    single: int
    double: int
    suite: int


class InterpreterDay(BaseModel):
    """Interpreters needed for one language on one day: one per delegation present."""

    day: date
    language: str
    interpreters: int
    members: int


class LogisticsOut(BaseModel):
    """The logistics summary of an edition's delegations."""

    rooms: list[RoomNight]
    interpreters: list[InterpreterDay]
    without_dates: int = Field(description="members with a hotel but no arrival or departure")


class AccreditationOut(BaseModel):
    """A press accreditation and the state of its registration."""

    id: int
    registration: int
    name: str
    email: str | None
    outlet: str
    press_card: str | None
    card: bool
    status: str
    reason: str | None
    registration_status: str
    created_at: datetime
    decided_at: datetime | None


class DecisionIn(Strict):
    """Why an accreditation is refused or revoked."""

    reason: str = Field(min_length=1, max_length=500)


class PressKitIn(Strict):
    """An edition's press release and press contact."""

    release: str = Field(default="", max_length=20_000)
    contact_name: str = Field(default="", max_length=200)
    contact_email: EmailStr | Literal[""] = ""
    contact_phone: str = Field(default="", max_length=40)


class SpeakerBrief(BaseModel):
    """A speaker in the press kit."""

    code: str
    name: str
    organisation: str | None
    city: str | None
    country: str | None


class PressKitOut(BaseModel):
    """The press kit: release, contact, figures and programme exports, speakers."""

    year: int
    title: str
    release: str
    contact_name: str
    contact_email: str
    contact_phone: str
    links: dict[str, str]
    speakers: list[SpeakerBrief]


class SpeakerContactIn(Strict):
    """The e-mail address linking a speaker to a person's account."""

    email: EmailStr


class SlotIn(Strict):
    """A time window."""

    starts_at: AwareDatetime
    ends_at: AwareDatetime


class InterviewIn(Strict):
    """A journalist's interview request to a speaker."""

    speaker: str = Field(min_length=1, max_length=12)
    topic: str = Field(min_length=1, max_length=300)
    preferred: list[SlotIn] = Field(default_factory=list, max_length=5)


class AcceptIn(Strict):
    """The slot and place a speaker or organizer gives an interview."""

    starts_at: AwareDatetime
    duration_min: int = Field(default=30, ge=10, le=120)
    venue: str = Field(min_length=1, max_length=80, description="the venue's slug")
    place: str = Field(min_length=1, max_length=200, description="where in the venue")


class InterviewOut(BaseModel):
    """An interview request and its answer."""

    id: int
    speaker: str
    speaker_name: str
    journalist: str
    outlet: str
    topic: str
    preferred: list[list[datetime]]
    status: str
    starts_at: datetime | None
    duration_min: int | None
    venue: str | None
    place: str | None
    reason: str | None
