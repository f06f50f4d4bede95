"""JSON API of the trade show: exhibitors, floor plans and booths, lead scanning."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response
from sqlalchemy.orm import Session

from casa.accounts.deps import CurrentUser, require
from casa.accounts.models import User
from casa.core.deps import ClockDep, LanguageDep, SessionDep
from casa.expo import booths, editions, exhibitors, leads, registration
from casa.expo.exceptions_exhibitors import NotRegistered
from casa.expo.models import Edition
from casa.expo.models.exhibitors import Exhibitor, Hall
from casa.expo.schemas_exhibitors import (
    AllocationIn,
    BoothOut,
    ConsentIn,
    ExhibitorIn,
    ExhibitorOut,
    HallIn,
    HallOut,
    LeadNoteIn,
    LeadOut,
    ProfileIn,
    ScanIn,
    ScanOut,
    StaffIn,
    StaffOut,
)

router = APIRouter()
Organizer = Annotated[User, Depends(require("expo:organize"))]
ExhibitorStaffUser = Annotated[User, Depends(require("expo:exhibit"))]
Year = Annotated[int, Path(ge=2000, le=2100, description="the edition's year")]
SlugPath = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$", description="exhibitor")]
BoothCode = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,15}$", description="booth")]
CSV = "text/csv; charset=utf-8"


def _exhibitor(session: Session, year: int, slug: str) -> tuple[Edition, Exhibitor]:
    edition = editions.get_edition(session=session, year=year)
    return edition, exhibitors.get_exhibitor(session=session, edition=edition, slug=slug)


def _own(session: Session, year: int, slug: str, user: User) -> tuple[Edition, Exhibitor]:
    edition, exhibitor = _exhibitor(session, year, slug)
    exhibitors.require_staff(session=session, exhibitor=exhibitor, user_id=user.id)
    return edition, exhibitor


@router.get("/editions/{year}/exhibitors", summary="Exhibitor directory")
def list_exhibitors(
    year: Year,
    session: SessionDep,
    kind: Annotated[str, Query(max_length=16, description="exhibitor, startup, …")] = "",
    sector: Annotated[str, Query(max_length=24)] = "",
) -> list[ExhibitorOut]:
    """Return an edition's exhibitors by name; ``kind=startup`` gives the startup village."""
    edition = editions.get_edition(session=session, year=year)
    rows = exhibitors.directory(session=session, edition=edition, kind=kind, sector=sector)
    return exhibitors.describe(session=session, rows=rows)


@router.post("/editions/{year}/exhibitors", summary="Create or update an exhibitor")
def put_exhibitor(
    year: Year, body: ExhibitorIn, user: Organizer, session: SessionDep, clock: ClockDep
) -> ExhibitorOut:
    """Create an exhibitor, or update the one with the same slug."""
    edition = editions.get_edition(session=session, year=year)
    row = exhibitors.upsert_exhibitor(session=session, edition=edition, data=body, now=clock())
    return exhibitors.describe(session=session, rows=[row])[0]


@router.get("/editions/{year}/exhibitors/{slug}", summary="One exhibitor")
def get_exhibitor(year: Year, slug: SlugPath, session: SessionDep) -> ExhibitorOut:
    """Return an exhibitor's public profile with its booths."""
    _, row = _exhibitor(session, year, slug)
    return exhibitors.describe(session=session, rows=[row])[0]


@router.put("/editions/{year}/exhibitors/{slug}/profile", summary="Edit your company's profile")
def put_profile(
    year: Year, slug: SlugPath, body: ProfileIn, user: ExhibitorStaffUser, session: SessionDep
) -> ExhibitorOut:
    """Change your company's website, description and logo."""
    _, row = _own(session, year, slug, user)
    exhibitors.update_profile(session=session, exhibitor=row, data=body)
    return exhibitors.describe(session=session, rows=[row])[0]


@router.get("/editions/{year}/exhibitors/{slug}/staff", summary="An exhibitor's staff")
def get_staff(year: Year, slug: SlugPath, user: Organizer, session: SessionDep) -> list[StaffOut]:
    """Return the accounts linked to an exhibitor."""
    _, row = _exhibitor(session, year, slug)
    return exhibitors.staff_of(session=session, exhibitor=row)


@router.post("/editions/{year}/exhibitors/{slug}/staff", summary="Link an account to an exhibitor")
def add_staff(
    year: Year, slug: SlugPath, body: StaffIn, user: Organizer, session: SessionDep, clock: ClockDep
) -> list[StaffOut]:
    """Link an existing account to an exhibitor; it receives the exhibitor role."""
    _, row = _exhibitor(session, year, slug)
    exhibitors.link_staff(session=session, exhibitor=row, email=str(body.email), now=clock())
    return exhibitors.staff_of(session=session, exhibitor=row)


@router.delete(
    "/editions/{year}/exhibitors/{slug}/staff/{user_id}",
    summary="Unlink an account from an exhibitor",
    status_code=204,
)
def remove_staff(
    year: Year, slug: SlugPath, user_id: int, user: Organizer, session: SessionDep
) -> None:
    """Remove an account from an exhibitor's staff."""
    _, row = _exhibitor(session, year, slug)
    exhibitors.unlink_staff(session=session, exhibitor=row, user_id=user_id)


@router.get("/editions/{year}/halls", summary="Floor plans with their booths")
def list_halls(year: Year, session: SessionDep) -> list[HallOut]:
    """Return an edition's floor plans: booths in metres and who holds each."""
    edition = editions.get_edition(session=session, year=year)
    halls = booths.halls_of(session=session, edition=edition)
    return [booths.plan(session=session, hall=h) for h in halls]


