"""JSON API of delegations: delegations and members, protocol order, logistics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from casa.accounts.deps import require
from casa.accounts.models import User
from casa.core.deps import ClockDep, SessionDep
from casa.expo import api_press, delegations, editions
from casa.expo.schemas_delegations import (
    DelegationIn,
    DelegationOut,
    DelegationPatch,
    LogisticsOut,
    MemberIn,
    MemberOut,
    ProtocolEntry,
)

router = APIRouter()
router.include_router(api_press.router)
Organizer = Annotated[User, Depends(require("expo:organize"))]
Reception = Annotated[User, Depends(require("expo:checkin"))]
Year = Annotated[int, Path(ge=2000, le=2100, description="the edition's year")]


def _one(session: SessionDep, year: int, ident: int) -> DelegationOut:
    edition = editions.get_edition(session=session, year=year)
    for n, item in enumerate(delegations.listed(session=session, edition=edition), start=1):
        if item.delegation.id == ident:
            return delegations.to_out(item, n)
    raise AssertionError("a delegation just found is listed")


@router.get("/editions/{year}/delegations", summary="Delegations in protocol order")
def list_delegations(year: Year, user: Organizer, session: SessionDep) -> list[DelegationOut]:
    """Return the edition's delegations in protocol order, with members and their needs."""
    edition = editions.get_edition(session=session, year=year)
    return [
        delegations.to_out(item, n)
        for n, item in enumerate(delegations.listed(session=session, edition=edition), start=1)
    ]


@router.post("/editions/{year}/delegations", summary="Add a delegation", status_code=201)
def create_delegation(
    year: Year, body: DelegationIn, user: Organizer, session: SessionDep, clock: ClockDep
) -> DelegationOut:
    """Add a city's delegation to the edition."""
    edition = editions.get_edition(session=session, year=year)
    row = delegations.create(session=session, edition=edition, data=body, now=clock())
    return _one(session, year, row.id)


@router.get("/editions/{year}/delegations/{ident}", summary="One delegation")
def get_delegation(year: Year, ident: int, user: Organizer, session: SessionDep) -> DelegationOut:
    """Return a delegation with its members and their needs."""
    edition = editions.get_edition(session=session, year=year)
    delegations.get(session=session, edition=edition, ident=ident)
    return _one(session, year, ident)


@router.patch("/editions/{year}/delegations/{ident}", summary="Set a delegation's order")
def patch_delegation(
    year: Year, ident: int, body: DelegationPatch, user: Organizer, session: SessionDep
) -> DelegationOut:
    """Set the order of a delegation among those whose heads hold the same rank."""
    edition = editions.get_edition(session=session, year=year)
    delegations.set_order(session=session, edition=edition, ident=ident, order=body.protocol_order)
    return _one(session, year, ident)


@router.post(
    "/editions/{year}/delegations/{ident}/members", summary="Add a member", status_code=201
)
def add_member(
    year: Year, ident: int, body: MemberIn, user: Organizer, session: SessionDep
) -> MemberOut:
    """Add a person registered as a delegation member, with their stay and needs."""
    edition = editions.get_edition(session=session, year=year)
    member = delegations.add_member(session=session, edition=edition, ident=ident, data=body)
    return _member(session, year, ident, member.id)


@router.put("/editions/{year}/delegations/{ident}/members/{member}", summary="Change a member")
def put_member(
    year: Year, ident: int, member: int, body: MemberIn, user: Organizer, session: SessionDep
) -> MemberOut:
    """Change a member's position, stay, hotel or needs."""
    edition = editions.get_edition(session=session, year=year)
    delegations.update_member(
        session=session, edition=edition, ident=ident, member_id=member, data=body
    )
    return _member(session, year, ident, member)


@router.delete(
    "/editions/{year}/delegations/{ident}/members/{member}",
    summary="Remove a member",
    status_code=204,
)
def delete_member(
    year: Year, ident: int, member: int, user: Organizer, session: SessionDep
) -> None:
    """Take a member out of a delegation; their registration stays."""
    edition = editions.get_edition(session=session, year=year)
    delegations.remove_member(session=session, edition=edition, ident=ident, member_id=member)


def _member(session: SessionDep, year: int, ident: int, member: int) -> MemberOut:
    return next(m for m in _one(session, year, ident).members if m.id == member)


@router.get("/editions/{year}/protocol", summary="Protocol order")
def get_protocol(year: Year, user: Reception, session: SessionDep) -> list[ProtocolEntry]:
    """Return the delegations in protocol order for seating and receptions (no needs shown)."""
    edition = editions.get_edition(session=session, year=year)
    return delegations.protocol(session=session, edition=edition)


@router.get("/editions/{year}/logistics", summary="Rooms and interpreters")
def get_logistics(year: Year, user: Organizer, session: SessionDep) -> LogisticsOut:
    """Return rooms per hotel per night and interpreters per language per day."""
    edition = editions.get_edition(session=session, year=year)
    return delegations.logistics(session=session, edition=edition)
