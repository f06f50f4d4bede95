"""The catalogue of Casa's city services, shown on the home page and in the navigation.

A service joins the catalogue (and the navigation, when it has a page of its own) as it lands;
the ones still being built are listed as coming. Titles and descriptions are English msgids,
translated when shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["available", "coming"]


def _(message: str) -> str:
    """Mark a msgid for extraction; it is translated when rendered."""
    return message


@dataclass(frozen=True, slots=True)
class Service:
    """One city service: what it is, where it lives and whether it is open yet."""

    key: str
    title: str
    description: str
    url: str | None
    icon: str
    status: Status
    in_navigation: bool = False


SERVICES: tuple[Service, ...] = (
    Service(
        key="map",
        title=_("City map"),
        description=_(
            "The géo-portail of Casablanca: its 16 arrondissements and prefectures, "
            "and the layers every city service adds."
        ),
        url="/map",
        icon="map",
        status="available",
        in_navigation=True,
    ),
    Service(
        key="account",
        title=_("Your account"),
        description=_(
            "Sign in once for every service, see the personal data Casa holds about you, "
            "download it or have it erased."
        ),
        url="/account",
        icon="person",
        status="available",
    ),
    Service(
        key="parking",
        title=_("IPARK parking"),
        description=_(
            "Free spaces in public car parks and building garages, live, "
            "with reservations and forecasts."
        ),
        url="/parking",
        icon="parking",
        status="available",
        in_navigation=True,
    ),
    Service(
        key="transit",
        title=_("Tram & busway"),
        description=_(
            "Tram lines T1 to T4 and busway lines BW1 and BW2: departures, journeys, fares."
        ),
        url="/transit",
        icon="tram",
        status="available",
        in_navigation=True,
    ),
    Service(
        key="assistant",
        title=_("WEBOT assistant"),
        description=_(
            "Ask about transport, parking and the city in French, Arabic, Darija or English."
        ),
        url="/assistant",
        icon="chat",
        status="available",
        in_navigation=True,
    ),
    Service(
        key="errands",
        title=_("JAY2 errands"),
        description=_("Errands run by the network's member couriers, tracked live."),
        url=None,
        icon="parcel",
        status="coming",
    ),
    Service(
        key="expo",
        title=_("Smart City Expo"),
        description=_(
            "The exhibition and congress: programme, speakers, registration and tickets."
        ),
        url="/expo",
        icon="calendar",
        status="available",
        in_navigation=True,
    ),
    Service(
        key="connect",
        title=_("Smart City Connect"),
        description=_("Hackathon, créathon and photo contest: the projects open to everyone."),
        url=None,
        icon="spark",
        status="coming",
    ),
)


def available(services: tuple[Service, ...] = SERVICES) -> list[Service]:
    """Return the services open now, in catalogue order."""
    return [s for s in services if s.status == "available"]


def coming(services: tuple[Service, ...] = SERVICES) -> list[Service]:
    """Return the services still being built, in catalogue order."""
    return [s for s in services if s.status == "coming"]


def navigation(services: tuple[Service, ...] = SERVICES) -> list[Service]:
    """Return the open services that have a place in the site's navigation."""
    return [s for s in available(services) if s.in_navigation and s.url]
