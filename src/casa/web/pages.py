"""Pages of the web shell: home (the catalogue of city services), the city map, data sources."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from casa.core.config import Settings
from casa.core.deps import ClockDep, SessionDep
from casa.core.templating import render, templates
from casa.web import catalogue, service
from casa.web.assets import missing_vendor_files, vendor_dir

router = APIRouter(include_in_schema=False)


def language_url(request: Request, lang: str) -> str:
    """Return the current page's path and query with ``lang`` set to another language."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang))
    return f"{request.url.path}?{urlencode(params)}"


def vendor_missing(request: Request) -> list[str]:
    """Return the front-end library files absent from this installation."""
    settings: Settings = request.app.state.settings
    return missing_vendor_files(vendor_dir(settings))


def install_template_globals() -> None:
    """Give every page, whichever package renders it, what the shared layout needs."""
    env = templates().env
    env.globals["navigation"] = catalogue.navigation
    env.globals["language_url"] = language_url
    env.globals["vendor_missing"] = vendor_missing


install_template_globals()


def _shell(session: Session, now: datetime) -> dict[str, Any]:
    # Every page of the shell shows the notice in force without waiting for its script.
    return {"notice": service.find_current_notice(session=session, now=now)}


@router.get("/")
def home(request: Request, session: SessionDep, clock: ClockDep) -> Response:
    """Show the catalogue of Casa's city services."""
    return render(
        request,
        "web/home.html",
        {
            **_shell(session, clock()),
            "services": catalogue.available(),
            "coming": catalogue.coming(),
        },
    )


@router.get("/map")
def city_map(request: Request, session: SessionDep, clock: ClockDep) -> Response:
    """Show the city map with the arrondissements and every service's layers."""
    return render(
        request,
        "web/map.html",
        {
            **_shell(session, clock()),
            "leaflet_ready": not any(
                name.startswith("leaflet/") for name in vendor_missing(request)
            ),
        },
    )


@router.get("/data")
def data_sources(request: Request, session: SessionDep, clock: ClockDep) -> Response:
    """Show where Casa's data comes from and under which licences."""
    return render(request, "web/data.html", _shell(session, clock()))
