"""Delegations: cities' delegations, their members, protocol order and a logistics summary.

Protocol order is explicit: a delegation ranks first by its head's position (a minister before
a governor before a mayor before a deputy mayor, …), then by the order the organizers set
among equal ranks, then by city name. A delegation without a head comes after every headed
one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from casa.core.clock import local
from casa.expo import editions
from casa.expo.delegation_errors import AlreadyInDelegation, BadStay, DelegationExists, NotADelegate
from casa.expo.exceptions import ThingNotFound
from casa.expo.models import Category, Edition, Registration
from casa.expo.models.delegations import Delegation, DelegationMember
from casa.expo.schemas_delegations import (
    DelegationIn,
    DelegationOut,
    InterpreterDay,
    LogisticsOut,
    MemberIn,
    MemberOut,
    Position,
    ProtocolEntry,
    RoomNight,
)

#: Positions in order of precedence: the head's position ranks the delegation.
POSITIONS: tuple[str, ...] = get_args(Position)


def _(message: str) -> str:
    """Mark a msgid for extraction; templates translate it when shown."""
    return message


POSITION_LABELS = {
    "minister": _("Minister"),
    "governor": _("Governor"),
    "mayor": _("Mayor"),
    "deputy_mayor": _("Deputy mayor"),
    "council_member": _("City council member"),
    "ambassador": _("Ambassador"),
    "senior_official": _("Senior official"),
    "official": _("Official"),
    "delegate": _("Delegate"),
}
ROOM_LABELS = {"single": _("Single room"), "double": _("Double room"), "suite": _("Suite")}


@dataclass(frozen=True, slots=True)
class Listed:
    """A delegation with its members (and their names), as the pages and the API show it."""

    delegation: Delegation
    members: list[tuple[DelegationMember, Registration]]

    @property
    def head(self) -> tuple[DelegationMember, Registration] | None:
        """Return the head of the delegation, if one is named."""
        return next(((m, r) for m, r in self.members if m.is_head), None)


def create(*, session: Session, edition: Edition, data: DelegationIn, now: datetime) -> Delegation:
    """Create a city's delegation to an edition."""
    city = data.city.strip()
    taken = session.scalar(
        select(Delegation.id).where(
            Delegation.edition_id == edition.id,
            Delegation.city == city,
            Delegation.country == data.country,
        )
    )
    if taken is not None:
        raise DelegationExists(city=city, country=data.country)
    row = Delegation(
        edition_id=edition.id,
        city=city,
        country=data.country,
        protocol_order=data.protocol_order,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def get(*, session: Session, edition: Edition, ident: int) -> Delegation:
    """Return a delegation of an edition."""
    row = session.get(Delegation, ident)
    if row is None or row.edition_id != edition.id:
        raise ThingNotFound(kind="delegation", ref=str(ident), field="id")
    return row


def set_order(*, session: Session, edition: Edition, ident: int, order: int) -> Delegation:
    """Set a delegation's place among delegations whose heads hold the same rank."""
    row = get(session=session, edition=edition, ident=ident)
    row.protocol_order = order
    session.flush()
    return row


def _stay(data: MemberIn) -> None:
    if data.arrives_at and data.departs_at and data.departs_at <= data.arrives_at:
        raise BadStay()


def add_member(
    *, session: Session, edition: Edition, ident: int, data: MemberIn
) -> DelegationMember:
    """Add a registered delegation member to a delegation; a new head replaces the former."""
    delegation = get(session=session, edition=edition, ident=ident)
    reg = session.get(Registration, data.registration)
    category = session.get(Category, reg.category_id) if reg is not None else None
    if reg is None or reg.edition_id != edition.id or category is None:
        raise ThingNotFound(kind="registration", ref=str(data.registration), field="registration")
    if category.code != "delegation":
        raise NotADelegate(ident=data.registration)
    if session.scalar(
        select(DelegationMember.id).where(DelegationMember.registration_id == reg.id)
    ):
        raise AlreadyInDelegation(ident=data.registration)
    _stay(data)
    member = DelegationMember(delegation_id=delegation.id, registration_id=reg.id)
    _fill(member, data)
    session.add(member)
    session.flush()
    if data.head:
        _only_head(session, delegation.id, member.id)
    return member


def update_member(
    *, session: Session, edition: Edition, ident: int, member_id: int, data: MemberIn
) -> DelegationMember:
    """Change a member's position, stay, hotel or needs (the registration stays the same)."""
    delegation = get(session=session, edition=edition, ident=ident)
    member = session.get(DelegationMember, member_id)
    if member is None or member.delegation_id != delegation.id:
        raise ThingNotFound(kind="member", ref=str(member_id), field="member")
    _stay(data)
    _fill(member, data)
    session.flush()
    if data.head:
        _only_head(session, delegation.id, member.id)
    return member


def remove_member(*, session: Session, edition: Edition, ident: int, member_id: int) -> None:
    """Take a member out of a delegation (their registration stays)."""
    delegation = get(session=session, edition=edition, ident=ident)
    member = session.get(DelegationMember, member_id)
    if member is None or member.delegation_id != delegation.id:
        raise ThingNotFound(kind="member", ref=str(member_id), field="member")
    session.delete(member)
    session.flush()


def _fill(member: DelegationMember, data: MemberIn) -> None:
    member.position, member.is_head = data.position, data.head
    member.arrives_at, member.departs_at = data.arrives_at, data.departs_at
    member.hotel = (data.hotel or "").strip() or None
    member.room_type = data.room_type if member.hotel else None
    member.interpreter_languages = sorted({c.strip().lower() for c in data.interpreter_languages})
    member.dietary = (data.dietary or "").strip() or None
    member.accessibility = (data.accessibility or "").strip() or None


def _only_head(session: Session, delegation_id: int, head_id: int) -> None:
    for other in session.scalars(
        select(DelegationMember).where(
            DelegationMember.delegation_id == delegation_id,
            DelegationMember.is_head,
            DelegationMember.id != head_id,
        )
    ):
        other.is_head = False
    session.flush()


def listed(*, session: Session, edition: Edition) -> list[Listed]:
    """Return an edition's delegations with their members, in protocol order."""
    rows = list(session.scalars(select(Delegation).where(Delegation.edition_id == edition.id)))
    members: dict[int, list[tuple[DelegationMember, Registration]]] = defaultdict(list)
    pairs = session.execute(
        select(DelegationMember, Registration)
        .join(Registration, Registration.id == DelegationMember.registration_id)
        .join(Delegation, Delegation.id == DelegationMember.delegation_id)
        .where(Delegation.edition_id == edition.id)
    )
    for member, reg in pairs.tuples():
        members[member.delegation_id].append((member, reg))
    for group in members.values():
        group.sort(key=lambda p: (not p[0].is_head, POSITIONS.index(p[0].position), p[1].name))
    return sorted((Listed(d, members[d.id]) for d in rows), key=precedence_key)


def precedence_key(item: Listed) -> tuple[int, int, str, int]:
    """Return the sort key of protocol order: head's rank, organizers' order, city, id."""
    head = item.head
    rank = POSITIONS.index(head[0].position) if head else len(POSITIONS)
    d = item.delegation
    return (rank, d.protocol_order, d.city.casefold(), d.id)


def to_out(item: Listed, precedence: int) -> DelegationOut:
    """Describe a delegation for organizers, members' needs included."""
    head = item.head
    return DelegationOut(
        id=item.delegation.id,
        precedence=precedence,
        city=item.delegation.city,
        country=item.delegation.country,
        protocol_order=item.delegation.protocol_order,
        head=head[1].name if head else None,
        head_position=head[0].position if head else None,
        members=[member_out(m, r) for m, r in item.members],
    )


def member_out(member: DelegationMember, reg: Registration) -> MemberOut:
    """Describe a delegation member for organizers."""
    return MemberOut(
        id=member.id,
        registration=reg.id,
        name=reg.name,
        position=member.position,
        head=member.is_head,
        arrives_at=member.arrives_at,
        departs_at=member.departs_at,
        hotel=member.hotel,
        room_type=member.room_type,
        interpreter_languages=list(member.interpreter_languages),
        dietary=member.dietary,
        accessibility=member.accessibility,
    )


def protocol(*, session: Session, edition: Edition) -> list[ProtocolEntry]:
    """Return the delegations in protocol order, for seating and receptions."""
    out = []
    for n, item in enumerate(listed(session=session, edition=edition), start=1):
        head = item.head
        out.append(
            ProtocolEntry(
                precedence=n,
                city=item.delegation.city,
                country=item.delegation.country,
                head=head[1].name if head else None,
                head_position=head[0].position if head else None,
                members=len(item.members),
            )
        )
    return out


def _local_day(at: datetime) -> date:
    return local(at).date()


def logistics(*, session: Session, edition: Edition) -> LogisticsOut:
    """Sum up rooms per hotel per night and interpreters per language per day."""
    rooms: dict[tuple[str, date], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    needs: dict[tuple[date, str], tuple[set[int], int]] = {}
    without_dates = 0
    days = editions.days_of(edition)
    for item in listed(session=session, edition=edition):
        for member, _reg in item.members:
            arrives = _local_day(member.arrives_at) if member.arrives_at else None
            departs = _local_day(member.departs_at) if member.departs_at else None
            if member.hotel:
                if arrives is None or departs is None:
                    without_dates += 1
                else:
                    night = arrives
                    while night < departs:
                        rooms[(member.hotel, night)][member.room_type or "single"] += 1
                        night += timedelta(days=1)
            present = [
                d
                for d in days
                if (arrives is None or arrives <= d) and (departs is None or d <= departs)
            ]
            for day in present:
                for language in member.interpreter_languages:
                    groups, count = needs.get((day, language), (set(), 0))
                    groups.add(item.delegation.id)
                    needs[(day, language)] = (groups, count + 1)
    return LogisticsOut(
        rooms=[
            RoomNight(
                hotel=hotel,
                night=night,
                rooms=sum(kinds.values()),
                single=kinds.get("single", 0),
                double=kinds.get("double", 0),
                suite=kinds.get("suite", 0),
            )
            for (hotel, night), kinds in sorted(rooms.items())
        ],
        interpreters=[
            InterpreterDay(day=day, language=language, interpreters=len(groups), members=count)
            for (day, language), (groups, count) in sorted(needs.items())
        ],
        without_dates=without_dates,
    )
