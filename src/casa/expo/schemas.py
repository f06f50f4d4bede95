"""Pydantic models of the Expo: programme, registration, check-in and figures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field

SessionKind = Literal["keynote", "round_table", "talk", "workshop", "agora_pitch"]
SpeakerRole = Literal["speaker", "moderator"]
CategoryCode = Literal[
    "professional", "exhibitor_staff", "speaker", "journalist", "delegation", "vip", "citizen"
]
ScanKind = Literal["entry", "exit"]
Country = str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EditionIn(Strict):
    """A new edition."""

    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=200)
    theme: str = Field(min_length=1, max_length=300)
    starts_on: date
    ends_on: date


class EditionOut(BaseModel):
    """An edition as the API shows it."""

    year: int
    title: str
    theme: str
    starts_on: date
    ends_on: date
    published_version: int


class RoomIn(Strict):
    """A room or stage of a venue."""

    name: str = Field(min_length=1, max_length=120)
    capacity: int = Field(ge=1, le=100_000)
    floor: int = Field(default=0, ge=-10, le=200)
    kind: Literal["lecturehall", "stage", "workshop", "outside", "other"] = "lecturehall"


class VenueIn(Strict):
    """A venue with its rooms; the position comes from ``lat``/``lon`` or the gazetteer."""

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")
    name: str = Field(min_length=1, max_length=200)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    address: str | None = Field(default=None, max_length=300)
    rooms: list[RoomIn] = Field(default_factory=list, max_length=200)


class SpeakerRef(Strict):
    """A speaker taking part in a session, and in which role."""

    speaker: str = Field(min_length=1, max_length=12)
    role: SpeakerRole = "speaker"


class SessionIn(Strict):
    """A session of the programme; unplaced until the editor or the scheduler places it."""

    title: str = Field(min_length=1, max_length=300)
    kind: SessionKind
    track: str | None = Field(default=None, max_length=80)
    abstract: str = Field(default="", max_length=5000)
    language: str = Field(default="fr", max_length=8)
    duration_min: int = Field(ge=15, le=480)
    audience: int = Field(default=0, ge=0, le=100_000)
    speakers: list[SpeakerRef] = Field(default_factory=list, max_length=30)


class PlacementIn(Strict):
    """Where and when the editor puts a session (both null to unplace it)."""

    room: int | None = None
    starts_at: AwareDatetime | None = None
    locked: bool = False


class SessionOut(BaseModel):
    """A session as the API shows it."""

    code: str
    title: str
    kind: str
    track: str | None
    duration_min: int
    audience: int
    room: int | None
    starts_at: datetime | None
    locked: bool
    speakers: list[SpeakerRef]


class ConflictOut(BaseModel):
    """A problem of the schedule the editor should fix."""

    kind: Literal[
        "speaker_double_booked",
        "speaker_travel",
        "room_overlap",
        "room_too_small",
        "speaker_unavailable",
        "outside_edition",
        "unplaced",
    ]
    sessions: list[str]
    speaker: str | None = None
    detail: str


class ScheduleResult(BaseModel):
    """What the scheduler did."""

    status: str
    placed: int
    moved: int
    conflicts: list[ConflictOut]
    seconds: float


class RegistrationIn(Strict):
    """A person's registration to an edition."""

    category: CategoryCode
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr
    organisation: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=120)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    press_card: str | None = Field(default=None, max_length=60)
    consent: bool
    share_with_exhibitors: bool = Field(
        default=False, description="exhibitors who scan the badge receive name and contacts"
    )


class RegistrationOut(BaseModel):
    """A registration, with its ticket secret once it is confirmed."""

    id: int
    category: str
    name: str
    status: str
    ticket: str | None
    secret: str | None


class CheckinIn(Strict):
    """One scan at a gate, as the gate device sends it (again, when it syncs after offline)."""

    secret: str = Field(min_length=1, max_length=400)
    gate: str = Field(min_length=3, max_length=80, description="VENUE:GATE, such as twin-center:a")
    type: ScanKind
    nonce: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")


class CheckinOut(BaseModel):
    """The gate's answer: admitted or refused, and why."""

    accepted: bool
    reason: str
    message: str
    ticket: str | None
    name: str | None
    category: str | None
    replayed: bool


class VenueCount(BaseModel):
    """How many ticket holders are inside a venue now."""

    venue: str
    name: str
    inside: int


class ImportReport(BaseModel):
    """The outcome of a bulk import: rows read, created, and the reason of each refused row."""

    rows: int
    created: int
    errors: list[dict[str, str | int]]
