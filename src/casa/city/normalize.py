"""Normalise place names so that spelling, script variants, accents and case do not matter.

The same function folds the names of the gazetteer and the words people type, so a search
compares like with like:

- Unicode compatibility forms are decomposed and every combining mark is dropped: Latin
  accents (``Aïn`` → ``ain``) and Arabic diacritics (tashkeel), including the hamza and madda
  written above or below a letter (``أ إ آ`` → ``ا``, ``ؤ`` → ``و``, ``ئ`` → ``ي``).
- Arabic letter variants are folded: ``ٱ`` → ``ا``, ``ة`` → ``ه``, ``ى`` → ``ي``, the lone
  hamza ``ء`` and the tatweel ``ـ`` disappear, Persian/Moroccan forms of kaf and yeh map to
  the Arabic ones, and Arabic-Indic digits become ASCII digits.
- Apostrophes and dots vanish (``M'Sick`` → ``msick``, ``C.I.L.`` → ``cil``); any other
  punctuation, hyphens included, separates words.
- Arabizi: in a word that mixes Latin letters and digits, the digits are letters
  (``3`` → ``a`` for ʿayn, ``7`` → ``h``, ``9`` → ``q``, ``2`` → ``a``, ``5`` → ``kh``,
  ``8`` → ``gh``), so ``lma3arif`` and ``7ay`` read as ``lmaarif`` and ``hay``; standalone
  numbers (``2 Mars``) stay numbers.
- Runs of one letter collapse (``Mohammed``/``Mohamed``, ``Ghallef``/``Ghalef``), since
  transliterations double consonants and vowels at will.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_FOLD = str.maketrans(
    {
        "\u0671": "\u0627",  # alef wasla
        "\u0629": "\u0647",  # ta marbuta -> ha
        "\u0649": "\u064a",  # alef maqsura -> ya
        "\u0621": None,  # lone hamza
        "\u0640": None,  # tatweel
        "\u06a9": "\u0643",  # keheh -> kaf
        "\u06cc": "\u064a",  # farsi yeh -> ya
        "\u06d2": "\u064a",  # yeh barree -> ya
        "\u0660": "0",
        "\u0661": "1",
        "\u0662": "2",
        "\u0663": "3",
        "\u0664": "4",
        "\u0665": "5",
        "\u0666": "6",
        "\u0667": "7",
        "\u0668": "8",
        "\u0669": "9",
        "\u06f0": "0",
        "\u06f1": "1",
        "\u06f2": "2",
        "\u06f3": "3",
        "\u06f4": "4",
        "\u06f5": "5",
        "\u06f6": "6",
        "\u06f7": "7",
        "\u06f8": "8",
        "\u06f9": "9",
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
    }
)
_JOINERS = frozenset("'’‘`´ʼʻ.·")
_ARABIZI = str.maketrans({"2": "a", "3": "a", "5": "kh", "7": "h", "8": "gh", "9": "q"})
_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")
_RUNS = re.compile(r"([^\W\d_])\1+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _word(token: str) -> str:
    if _LATIN.search(token) and _DIGIT.search(token):
        return token.translate(_ARABIZI)
    return token


def normalize(text: str) -> str:
    """Fold a name or a query into its comparable form (see the module's rules)."""
    folded = _strip_marks(_strip_marks(text).casefold()).translate(_ARABIC_FOLD)
    chars: list[str] = []
    for ch in folded:
        if ch in _JOINERS:
            continue
        chars.append(ch if ch.isalnum() else " ")
    words = [_word(token) for token in "".join(chars).split()]
    return _RUNS.sub(r"\1", " ".join(words))


def compact(normalized: str) -> str:
    """Drop the spaces of a normalised name, so ``casaport`` meets ``casa port``."""
    return normalized.replace(" ", "")


def slug(text: str) -> str:
    """Return an ASCII identifier for a name (``Aïn Sebaâ`` → ``ain-sebaa``)."""
    ascii_text = _strip_marks(text).casefold().encode("ascii", "ignore").decode()
    ascii_text = "".join(ch for ch in ascii_text if ch not in _JOINERS)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
