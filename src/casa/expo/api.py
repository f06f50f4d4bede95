"""JSON API of the Smart City Expo under /api/v1/expo."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, UploadFile
from fastapi.responses import PlainTextResponse

from casa.accounts.deps import CurrentUser, require
from casa.accounts.models import User
from casa.core.deps import ClockDep, LanguageDep, SessionDep, SettingsDep
from casa.expo import (
    api_checkin,
    api_delegations,
    api_exhibitors,
    api_exports,
    checkin,
    conflicts,
    editions,
    frab,
    ical,
    kpis,
    press,
    privacy,  # noqa: F401 - registers the personal-data hooks
    programme,
    registration,
    scheduler,
    tickets,
)
from casa.expo.exceptions import NotUtf8
from casa.expo.mail import mailer_for
from casa.expo.schemas import (
    ConflictOut,
    EditionIn,
    EditionOut,
    ImportReport,
    PlacementIn,
    RegistrationIn,
    RegistrationOut,
    ScheduleResult,
    SessionIn,
    SessionOut,
    VenueCount,
    VenueIn,
)

router = APIRouter(prefix="/api/v1/expo", tags=["expo"])
router.include_router(api_checkin.router)
router.include_router(api_delegations.router)
router.include_router(api_exhibitors.router)
router.include_router(api_exports.router)
Organizer = Annotated[User, Depends(require("expo:organize"))]
GateStaff = Annotated[User, Depends(require("expo:checkin"))]
Year = Annotated[int, Path(ge=2000, le=2100, description="the edition's year")]
XML = "application/xml"
ICS = "text/calendar; charset=utf-8"


def _out(edition: editions.Edition) -> EditionOut:
    return EditionOut.model_validate(edition, from_attributes=True)


@router.get("/editions", summary="Every edition")
def list_editions(session: SessionDep) -> list[EditionOut]:
    """Return every edition of the Expo, the oldest first."""
    return [_out(e) for e in editions.list_editions(session=session)]


@router.post("/editions", summary="Create an edition", status_code=201)
def create_edition(
    body: EditionIn, user: Organizer, session: SessionDep, clock: ClockDep
) -> EditionOut:
    """Create an edition (an existing year is returned unchanged)."""
    return _out(editions.create_edition(session=session, data=body, now=clock()))


@router.get("/editions/{year}", summary="One edition")
def get_edition(year: Year, session: SessionDep) -> EditionOut:
    """Return an edition."""
    return _out(editions.get_edition(session=session, year=year))


@router.post("/venues", summary="Create or update a venue with its rooms")
def put_venue(body: VenueIn, user: Organizer, session: SessionDep) -> dict[str, int | str]:
    """Create or update a venue; without lat/lon its position comes from the gazetteer."""
    venue = editions.upsert_venue(session=session, data=body)
    return {"id": venue.id, "slug": venue.slug}


@router.get("/editions/{year}/sessions", summary="The sessions being scheduled")
def list_sessions(year: Year, user: Organizer, session: SessionDep) -> list[SessionOut]:
    """Return an edition's sessions with their current placement."""
    edition = editions.get_edition(session=session, year=year)
    tracks = programme.tracks_of(session=session, edition=edition)
    return [
        programme.to_out(r, tracks) for r in programme.sessions_of(session=session, edition=edition)
    ]


@router.post("/editions/{year}/sessions", summary="Add a session", status_code=201)
def add_session(year: Year, body: SessionIn, user: Organizer, session: SessionDep) -> SessionOut:
    """Add an unplaced session to the programme."""
    edition = editions.get_edition(session=session, year=year)
    row = programme.add_session(session=session, edition=edition, data=body)
    return programme.to_out(row, programme.tracks_of(session=session, edition=edition))


@router.put("/editions/{year}/sessions/{code}/placement", summary="Place a session")
def place_session(
    year: Year, code: str, body: PlacementIn, user: Organizer, session: SessionDep
) -> SessionOut:
    """Put a session in a room at a time; the conflicts endpoint says what that breaks."""
    edition = editions.get_edition(session=session, year=year)
    row = programme.place(session=session, edition=edition, code=code, data=body)
    return programme.to_out(row, programme.tracks_of(session=session, edition=edition))


@router.get("/editions/{year}/conflicts", summary="Conflicts of the current schedule")
def get_conflicts(
    year: Year, user: Organizer, session: SessionDep, settings: SettingsDep
) -> list[ConflictOut]:
    """Return what the current schedule breaks: speakers, travel, rooms, availability."""
    edition = editions.get_edition(session=session, year=year)
    return conflicts.check_edition(session=session, settings=settings, edition=edition)


@router.post("/editions/{year}/schedule", summary="Place every session automatically")
def run_scheduler(
    year: Year, user: Organizer, session: SessionDep, settings: SettingsDep
) -> ScheduleResult:
    """Run the scheduler; already placed sessions move only if they must."""
    edition = editions.get_edition(session=session, year=year)
    return scheduler.schedule_edition(session=session, settings=settings, edition=edition)


@router.post("/editions/{year}/publish", summary="Publish the programme")
def publish(year: Year, user: Organizer, session: SessionDep, clock: ClockDep) -> dict[str, int]:
    """Freeze the current placements as the next published version."""
    edition = editions.get_edition(session=session, year=year)
    version = programme.publish(session=session, edition=edition, now=clock())
    return {"version": version.version, "sessions": len(version.placements)}


def _doc(year: Year, session: SessionDep, settings: SettingsDep) -> dict[str, object]:
    edition = editions.get_edition(session=session, year=year)
    return frab.build(session=session, edition=edition, base_url=settings.base_url)


