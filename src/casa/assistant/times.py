"""Times and lines in a message: "à 8h30", "ghda f 9", "دابا", "this evening", "T1", "busway 2"."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A found entity: its type, canonical value and where it sits in the text."""

    type: str
    value: str
    start: int
    end: int


_DAY = r"(?P<day>demain|tomorrow|ghda|ghdwa|غدا|غدوة)"
_NOW = re.compile(r"(?<!\w)(maintenant|now|right now|daba|db|دابا|الآن|الان|توا|دروك)(?!\w)")
_EVENING = re.compile(
    r"(?<!\w)(ce soir|this evening|tonight|had l3chiya|l3chiya|lachiya|هاد لعشية|هذا المساء|"
    r"هاد العشية)(?!\w)"
)
_PREP = (
    r"(?:à|a|vers|at|around|by|f|fi|m3a|ma3a|avant|before|qbel|9bel|جوج|على الساعة|الساعة|"
    r"ف|مع|قبل|حوالي)"
)
_HOUR = re.compile(
    rf"(?<!\w)(?:{_DAY}\s+)?(?:(?:matin|morning|sba7)\s+)?(?P<prep>{_PREP})\s*"
    r"(?P<h>\d{1,2})(?:\s*(?:h|:|ساعة)\s*(?P<m>\d{2})?|(?!\d))"
    r"(?:\s*(?P<ampm>am|pm))?"
    r"(?P<half>\s*(?:w nos|w nss|ونص|et demie|and a half))?"
    r"(?P<eve>\s*(?:d l3chiya|dl3chiya|دلعشية|du soir|de l'après-midi))?(?!\w)"
)
_BARE = re.compile(r"(?<!\w)(?P<h>\d{1,2})\s*h\s*(?P<m>\d{2})?(?!\w)")
_ALONE_DAY = re.compile(rf"(?<!\w){_DAY}(?!\w)")
_ARRIVE = re.compile(r"avant|before|qbel|9bel|قبل|arriver|arrive|arrival|nwsel qbel")
_LINE = re.compile(
    r"(?<![\w])(?:(?P<tram>t|tram|tramway|ligne|line|الخط|الترامواي|الطرام|ترامواي|طرام|"
    r"la ligne t|line t|ligne t)\s*-?\s*(?P<n>[1-4])|(?P<bw>bw|busway|البوسواي|الباصواي|بوسواي)"
    r"\s*-?\s*(?P<b>[12]))(?![\w:h])"
)


def _clock(h: int, m: int, ampm: str | None, evening: bool) -> str | None:
    if ampm == "pm" or evening:
        if h < 12:
            h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return f"{h:02d}:{m:02d}"


def find_time(text: str) -> tuple[Span | None, bool]:
    """Return the time a message names (if any) and whether it is an arrive-by time."""
    low = text.lower()
    match = _HOUR.search(low)
    if match:
        m = int(match.group("m") or 0) or (30 if match.group("half") else 0)
        value = _clock(int(match.group("h")), m, match.group("ampm"), bool(match.group("eve")))
        if value is not None:
            day = match.group("day") or (_ALONE_DAY.search(low) and "tomorrow")
            if day:
                value = f"tomorrow {value}"
            start = match.start()
            before = low[max(0, start - 30) : start + len(match.group(0))]
            arrive = bool(_ARRIVE.search(before))
            return Span("time", value, start, match.end()), arrive
    bare = _BARE.search(low)
    if bare:
        value = _clock(int(bare.group("h")), int(bare.group("m") or 0), None, False)
        if value is not None:
            day = _ALONE_DAY.search(low)
            return Span(
                "time", f"tomorrow {value}" if day else value, bare.start(), bare.end()
            ), False
    for pattern, value in ((_EVENING, "19:00"), (_NOW, "now")):
        found = pattern.search(low)
        if found:
            return Span("time", value, found.start(), found.end()), False
    day_only = _ALONE_DAY.search(low)
    if day_only:
        return Span("time", "tomorrow", day_only.start(), day_only.end()), False
    return None, False


def find_lines(text: str) -> list[Span]:
    """Return the lines a message names (T1–T4, BW1–BW2)."""
    found = []
    for match in _LINE.finditer(text.lower()):
        value = f"T{match.group('n')}" if match.group("n") else f"BW{match.group('b')}"
        found.append(Span("line", value, match.start(), match.end()))
    return found
