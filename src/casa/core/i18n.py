"""Languages: French first, Arabic right-to-left, English; Babel catalogues compiled at load."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

Language = Literal["fr", "ar", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "ar", "en")
DEFAULT_LANGUAGE: Language = "fr"
RTL_LANGUAGES = frozenset({"ar"})
LANGUAGE_NAMES: dict[str, str] = {"fr": "Français", "ar": "العربية", "en": "English"}
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def catalogue_paths(lang: str) -> list[Path]:
    """Return the .po catalogues of a language: one or more per package with strings to show."""
    return sorted(PACKAGE_DIR.glob(f"*/locale/{lang}/LC_MESSAGES/*.po"))


@lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    """Return the gettext translations of a language, merged from every package's catalogue."""
    paths = catalogue_paths(lang)
    if not paths:
        return NullTranslations()
    merged: Translations | None = None
    for po in paths:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        buf.seek(0)
        part = Translations(buf)
        merged = part if merged is None else merged.merge(part)
    assert merged is not None
    return merged


def gettext(message: str, lang: str) -> str:
    """Translate a message into a language."""
    return translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """Translate a message with a count into a language."""
    return translations(lang).ngettext(singular, plural, n)


def direction(lang: str) -> str:
    """Return the text direction of a language: ``rtl`` or ``ltr``."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def parse_accept_language(header: str | None) -> Language | None:
    """Return the best supported language of an Accept-Language header, if any."""
    if not header:
        return None
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, index, primary))
    if not choices:
        return None
    choices.sort()
    best = choices[0][2]
    return best if best in LANGUAGES else None


def pick_language(query: str | None, cookie: str | None, accept_language: str | None) -> Language:
    """Pick the language: ``?lang=`` first, then the cookie, then Accept-Language, then French."""
    for candidate in (query, cookie):
        if candidate and candidate in LANGUAGES:
            return candidate
    return parse_accept_language(accept_language) or DEFAULT_LANGUAGE
