"""A ticket's QR code (SVG, for the screen) and printable A6 badges (PDF, for the printer).

Names and organisations are set in IBM Plex Sans Arabic (installed as a Python package, so
every machine has it) with HarfBuzz shaping: Arabic letters take their joined forms and run
right to left, Latin names keep working. DejaVu Sans, where the system has it, covers the
letters Plex lacks (Turkish, Cyrillic, Greek).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import fontpkg
import segno
from fpdf import FPDF
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from casa.core.i18n import gettext
from casa.expo.exceptions import UnknownCategory
from casa.expo.models import Category, Edition, Registration
from casa.expo.registration import CATEGORY_LABELS
from casa.expo.tickets import Signer, active_key

FONT_FAMILY = "IBM Plex Sans Arabic"
FALLBACK_FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
A6 = (105.0, 148.0)
A4 = (210.0, 297.0)
Layout = Literal["a6", "a4"]
ProgressFn = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Badge:
    """What one badge shows."""

    name: str
    organisation: str | None
    category: str
    color: str
    secret: str


def qr_svg(secret: str, *, scale: int = 4, title: str = "") -> str:
    """Return the QR code of a ticket secret as an inline SVG element."""
    qr = segno.make(secret, error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=scale, xmldecl=False, svgns=True, title=title or None)
    return out.getvalue().decode()


def _new_pdf(page: tuple[float, float]) -> FPDF:
    pdf = FPDF(unit="mm", format=page)
    pdf.set_margins(0, 0, 0)
    pdf.set_auto_page_break(False)
    pdf.add_font("badge", fname=str(fontpkg.path(FONT_FAMILY, weight=400)))
    pdf.add_font("badge", style="B", fname=str(fontpkg.path(FONT_FAMILY, weight=700)))
    fallback = next((p for p in FALLBACK_FONT_FILES if p.exists()), None)
    if fallback is not None:
        pdf.add_font("fallback", fname=str(fallback))
        pdf.set_fallback_fonts(["fallback"], exact_match=False)
    pdf.set_text_shaping(True)
    return pdf


def badge_pdf(
    *,
    name: str,
    organisation: str | None,
    category: str,
    color: str,
    secret: str,
    edition_title: str,
) -> bytes:
    """Return one A6 badge: the edition, a band in the category's colour, name, organisation, QR."""
    badge = Badge(name, organisation, category, color, secret)
    return sheet_pdf([badge], edition_title=edition_title, layout="a6")


def sheet_pdf(
    badges: Sequence[Badge],
    *,
    edition_title: str,
    layout: Layout = "a6",
    progress: ProgressFn | None = None,
) -> bytes:
    """Return many badges: one A6 per page, or four A6 per A4 sheet with cutting marks."""
    per_page = 4 if layout == "a4" else 1
    pdf = _new_pdf(A4 if layout == "a4" else A6)
    for i, badge in enumerate(badges):
        slot = i % per_page
        if slot == 0:
            pdf.add_page()
            if layout == "a4":
                _cut_marks(pdf)
        _draw(pdf, badge, edition_title, x0=(slot % 2) * A6[0], y0=(slot // 2) * A6[1])
        if progress is not None:
            progress(i + 1)
    if not badges:
        pdf.add_page()
    return bytes(pdf.output())


def _cut_marks(pdf: FPDF) -> None:
    pdf.set_draw_color(190, 190, 190)
    pdf.set_line_width(0.2)
    pdf.line(A6[0], 0, A6[0], A4[1])
    pdf.line(0, A6[1], A4[0], A6[1])


def _draw(pdf: FPDF, badge: Badge, edition_title: str, *, x0: float, y0: float) -> None:
    width, left = A6[0] - 16, x0 + 8
    red, green, blue = (int(badge.color[i : i + 2], 16) for i in (1, 3, 5))
    pdf.set_fill_color(red, green, blue)
    pdf.rect(x0, y0, A6[0], 18, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("badge", size=11)
    pdf.set_xy(left, y0 + 6)
    pdf.cell(width, 6, edition_title, align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("badge", style="B", size=18)
    pdf.set_xy(left, y0 + 24)
    pdf.multi_cell(width, 9, badge.name, align="C", max_line_height=9)
    pdf.set_font("badge", size=11)
    pdf.set_x(left)
    pdf.multi_cell(width, 6, badge.organisation or "", align="C")
    _draw_qr(pdf, badge.secret, x=x0 + A6[0] / 2 - 25, y=y0 + 64, size=50)
    pdf.set_fill_color(red, green, blue)
    pdf.rect(x0, y0 + A6[1] - 22, A6[0], 22, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("badge", style="B", size=16)
    pdf.set_xy(left, y0 + A6[1] - 15)
    pdf.cell(width, 8, badge.category.upper(), align="C")


def _draw_qr(pdf: FPDF, secret: str, *, x: float, y: float, size: float) -> None:
    # Drawn as vector squares so the printer gets a sharp code at any resolution.
    matrix = [list(row) for row in segno.make(secret, error="m", micro=False).matrix_iter(border=2)]
    cell = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(x + c * cell, y + r * cell, cell, cell, style="F")


def badges_of(
    *,
    session: DbSession,
    edition: Edition,
    now: datetime,
    lang: str,
    category: str | None = None,
) -> list[Badge]:
    """Return the badges of an edition's live tickets (one category's if asked), by name."""
    categories = {
        c.code: c
        for c in session.scalars(select(Category).where(Category.edition_id == edition.id))
    }
    if category is not None and category not in categories:
        raise UnknownCategory(code=category, known=", ".join(sorted(categories)))
    query = select(Registration).where(
        Registration.edition_id == edition.id,
        Registration.status == "confirmed",
        Registration.ticket.is_not(None),
        Registration.revoked_at.is_(None),
        Registration.erased.is_(False),
    )
    if category is not None:
        query = query.where(Registration.category_id == categories[category].id)
    by_id = {c.id: c for c in categories.values()}
    signer = Signer(active_key(session=session, edition=edition, now=now), edition.year)
    badges = []
    for row in session.scalars(query.order_by(Registration.name, Registration.id)):
        kind = by_id[row.category_id]
        assert row.ticket is not None
        badges.append(
            Badge(
                name=row.name,
                organisation=row.organisation,
                category=gettext(CATEGORY_LABELS.get(kind.code, kind.code), lang),
                color=kind.color,
                secret=signer.sign(row.ticket, kind.code),
            )
        )
    return badges
