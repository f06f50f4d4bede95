"""A small trade show to test with: one hall, six booths, four exhibitors, visitors with badges."""

from __future__ import annotations

from casa.core.db import Database
from casa.expo import booths, editions, exhibitors, registration
from casa.expo.schemas import RegistrationIn
from casa.expo.schemas_exhibitors import BoothIn, ExhibitorIn, HallIn
from tests.expo.factories import NOW, YEAR, make_edition
from tests.factories import make_user

HALL = HallIn(
    slug="hall-1",
    venue="twin-center",
    name="Hall 1",
    width=30,
    depth=20,
    booths=[
        BoothIn(code="S1", kind="standard", x=0, y=0, w=3, h=3),
        BoothIn(code="S2", kind="standard", x=3, y=0, w=3, h=3),
        BoothIn(code="C1", kind="corner", x=6, y=0, w=4, h=4),
        BoothIn(code="P1", kind="startup_pod", x=0, y=10, w=2, h=2),
        BoothIn(code="P2", kind="startup_pod", x=2, y=10, w=2, h=2),
        BoothIn(code="AG", kind="agora_stage", x=20, y=10, w=8, h=6),
    ],
)
COMPANIES = {
    "atlas-mobility": ("Atlas Mobility", "exhibitor", "mobility"),
    "anfa-data": ("Anfa Data", "exhibitor", "digital"),
    "derb-lab": ("Derb Lab", "startup", "e_government"),
    "casa-region": ("Région Casablanca-Settat", "institution", "e_government"),
}


def make_trade_show(db: Database, *, allocate: bool = False) -> None:
    """Create the test edition with a hall and four exhibitors (S1 and P1 allocated if asked)."""
    make_edition(db, sessions=0)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        booths.upsert_hall(session=session, edition=edition, data=HALL)
        rows = {
            slug: exhibitors.upsert_exhibitor(
                session=session,
                edition=edition,
                data=ExhibitorIn(
                    slug=slug,
                    name=name,
                    kind=kind,
                    sector=sector,
                    country="MA",
                    city="Casablanca",
                    area_requested=9.0,
                ),
                now=NOW,
            )
            for slug, (name, kind, sector) in COMPANIES.items()
        }
        if allocate:
            for code, slug in (("S1", "atlas-mobility"), ("P1", "derb-lab")):
                booth = booths.get_booth(session=session, edition=edition, code=code)
                booths.allocate(session=session, booth=booth, exhibitor=rows[slug], now=NOW)


def make_staff(db: Database, *, slug: str, email: str) -> int:
    """Create an account and link it to an exhibitor's staff; return its id."""
    user_id = make_user(db, email=email, name=f"Staff {slug}")
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = exhibitors.get_exhibitor(session=session, edition=edition, slug=slug)
        exhibitors.link_staff(session=session, exhibitor=row, email=email, now=NOW)
    return user_id


def make_visitor(
    db: Database, *, email: str, name: str, share: bool, organisation: str = "Lydec"
) -> tuple[int, str]:
    """Register a visitor with an account and a badge; return the user's id and the QR secret."""
    user_id = make_user(db, email=email, name=name)
    with db.session() as session:
        edition = editions.get_edition(session=session, year=YEAR)
        row = registration.register(
            session=session,
            edition=edition,
            data=RegistrationIn(
                category="professional",
                name=name,
                email=email,
                organisation=organisation,
                consent=True,
                share_with_exhibitors=share,
            ),
            now=NOW,
            user_id=user_id,
        )
        out = registration.to_out(session=session, edition=edition, registration=row, now=NOW)
    assert out.secret is not None
    return user_id, out.secret
