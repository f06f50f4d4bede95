"""Pages of the Expo's staff (the programme editor, the gates' check-in) and the live affluence."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected, OptionalUser
from casa.accounts.models import User
from casa.core.clock import CASABLANCA, local
from casa.core.deps import ClockDep, SessionDep, SettingsDep
from casa.core.errors import CasaError
from casa.core.templating import error_context, render
from casa.expo import checkin, conflicts, editions, pages, programme, scheduler
from casa.expo.exceptions import HalfPlacement, InvalidField
from casa.expo.schemas import PlacementIn, SessionIn
from casa.expo.web_press import refused

router = APIRouter(include_in_schema=False)


def _editor_context(session: Any, settings: Any, year: int) -> dict[str, Any]:
    edition = editions.get_edition(session=session, year=year)
    rooms = editions.rooms_by_id(session=session)
    venues = editions.venues_by_id(session=session)
    tracks = programme.tracks_of(session=session, edition=edition)
    rows = programme.sessions_of(session=session, edition=edition)
    return {
        "edition": edition,
        "sessions": rows,
        "titles": {row.code: row.title for row in rows},
        "rooms": [(r, venues[r.venue_id]) for r in rooms.values()],
        "room_names": {r.id: f"{venues[r.venue_id].name} – {r.name}" for r in rooms.values()},
        "tracks": list(tracks.values()),
        "track_names": {t.id: t.name for t in tracks.values()},
        "conflicts": conflicts.check_edition(session=session, settings=settings, edition=edition),
        "conflict_labels": pages.CONFLICT_LABELS,
        "local": local,
        "speakers": editions.speakers_by_code(session=session, edition=edition),
    }


def _editor(
    request: Request,
    session: Any,
    settings: Any,
    year: int,
    extra: dict[str, Any],
    status: int = 200,
) -> Response:
    context = {**_editor_context(session, settings, year), **extra}
    return render(request, "expo/editor.html", context, status_code=status)


@router.get("/expo/{year}/editor")
def editor(
    request: Request, year: int, user: OptionalUser, session: SessionDep, settings: SettingsDep
) -> Response:
    """Show the programme editor: sessions, placements, conflicts, scheduler and publishing."""
    denied = refused(request, user, "expo:organize")
    if denied is not None:
        return denied
    done = request.query_params.get("done", "")
    return _editor(request, session, settings, year, {"done": done})


async def _act(
    request: Request, year: int, user: User | None, session: Any, settings: Any, action: Any
) -> Response:
    denied = refused(request, user, "expo:organize")
    if denied is not None:
        return denied
    try:
        edition = editions.get_edition(session=session, year=year)
        done = action(edition)
    except CasaError as exc:
        session.rollback()
        return _editor(request, session, settings, year, error_context(request, exc), status=422)
    return RedirectResponse(f"/expo/{year}/editor?done={done}", status_code=303)


@router.post("/expo/{year}/editor/sessions")
async def add_session(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
    title: Annotated[str, Form(max_length=300)] = "",
    kind: Annotated[str, Form(max_length=24)] = "talk",
    track: Annotated[str, Form(max_length=80)] = "",
    duration_min: Annotated[str, Form(max_length=4)] = "60",
    audience: Annotated[str, Form(max_length=6)] = "0",
) -> Response:
    """Add a session to the programme from the editor."""

    def action(edition: Any) -> str:
        try:
            data = SessionIn(
                title=title,
                kind=kind,
                track=track or None,
                duration_min=int(duration_min or 0),
                audience=int(audience or 0),
            )
        except (ValidationError, ValueError) as exc:
            field = "title"
            if isinstance(exc, ValidationError) and exc.errors()[0]["loc"]:
                field = str(exc.errors()[0]["loc"][0])
            raise InvalidField(field=field) from None
        programme.add_session(session=session, edition=edition, data=data)
        return "added"

    return await _act(request, year, user, session, settings, action)


@router.post("/expo/{year}/editor/sessions/{code}/placement")
async def place(
    request: Request,
    year: int,
    code: str,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
    room: Annotated[str, Form(max_length=12)] = "",
    starts_at: Annotated[str, Form(max_length=20)] = "",
    unplace: Annotated[str, Form(max_length=4)] = "",
) -> Response:
    """Place a session in a room at a local time, or take it out of the schedule."""

    def action(edition: Any) -> str:
        if unplace:
            data = PlacementIn(room=None, starts_at=None)
        else:
            try:
                at = datetime.fromisoformat(starts_at).replace(tzinfo=CASABLANCA)
                data = PlacementIn(room=int(room), starts_at=at)
            except ValueError:
                raise HalfPlacement(field="starts_at") from None
        programme.place(session=session, edition=edition, code=code, data=data)
        return "placed"

    return await _act(request, year, user, session, settings, action)


@router.post("/expo/{year}/editor/schedule")
async def run_scheduler(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Place every session automatically."""

    def action(edition: Any) -> str:
        scheduler.schedule_edition(session=session, settings=settings, edition=edition)
        return "scheduled"

    return await _act(request, year, user, session, settings, action)


@router.post("/expo/{year}/editor/publish")
async def publish(
    request: Request,
    year: int,
    _: CsrfProtected,
    user: OptionalUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    """Publish the current placements as the next version of the programme."""

    def action(edition: Any) -> str:
        programme.publish(session=session, edition=edition, now=clock())
        return "published"

    return await _act(request, year, user, session, settings, action)


@router.get("/expo/{year}/checkin")
def checkin_page(request: Request, year: int, user: OptionalUser, session: SessionDep) -> Response:
    """Show the gate: type or scan a ticket, entry or exit, with an offline queue."""
    denied = refused(request, user, "expo:checkin")
    if denied is not None:
        return denied
    edition = editions.get_edition(session=session, year=year)
    venues = list(editions.venues_by_id(session=session).values())
    counts = checkin.counts(session=session, edition=edition)
    context = {"edition": edition, "venues": venues, "counts": counts}
    return render(request, "expo/checkin.html", context)


@router.get("/expo/{year}/affluence")
def affluence_page(request: Request, year: int, session: SessionDep) -> Response:
    """Show everyone how many visitors are inside each venue, updated live (counts only)."""
    edition = editions.get_edition(session=session, year=year)
    counts = checkin.counts(session=session, edition=edition)
    return render(request, "expo/checkin_affluence.html", {"edition": edition, "counts": counts})
