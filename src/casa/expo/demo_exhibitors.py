"""The 2018 trade show at its real scale: 60 exhibitors, a startup village of 20, one hall.

The press release gives the count (60 exhibitors) and speaks of a startup village and an agora;
the companies are generated and marked so (``generated``, websites at example.org). The plan is
illustrative, laid out in the Grande halle of Les Anciens Abattoirs, a real venue of the city.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casa.expo import booths, exhibitors
from casa.expo.models import Edition
from casa.expo.models.exhibitors import Exhibitor
from casa.expo.schemas_exhibitors import BoothIn, ExhibitorIn, HallIn

VENUE = "anciens-abattoirs"
HALL = "grande-halle"
PLAN = (90.0, 40.0)
#: How many of the 60 exhibitors are of each kind, and the booths they take.
MIX = {"sponsor": 6, "institution": 8, "exhibitor": 26, "startup": 20}
PREFIXES = [
    "Atlas",
    "Anfa",
    "Bouregreg",
    "Casa",
    "Corniche",
    "Derb",
    "Sahara",
    "Oasis",
    "Medina",
    "Argan",
    "Zellige",
    "Mogador",
    "Tafilalet",
    "Ifrane",
    "Majorelle",
]
SUFFIXES = {
    "mobility": ["Mobility", "Transit", "Moto"],
    "energy": ["Energies", "Solar", "Power"],
    "water_waste": ["Eau", "Recycling", "Water"],
    "buildings": ["Build", "Habitat", "BTP"],
    "digital": ["Digital", "Data", "Telecom"],
    "security": ["Secure", "Vision", "Safe"],
    "e_government": ["Civic", "Gov", "Services"],
    "finance": ["Pay", "Finance", "Assurances"],
    "education": ["Academy", "Learn", "Edu"],
    "health": ["Santé", "Care", "Health"],
    "consulting": ["Consulting", "Ingénierie", "Partners"],
}
COUNTRIES = ["MA"] * 10 + ["FR", "ES", "SN", "CI", "CN", "US", "DE", "TN"]


def plan() -> HallIn:
    """Return the illustrative plan of the Grande halle: 40 booths, 20 startup pods, the agora."""
    items = [
        BoothIn(
            code=f"A{i + 1:02d}",
            kind="corner" if i in (0, 19) else "standard",
            x=2 + 4 * i,
            y=2,
            w=4,
            h=4,
        )
        for i in range(20)
    ]
    items += [
        BoothIn(code=f"I{i + 1:02d}", kind="island", x=4 + 12 * i, y=10, w=6, h=6) for i in range(6)
    ]
    items += [
        BoothIn(
            code=f"B{i + 1:02d}",
            kind="corner" if i in (0, 13) else "standard",
            x=4 + 4 * i,
            y=20,
            w=4,
            h=4,
        )
        for i in range(14)
    ]
    items += [
        BoothIn(code=f"S{i + 1:02d}", kind="startup_pod", x=4 + 3 * i, y=30, w=2.5, h=2.5)
        for i in range(20)
    ]
    items.append(BoothIn(code="AGORA", kind="agora_stage", x=72, y=26, w=14, h=10))
    return HallIn(
        slug=HALL,
        venue=VENUE,
        name="Grande halle",
        floor=0,
        width=PLAN[0],
        depth=PLAN[1],
        booths=items,
    )


def _company(rng: random.Random, kind: str, n: int, taken: set[str]) -> ExhibitorIn:
    sector = rng.choice(list(SUFFIXES))
    name = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES[sector])}"
    while name in taken:
        name = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES[sector])} {n}"
    taken.add(name)
    slug = "-".join(name.lower().replace("é", "e").split())
    return ExhibitorIn(
        slug=slug,
        name=name,
        kind=kind,
        sector=sector,
        country="MA" if kind == "institution" else rng.choice(COUNTRIES),
        city="Casablanca" if kind in ("institution", "startup") else None,
        website=f"https://{slug}.example.org",
        description="Entreprise de démonstration générée.",
        description_lang="fr",
        area_requested={"sponsor": 36.0, "startup": 6.25}.get(kind, 16.0),
    )


def load_2018(*, session: Session, edition: Edition, now: datetime) -> str:
    """Load the 2018 trade show with every booth allocated; running it twice is a no-op."""
    if session.scalar(select(func.count()).where(Exhibitor.edition_id == edition.id)):
        return "expo: 2018 exhibitors already loaded"
    rng = random.Random(20180418)  # noqa: S311 - demo companies, not secrets
    hall = booths.upsert_hall(session=session, edition=edition, data=plan())
    taken: set[str] = set()
    rows = {
        kind: [
            exhibitors.upsert_exhibitor(
                session=session,
                edition=edition,
                data=_company(rng, kind, i, taken),
                now=now,
                generated=True,
            )
            for i in range(count)
        ]
        for kind, count in MIX.items()
    }
    layout = booths.plan(session=session, hall=hall).booths
    codes = {kind: [b.code for b in layout if b.kind == kind] for kind in booths.BOOTH_KIND_LABELS}
    stands = codes["corner"] + codes["standard"]
    places = {
        "sponsor": codes["island"],
        "institution": stands[: MIX["institution"]],
        "exhibitor": stands[MIX["institution"] :],
        "startup": codes["startup_pod"],
    }
    for kind, companies in rows.items():
        for company, code in zip(companies, places[kind], strict=True):
            booth = booths.get_booth(session=session, edition=edition, code=code)
            booths.allocate(session=session, booth=booth, exhibitor=company, now=now)
    total = sum(MIX.values())
    return f"expo: 2018 trade show, {total} exhibitors ({MIX['startup']} startups), hall {HALL}"
