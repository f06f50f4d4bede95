"""Static assets."""

from pathlib import Path

from casa.core.config import Settings


def static_dir(settings: Settings) -> Path:
    """Return the static folder."""
    return Path(__file__).resolve().parent / "static"
