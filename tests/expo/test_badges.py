"""Badges: Arabic names shaped right to left, Latin names intact, bulk sheets from the CLI."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from casa.core.config import Settings
from casa.core.db import Database
from casa.expo import badges, editions, registration, tickets
from casa.expo.exceptions import UnknownCategory
from casa.expo.schemas import RegistrationIn
from tests.conftest import need
from tests.expo.factories import NOW, YEAR, make_edition

TITLE = "Smart City Expo Casablanca 2026"
CASA = str(Path(sys.executable).parent / "casa")


def _arabic_badge() -> bytes:
    return badges.badge_pdf(
        name="ليلى بنعلي",
        organisation="ولاية الدار البيضاء",
        category="صحفي",
        color="#bf8700",
        secret="secret.sig",
        edition_title=TITLE,
    )


def drawn_lines(pdf: bytes, page: int = 0) -> list[list[tuple[str, str]]]:
    """Return each text block of a page as drawn, left to right: (text, glyph name) pairs."""
    reader = PdfReader(io.BytesIO(pdf))
    content = reader.pages[page]
    fonts = {}
    for key, ref in content["/Resources"]["/Font"].items():
        font = ref.get_object()
        cid_font = font["/DescendantFonts"][0].get_object()
        cmap = font["/ToUnicode"].get_data().decode()
        to_text = {
            int(cid, 16): bytes.fromhex(text).decode("utf-16-be")
            for cid, text in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", cmap)
        }
        to_gid = cid_font["/CIDToGIDMap"].get_object().get_data()
        embedded = TTFont(io.BytesIO(cid_font["/FontDescriptor"]["/FontFile2"].get_data()))
        fonts[str(key)] = (to_text, to_gid, embedded.getGlyphOrder())
    lines: list[list[tuple[str, str]]] = []
    current = ""
    for operands, op in ContentStream(content.get_contents(), reader).operations:
        if op == b"BT":
            lines.append([])
        elif op == b"Tf":
            current = str(operands[0])
        elif op == b"Tj":
            to_text, to_gid, order = fonts[current]
            raw = bytes(operands[0].original_bytes)
            for i in range(0, len(raw), 2):
                cid = int.from_bytes(raw[i : i + 2], "big")
                gid = int.from_bytes(to_gid[2 * cid : 2 * cid + 2], "big")
                lines[-1].append((to_text[cid], order[gid]))
    return [line for line in lines if line]


def read_back(line: list[tuple[str, str]]) -> str:
    """Return a drawn line in reading order: an Arabic line is drawn right to left."""
    arabic = any("\u0600" <= char <= "\u06ff" for text, _ in line for char in text)
    return "".join(text for text, _ in (reversed(line) if arabic else line))


def form_of(glyph: str) -> str:
    """Return the Unicode name of a glyph named after a code point (uniFEF2 → its name)."""
    if glyph == "space":
        return "SPACE"
    return unicodedata.name(chr(int(glyph.removeprefix("uni"), 16)))


@pytest.mark.unit
def test_arabic_name_is_shaped_and_drawn_right_to_left() -> None:
    lines = drawn_lines(_arabic_badge())

    name = [(text, form_of(glyph)) for text, glyph in lines[1]]

    # Drawn left to right, so the last letter of « ليلى بنعلي » comes first, in its final form.
    assert name == [
        ("ي", "ARABIC LETTER YEH FINAL FORM"),
        ("ل", "ARABIC LETTER LAM MEDIAL FORM"),
        ("ع", "ARABIC LETTER AIN MEDIAL FORM"),
        ("ن", "ARABIC LETTER NOON MEDIAL FORM"),
        ("ب", "ARABIC LETTER BEH INITIAL FORM"),
        (" ", "SPACE"),
        ("ى", "ARABIC LETTER ALEF MAKSURA FINAL FORM"),
        ("ل", "ARABIC LETTER LAM MEDIAL FORM"),
        ("ي", "ARABIC LETTER YEH MEDIAL FORM"),
        ("ل", "ARABIC LETTER LAM INITIAL FORM"),
    ]


@pytest.mark.unit
def test_badge_text_extracts_in_reading_order() -> None:
    arabic = PdfReader(io.BytesIO(_arabic_badge())).pages[0].extract_text()
    latin = badges.badge_pdf(
        name="Aminata Traoré",
        organisation="Ville de Dakar",
        category="Journaliste",
        color="#bf8700",
        secret="secret.sig",
        edition_title=TITLE,
    )

    assert arabic.split("\n") == [TITLE, "ليلى بنعلي", "ولاية الدار البيضاء", "صحفي"]
    assert PdfReader(io.BytesIO(latin)).pages[0].extract_text().split("\n") == [
        TITLE,
        "Aminata Traoré",
        "Ville de Dakar",
        "JOURNALISTE",
    ]
    assert [glyph for _, glyph in drawn_lines(latin)[1]] == [
        *("A", "m", "i", "n", "a", "t", "a", "space"),
        *("T", "r", "a", "o", "r", "eacute"),
    ]


@pytest.mark.unit
def test_page_one_renders_to_png(tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        need("pdftoppm", "it is not installed (apt-get install poppler-utils)")
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(_arabic_badge())

    subprocess.run(
        [pdftoppm, "-png", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    png = (tmp_path / "page-1.png").read_bytes()

    # A6 at 72 dpi is 298 × 420 pixels; the size sits in the PNG header.
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (png[:8], width, height) == (b"\x89PNG\r\n\x1a\n", 298, 420)


def _register(db: Database) -> None:
    people = [
        ("journalist", "يوسف العمراني", "جريدة الصباح"),
        ("journalist", "Aminata Traoré", "Le Soleil"),
        ("citizen", "Omar Tazi", None),
        ("journalist", "Claire Martin", "Ouest-France"),
    ]
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        for i, (category, name, organisation) in enumerate(people):
            row = registration.register(
                session=session,
                edition=edition,
                data=RegistrationIn(
                    category=category,
                    name=name,
                    email=f"p{i}@casa.ma",
                    organisation=organisation,
                    consent=True,
                ),
                now=NOW,
            )
            if row.status == "pending":
                registration.approve(session=session, edition=edition, ident=row.id)
        revoked = registration.register(
            session=session,
            edition=edition,
            data=RegistrationIn(
                category="journalist", name="Gone", email="g@casa.ma", consent=True
            ),
            now=NOW,
        )
        registration.approve(session=session, edition=edition, ident=revoked.id)
        registration.cancel(session=session, edition=edition, ident=revoked.id, now=NOW)


@pytest.mark.integration
def test_badges_of_a_category_hold_live_tickets_only(db: Database) -> None:
    make_edition(db, sessions=0)
    _register(db)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        found = badges.badges_of(
            session=session, edition=edition, now=NOW, lang="fr", category="journalist"
        )
        verdicts = [tickets.verifier_for(session=session).verify(b.secret).ok for b in found]
        with pytest.raises(UnknownCategory) as refused:
            badges.badges_of(session=session, edition=edition, now=NOW, lang="fr", category="x")

    assert [(b.name, b.organisation, b.category, b.color) for b in found] == [
        ("Aminata Traoré", "Le Soleil", "Journaliste", "#bf8700"),
        ("Claire Martin", "Ouest-France", "Journaliste", "#bf8700"),
        ("يوسف العمراني", "جريدة الصباح", "Journaliste", "#bf8700"),
    ]
    assert verdicts == [True, True, True]
    assert (refused.value.field, refused.value.describe("en")) == (
        "category",
        "No category 'x' in this edition: use one of citizen, delegation, exhibitor_staff, "
        "journalist, professional, speaker, vip",
    )


@pytest.mark.integration
def test_cli_prints_a_category_on_a4_sheets(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    make_edition(db, sessions=0)
    _register(db)
    target = tmp_path / "journalists.pdf"
    env = {**os.environ, "CASA_DATABASE_URL": settings.database_url}

    done = subprocess.run(
        [CASA, "expo", "badges", str(YEAR), "--category", "journalist", "-o", str(target)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    reader = PdfReader(target)
    drawn = [read_back(line) for line in drawn_lines(target.read_bytes())]

    assert (done.returncode, done.stdout.strip()) == (0, f"3 badges written to {target}")
    assert [(p.mediabox.width, p.mediabox.height) for p in reader.pages] == [(595.28, 841.89)]
    assert [line for line in drawn if line != TITLE] == [
        "Aminata Traoré",
        "Le Soleil",
        "JOURNALISTE",
        "Claire Martin",
        "Ouest-France",
        "JOURNALISTE",
        "يوسف العمراني",
        "جريدة الصباح",
        "JOURNALISTE",
    ]
