"""What the translation tests share: the msgids pages and errors use, and those translated."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from casa.core.errors import CasaError

SRC = Path(__file__).resolve().parents[1] / "src" / "casa"


def template_msgids(paths: Iterable[Path]) -> set[str]:
    """Return the singular msgids the templates at these paths mark for translation."""
    found: set[str] = set()
    for path in paths:
        with path.open("rb") as fh:
            for _, _, message, _ in babel_extract(fh, ("_", "gettext"), [], {}):
                if isinstance(message, str):
                    found.add(message)
    return found


def error_msgids(module: ModuleType) -> set[str]:
    """Return the titles and messages of the domain errors a module defines."""
    found: set[str] = set()
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if issubclass(cls, CasaError) and cls.__module__ == module.__name__:
            found |= {cls.title} | ({cls.message} if cls.message else set())
    return found


def translated(lang: str) -> set[str]:
    """Return the msgids that have a translation in a language, in every package's catalogues."""
    found: set[str] = set()
    for path in SRC.glob(f"*/locale/{lang}/LC_MESSAGES/*.po"):
        with path.open("rb") as fh:
            found |= {m.id for m in read_po(fh, locale=lang) if m.id and m.string}
    return found
