"""Typed FastAPI dependencies shared by every domain's API and pages.

The ones that only read application state are ``async``: FastAPI runs a plain function
dependency in the thread pool, a hop that costs more than the read itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from casa.core.clock import Clock
from casa.core.config import Settings
from casa.core.db import Database


def get_db(request: Request) -> Database:
    """Return the application's database."""
    db: Database = request.app.state.db
    return db


def get_session(request: Request) -> Iterator[Session]:
    """Yield one unit of work for the request: committed if the handler succeeds."""
    with get_db(request).session() as session:
        yield session


async def get_settings_dep(request: Request) -> Settings:
    """Return the application's settings."""
    settings: Settings = request.app.state.settings
    return settings


async def get_clock(request: Request) -> Clock:
    """Return the application's clock."""
    clock: Clock = request.app.state.clock
    return clock


async def get_bus(request: Request) -> Any:
    """Return the application's event bus."""
    return request.app.state.bus


async def get_language(request: Request) -> str:
    """Return the language negotiated for the request."""
    return str(getattr(request.state, "lang", "fr"))


SessionDep = Annotated[Session, Depends(get_session, scope="function")]  # commit before replying
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
ClockDep = Annotated[Clock, Depends(get_clock)]
BusDep = Annotated[Any, Depends(get_bus)]
LanguageDep = Annotated[str, Depends(get_language)]