@router.get("/editions/{year}/schedule.xml", summary="Published programme, frab XML")
def schedule_xml(year: Year, session: SessionDep, settings: SettingsDep) -> Response:
    """Return the published programme in the c3voc/frab XML format."""
    return Response(frab.to_xml(_doc(year, session, settings)), media_type=XML)


@router.get("/editions/{year}/schedule.json", summary="Published programme, schedule2 JSON")
def schedule_json(year: Year, session: SessionDep, settings: SettingsDep) -> dict[str, object]:
    """Return the published programme in the c3voc schedule2 JSON format."""
    return frab.to_json(_doc(year, session, settings))


@router.get("/editions/{year}/schedule.ics", summary="Published programme, iCalendar")
def schedule_ics(year: Year, session: SessionDep, clock: ClockDep) -> Response:
    """Return the published programme as an iCalendar file."""
    edition = editions.get_edition(session=session, year=year)
    return Response(ical.programme(session=session, edition=edition, now=clock()), media_type=ICS)


@router.put("/editions/{year}/favourites/{code}", summary="Keep a session", status_code=204)
def add_favourite(year: Year, code: str, user: CurrentUser, session: SessionDep) -> None:
    """Add a session to your own programme."""
    edition = editions.get_edition(session=session, year=year)
    row = programme.get_session(session=session, edition=edition, code=code)
    ical.add_favourite(session=session, user_id=user.id, row=row)


@router.delete("/editions/{year}/favourites/{code}", summary="Drop a session", status_code=204)
def remove_favourite(year: Year, code: str, user: CurrentUser, session: SessionDep) -> None:
    """Remove a session from your own programme."""
    edition = editions.get_edition(session=session, year=year)
    row = programme.get_session(session=session, edition=edition, code=code)
    ical.remove_favourite(session=session, user_id=user.id, row=row)


@router.get("/editions/{year}/favourites.ics", summary="Your programme, iCalendar")
def favourites_ics(year: Year, user: CurrentUser, session: SessionDep, clock: ClockDep) -> Response:
    """Return the sessions you keep as an iCalendar file."""
    edition = editions.get_edition(session=session, year=year)
    body = ical.favourites(session=session, edition=edition, user_id=user.id, now=clock())
    return Response(body, media_type=ICS)


@router.post("/editions/{year}/registrations", summary="Register", status_code=201)
def register(
    year: Year,
    body: RegistrationIn,
    user: CurrentUser,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    lang: LanguageDep,
) -> RegistrationOut:
    """Register to an edition: confirmed with a ticket, pending approval, or waiting."""
    edition = editions.get_edition(session=session, year=year)
    row = registration.register(
        session=session,
        edition=edition,
        data=body,
        now=clock(),
        user_id=user.id,
        mailer=mailer_for(settings),
        lang=lang,
    )
    return registration.to_out(session=session, edition=edition, registration=row, now=clock())


@router.post("/editions/{year}/registrations/{ident}/approve", summary="Approve an accreditation")
def approve(
    year: Year,
    ident: int,
    user: Organizer,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> RegistrationOut:
    """Accept a journalist's pending registration through their accreditation request."""
    edition = editions.get_edition(session=session, year=year)
    row = press.approve_registration(
        session=session, edition=edition, ident=ident, now=clock(), mailer=mailer_for(settings)
    )
    return registration.to_out(session=session, edition=edition, registration=row, now=clock())


@router.post("/editions/{year}/registrations/{ident}/cancel", summary="Cancel a registration")
def cancel(
    year: Year, ident: int, user: Organizer, session: SessionDep, clock: ClockDep
) -> RegistrationOut:
    """Cancel a registration, revoke its ticket and promote the next person waiting."""
    edition = editions.get_edition(session=session, year=year)
    row = registration.cancel(session=session, edition=edition, ident=ident, now=clock())
    return registration.to_out(session=session, edition=edition, registration=row, now=clock())


@router.post("/editions/{year}/registrations/import", summary="Import registrations from CSV")
async def import_csv(
    year: Year, file: UploadFile, user: Organizer, session: SessionDep, clock: ClockDep
) -> ImportReport:
    """Register every row of a CSV file; refused rows are reported with their line and reason."""
    import csv
    import io

    try:
        text = (await file.read()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotUtf8() from None
    edition = editions.get_edition(session=session, year=year)
    report = registration.import_rows(
        session=session, edition=edition, rows=csv.DictReader(io.StringIO(text)), now=clock()
    )
    return ImportReport(**report)


@router.get("/editions/{year}/offline", summary="What a gate needs to verify offline")
def offline(year: Year, user: GateStaff, session: SessionDep) -> dict[str, object]:
    """Return the edition's public keys and revocation list."""
    edition = editions.get_edition(session=session, year=year)
    return tickets.offline_bundle(session=session, edition=edition)


@router.get("/editions/{year}/presence", summary="Live counts per venue")
def presence(year: Year, user: GateStaff, session: SessionDep) -> list[VenueCount]:
    """Return how many ticket holders are inside each venue now."""
    edition = editions.get_edition(session=session, year=year)
    return checkin.counts(session=session, edition=edition)


@router.get("/editions/{year}/kpis", summary="Figures of an edition")
def get_kpis(year: Year, session: SessionDep) -> dict[str, object]:
    """Return an edition's figures, each with its source (entered or computed)."""
    edition = editions.get_edition(session=session, year=year)
    return kpis.figures(session=session, edition=edition)


@router.get("/kpis.csv", summary="Figures of every edition, CSV", response_class=PlainTextResponse)
def kpis_csv(session: SessionDep) -> PlainTextResponse:
    """Return every edition's figures as CSV (open data)."""
    return PlainTextResponse(kpis.to_csv(session=session), media_type="text/csv; charset=utf-8")
