"""Casablanca's bundled datasets, built from public sources (see ``casablanca/sources.csv``)."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "casablanca"


def path(name: str) -> Path:
    """Return the path of a bundled Casablanca dataset, failing clearly when it is missing."""
    found = DATA_DIR / name
    if not found.is_file():
        raise FileNotFoundError(f"bundled dataset {name!r} is missing from {DATA_DIR}")
    return found
