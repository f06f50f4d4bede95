"""JSON API of the city-wide notices: ``/api/v1/notices``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from casa.accounts.deps import require
from casa.accounts.models import User
from casa.core.deps import ClockDep, SessionDep
from casa.web import service
from casa.web.schemas import NoticeIn, NoticeOut

router = APIRouter(prefix="/api/v1/notices", tags=["notices"])

Poster = Annotated[User, Depends(require("notices:post"))]


def _publish(request: Request, event: dict[str, object]) -> None:
    request.app.state.bus.publish_sync(service.CHANNEL, event)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Post a city-wide notice",
    responses={401: {"description": "not signed in"}, 403: {"description": "no notices:post"}},
)
def post_notice(
    request: Request, data: NoticeIn, user: Poster, session: SessionDep, clock: ClockDep
) -> NoticeOut:
    """Post a notice that every page shows at once; it replaces the one in force."""
    notice = service.post_notice(session=session, data=data, now=clock(), posted_by_id=user.id)
    # Pages may fetch the notice as soon as they hear of it: tell them only what is committed.
    session.commit()
    _publish(request, service.notice_event("posted", notice))
    return notice


@router.get(
    "/current",
    summary="Read the notice in force",
    responses={404: {"description": "no notice is in force"}},
)
def get_current_notice(session: SessionDep, clock: ClockDep) -> NoticeOut:
    """Return the notice in force."""
    return service.current_notice(session=session, now=clock())


@router.delete(
    "/current",
    summary="Take the notice in force down",
    responses={404: {"description": "no notice is in force"}},
)
def delete_current_notice(
    request: Request, user: Poster, session: SessionDep, clock: ClockDep
) -> NoticeOut:
    """Take the notice in force down on every page; return it."""
    notice = service.clear_current_notice(session=session, now=clock())
    session.commit()
    _publish(request, service.notice_event("cleared", notice))
    return notice
