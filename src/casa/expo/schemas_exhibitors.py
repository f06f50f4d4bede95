"""Pydantic models of the trade show: exhibitors, halls and booths, allocations, leads."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, HttpUrl

ExhibitorKind = Literal["exhibitor", "startup", "institution", "sponsor"]
BoothKind = Literal["standard", "corner", "island", "startup_pod", "agora_stage"]
Sector = Literal[
    "mobility",
    "energy",
    "water_waste",
    "buildings",
    "digital",
    "security",
    "e_government",
    "finance",
    "education",
    "health",
    "consulting",
    "other",
]
Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExhibitorIn(Strict):
    """A company exhibiting at an edition (created, or updated by its slug)."""

    slug: str = Slug
    name: str = Field(min_length=1, max_length=200)
    kind: ExhibitorKind
    sector: Sector
    country: str = Field(pattern=r"^[A-Z]{2}$")
    city: str | None = Field(default=None, max_length=120)
    website: HttpUrl | None = None
    description: str = Field(default="", max_length=5000)
    description_lang: Literal["fr", "ar", "en"] = "fr"
    logo_url: HttpUrl | None = None
    area_requested: float = Field(default=9.0, ge=0, le=5000)


class ProfileIn(Strict):
    """What an exhibitor's staff may change on its public profile."""

    website: HttpUrl | None = None
    description: str = Field(default="", max_length=5000)
    description_lang: Literal["fr", "ar", "en"] = "fr"
    logo_url: HttpUrl | None = None


class BoothOut(BaseModel):
    """A booth of a hall, with the exhibitor it is allocated to."""

    code: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    area: float
    exhibitor: str | None = None
    exhibitor_name: str | None = None


class ExhibitorOut(BaseModel):
    """An exhibitor as the directory shows it."""

    slug: str
    name: str
    kind: str
    sector: str
    country: str
    city: str | None
    website: str | None
    description: str
    description_lang: str
    logo_url: str | None
    area_requested: float
    area_allocated: float
    booths: list[str]
    generated: bool


class StaffIn(Strict):
    """An account to link to an exhibitor; it receives the exhibitor role."""

    email: EmailStr


class StaffOut(BaseModel):
    """A member of an exhibitor's staff."""

    user_id: int
    name: str
    email: str


class BoothIn(Strict):
    """A booth of a floor plan: a rectangle in metres from the hall's top-left corner."""

    code: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,15}$")
    kind: BoothKind = "standard"
    x: float = Field(ge=0, le=2000)
    y: float = Field(ge=0, le=2000)
    w: float = Field(gt=0, le=500)
    h: float = Field(gt=0, le=500)
    area: float | None = Field(default=None, gt=0, description="m²; w × h when not given")


class HallIn(Strict):
    """The floor plan of one floor of a venue, with every booth on it."""

    slug: str = Slug
    venue: str = Field(min_length=1, max_length=80, description="the venue's slug")
    name: str = Field(min_length=1, max_length=120)
    floor: int = Field(default=0, ge=-10, le=200)
    width: float = Field(gt=0, le=2000, description="metres")
    depth: float = Field(gt=0, le=2000, description="metres")
    booths: list[BoothIn] = Field(default_factory=list, max_length=2000)


class HallOut(BaseModel):
    """A floor plan with its booths and who holds them."""

    slug: str
    venue: str
    name: str
    floor: int
    width: float
    depth: float
    booths: list[BoothOut]


class AllocationIn(Strict):
    """The exhibitor to give a booth to."""

    exhibitor: str = Field(min_length=1, max_length=80, description="the exhibitor's slug")


class ScanIn(Strict):
    """A badge read by an exhibitor's staff: the QR secret, scanned or typed."""

    code: str = Field(min_length=1, max_length=400)


class LeadNoteIn(Strict):
    """An exhibitor's notes and rating of a lead."""

    notes: str = Field(default="", max_length=2000)
    rating: int | None = Field(default=None, ge=1, le=5)


class LeadOut(BaseModel):
    """A lead; name, organisation and e-mail only when the visitor shares them."""

    id: int
    category: str
    shared: bool
    name: str | None
    organisation: str | None
    email: str | None
    notes: str
    rating: int | None
    scanned_at: datetime


class ScanOut(BaseModel):
    """The outcome of a scan: the lead, and whether it was new."""

    created: bool
    lead: LeadOut


class ConsentIn(Strict):
    """Whether exhibitors who scan your badge receive your name, organisation and e-mail."""

    share: bool