@router.post("/editions/{year}/halls", summary="Create or replace a floor plan")
def put_hall(year: Year, body: HallIn, user: Organizer, session: SessionDep) -> HallOut:
    """Create or replace a floor plan; booths inside the hall, not overlapping."""
    edition = editions.get_edition(session=session, year=year)
    hall = booths.upsert_hall(session=session, edition=edition, data=body)
    return booths.plan(session=session, hall=hall)


def _booth_out(session: Session, edition: Edition, code: str) -> BoothOut:
    booth = booths.get_booth(session=session, edition=edition, code=code)
    hall = session.get(Hall, booth.hall_id)
    assert hall is not None
    return next(b for b in booths.plan(session=session, hall=hall).booths if b.code == code)


@router.put("/editions/{year}/booths/{code}/allocation", summary="Allocate a booth")
def allocate(
    year: Year,
    code: BoothCode,
    body: AllocationIn,
    user: Organizer,
    session: SessionDep,
    clock: ClockDep,
) -> BoothOut:
    """Give a booth to an exhibitor; a booth already given is refused with its holder."""
    edition = editions.get_edition(session=session, year=year)
    booth = booths.get_booth(session=session, edition=edition, code=code)
    exhibitor = exhibitors.get_exhibitor(session=session, edition=edition, slug=body.exhibitor)
    booths.allocate(session=session, booth=booth, exhibitor=exhibitor, now=clock())
    return _booth_out(session, edition, code)


@router.delete(
    "/editions/{year}/booths/{code}/allocation", summary="Release a booth", status_code=204
)
def release(year: Year, code: BoothCode, user: Organizer, session: SessionDep) -> None:
    """Free a booth."""
    edition = editions.get_edition(session=session, year=year)
    booth = booths.get_booth(session=session, edition=edition, code=code)
    booths.release(session=session, booth=booth)


@router.get("/editions/{year}/my-exhibitors", summary="The exhibitors you work for")
def my_exhibitors(year: Year, user: ExhibitorStaffUser, session: SessionDep) -> list[ExhibitorOut]:
    """Return the exhibitors of the edition your account is linked to."""
    edition = editions.get_edition(session=session, year=year)
    rows = exhibitors.of_user(session=session, edition=edition, user_id=user.id)
    return exhibitors.describe(session=session, rows=rows)


@router.post("/editions/{year}/exhibitors/{slug}/leads", summary="Scan a visitor's badge")
def scan(
    year: Year,
    slug: SlugPath,
    body: ScanIn,
    user: ExhibitorStaffUser,
    session: SessionDep,
    clock: ClockDep,
    response: Response,
) -> ScanOut:
    """Record a lead from a badge's QR code; the same badge again returns the same lead."""
    edition, exhibitor = _own(session, year, slug, user)
    lead, created = leads.scan(
        session=session,
        edition=edition,
        exhibitor=exhibitor,
        code=body.code,
        user_id=user.id,
        now=clock(),
    )
    response.status_code = 201 if created else 200
    return ScanOut(created=created, lead=leads.to_out(lead))


@router.get("/editions/{year}/exhibitors/{slug}/leads", summary="Your company's leads")
def list_leads(
    year: Year, slug: SlugPath, user: ExhibitorStaffUser, session: SessionDep
) -> list[LeadOut]:
    """Return your company's leads, the latest first."""
    _, exhibitor = _own(session, year, slug, user)
    return [leads.to_out(r) for r in leads.leads_of(session=session, exhibitor=exhibitor)]


@router.patch("/editions/{year}/exhibitors/{slug}/leads/{ident}", summary="Note and rate a lead")
def annotate(
    year: Year,
    slug: SlugPath,
    ident: int,
    body: LeadNoteIn,
    user: ExhibitorStaffUser,
    session: SessionDep,
) -> LeadOut:
    """Set a lead's notes and its rating from 1 to 5."""
    _, exhibitor = _own(session, year, slug, user)
    lead = leads.get_lead(session=session, exhibitor=exhibitor, ident=ident)
    return leads.to_out(leads.annotate(session=session, lead=lead, data=body))


@router.get("/editions/{year}/exhibitors/{slug}/leads.csv", summary="Your leads as CSV")
def leads_csv(
    year: Year, slug: SlugPath, user: ExhibitorStaffUser, session: SessionDep, lang: LanguageDep
) -> Response:
    """Return your company's leads as a CSV file."""
    _, exhibitor = _own(session, year, slug, user)
    body = leads.to_csv(leads=leads.leads_of(session=session, exhibitor=exhibitor), lang=lang)
    headers = {"Content-Disposition": f'attachment; filename="leads-{slug}-{year}.csv"'}
    return Response(body, media_type=CSV, headers=headers)


@router.put("/editions/{year}/exhibitor-consent", summary="Share your details with exhibitors")
def put_consent(
    year: Year, body: ConsentIn, user: CurrentUser, session: SessionDep, clock: ClockDep
) -> ConsentIn:
    """Give or withdraw your consent; withdrawing removes your details from existing leads."""
    edition = editions.get_edition(session=session, year=year)
    person = registration.of_user(session=session, edition=edition, user_id=user.id)
    if person is None:
        raise NotRegistered()
    leads.set_consent(session=session, person=person, share=body.share, now=clock())
    return ConsentIn(share=person.share_with_exhibitors_at is not None)
