"""What the floor-plan pages draw: each booth's colour, label and holder, and the legend."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from casa.expo import booths, exhibitors
from casa.expo.models import Edition
from casa.expo.models.exhibitors import Exhibitor, Hall
from casa.expo.schemas_exhibitors import BoothOut, HallOut


def _(message: str) -> str:
    """Mark a msgid for extraction; pages translate it when shown."""
    return message


#: Fill of a booth by who holds it (the exhibitor's kind), free, the stage, or highlighted.
COLOURS: dict[str, tuple[str, str]] = {
    "exhibitor": ("#9ec5fe", _("Exhibitor")),
    "sponsor": ("#ffd866", _("Sponsor")),
    "institution": ("#d9c2ff", _("Institution")),
    "startup": ("#a7f3c0", _("Startup (startup village)")),
    "free": ("#ffffff", _("Free booth")),
    "agora_stage": ("#ffb3ad", _("Agora stage")),
    "highlight": ("#fb8500", _("This exhibitor")),
}


@dataclass(frozen=True, slots=True)
class DrawnBooth:
    """A booth as the SVG plan and the table beside it show it."""

    booth: BoothOut
    status: str
    fill: str
    highlighted: bool


@dataclass(frozen=True, slots=True)
class DrawnHall:
    """A floor plan ready to draw."""

    hall: HallOut
    booths: list[DrawnBooth]
    legend: list[tuple[str, str]]
    font: float


def _status(booth: BoothOut, kinds: dict[str, str]) -> str:
    if booth.kind == "agora_stage":
        return "agora_stage"
    if booth.exhibitor is None:
        return "free"
    return kinds.get(booth.exhibitor, "exhibitor")


def draw(*, session: Session, edition: Edition, hall: Hall, highlight: str = "") -> DrawnHall:
    """Lay out a hall for the page, the booths of one exhibitor highlighted if asked."""
    plan = booths.plan(session=session, hall=hall)
    kinds = {e.slug: e.kind for e in exhibitors.directory(session=session, edition=edition)}
    drawn = []
    for booth in plan.booths:
        lit = bool(highlight) and booth.exhibitor == highlight
        status = "highlight" if lit else _status(booth, kinds)
        drawn.append(DrawnBooth(booth, status, COLOURS[status][0], lit))
    shown = {d.status for d in drawn}
    legend = [(fill, label) for key, (fill, label) in COLOURS.items() if key in shown]
    return DrawnHall(plan, drawn, legend, font=round(max(plan.width, plan.depth) / 70, 2))


def halls_of_exhibitor(*, session: Session, edition: Edition, exhibitor: Exhibitor) -> list[Hall]:
    """Return the halls where an exhibitor has a booth."""
    held = exhibitors.booths_by_exhibitor(session=session, exhibitor_ids=[exhibitor.id])
    ids = {b.hall_id for b in held[exhibitor.id]}
    return [h for h in booths.halls_of(session=session, edition=edition) if h.id in ids]
