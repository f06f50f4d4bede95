"""City tables: areas (arrondissements and the Méchouar municipality), places, and a revision."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casa.core.db import Base


class Area(Base):
    """An administrative area: one of the 16 arrondissements, or the Méchouar municipality."""

    __tablename__ = "city_areas"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name_fr: Mapped[str] = mapped_column(String(120))
    name_ar: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    prefecture: Mapped[str] = mapped_column(String(120), index=True)
    prefecture_ar: Mapped[str] = mapped_column(String(160))
    geometry: Mapped[str] = mapped_column(Text)
    min_lat: Mapped[float] = mapped_column(Float)
    min_lon: Mapped[float] = mapped_column(Float)
    max_lat: Mapped[float] = mapped_column(Float)
    max_lon: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))


class Place(Base):
    """A named place of the gazetteer, with its names in every language and its aliases."""

    __tablename__ = "city_places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name_fr: Mapped[str] = mapped_column(String(160))
    name_ar: Mapped[str | None] = mapped_column(String(160))
    name_en: Mapped[str | None] = mapped_column(String(160))
    name_darija_ar: Mapped[str | None] = mapped_column(String(160))
    name_darija_latn: Mapped[str | None] = mapped_column(String(160))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    area_code: Mapped[str | None] = mapped_column(String(16), index=True)
    source: Mapped[str] = mapped_column(String(200))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Revision(Base):
    """A token that changes whenever areas or places change, so processes drop their caches."""

    __tablename__ = "city_revisions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    token: Mapped[str] = mapped_column(String(40))
