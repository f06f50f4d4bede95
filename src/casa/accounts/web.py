"""Pages of accounts."""

from fastapi import APIRouter, FastAPI

from casa.core.config import Settings

router = APIRouter()


def install_session(app: FastAPI, settings: Settings) -> None:
    """Install the session cookie middleware."""
