"""Open data of the Expo beyond the programme: the figures of every edition as a data package."""

from __future__ import annotations

from fastapi import APIRouter

from casa.core.deps import SessionDep, SettingsDep
from casa.expo import kpis

router = APIRouter()


@router.get("/kpis/datapackage.json", summary="Figures of every edition, open data package")
def kpis_datapackage(session: SessionDep, settings: SettingsDep) -> dict[str, object]:
    """Return the figures as a Frictionless data package: the CSV, sources and licence."""
    return kpis.datapackage(session=session, base_url=settings.base_url)
