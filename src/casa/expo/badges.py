"""A ticket's QR code (SVG, for the screen) and its printable A6 badge (PDF, for the printer)."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from fpdf import FPDF

#: A font that covers Latin, Arabic letters and most names; Helvetica when it is absent.
FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
A6 = (105.0, 148.0)


def qr_svg(secret: str, *, scale: int = 4, title: str = "") -> str:
    """Return the QR code of a ticket secret as an inline SVG element."""
    qr = segno.make(secret, error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=scale, xmldecl=False, svgns=True, title=title or None)
    return out.getvalue().decode()


def _font(pdf: FPDF) -> str:
    for path in FONT_FILES:
        if path.exists():
            pdf.add_font("casa", fname=str(path))
            return "casa"
    return "helvetica"


def _text(family: str, text: str) -> str:
    # The built-in font speaks Latin-1 only: say so rather than fail on other scripts.
    return text if family != "helvetica" else text.encode("latin-1", "replace").decode("latin-1")


def badge_pdf(
    *,
    name: str,
    organisation: str | None,
    category: str,
    color: str,
    secret: str,
    edition_title: str,
) -> bytes:
    """Return an A6 badge: the edition, a band in the category's colour, name, organisation, QR."""
    pdf = FPDF(unit="mm", format=A6)
    pdf.set_margins(8, 8, 8)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    family = _font(pdf)
    width = A6[0] - 16
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    pdf.set_fill_color(red, green, blue)
    pdf.rect(0, 0, A6[0], 18, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(family, size=11)
    pdf.set_xy(8, 6)
    pdf.cell(width, 6, _text(family, edition_title), align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(family, size=18)
    pdf.set_xy(8, 26)
    pdf.multi_cell(width, 8, _text(family, name), align="C")
    pdf.set_font(family, size=11)
    pdf.set_x(8)
    pdf.multi_cell(width, 6, _text(family, organisation or ""), align="C")
    _draw_qr(pdf, secret, x=A6[0] / 2 - 25, y=62, size=50)
    pdf.set_fill_color(red, green, blue)
    pdf.rect(0, A6[1] - 22, A6[0], 22, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(family, size=16)
    pdf.set_xy(8, A6[1] - 15)
    pdf.cell(width, 8, _text(family, category.upper()), align="C")
    return bytes(pdf.output())


def _draw_qr(pdf: FPDF, secret: str, *, x: float, y: float, size: float) -> None:
    # Drawn as vector squares so the printer gets a sharp code at any resolution.
    matrix = [list(row) for row in segno.make(secret, error="m", micro=False).matrix_iter(border=2)]
    cell = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(x + c * cell, y + r * cell, cell, cell, style="F")
