"""Transit's API shapes: lines, stops, departures and journeys with their legs and fare."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from casa.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from casa.transit import fares
from casa.transit.alerts import Alert
from casa.transit.schedule import RouteRec, StopRec
from casa.transit.service import Departure, Place, PlannedJourney, instant
from casa.transit.timetable import Timetable

MODES = {0: "tram", 1: "metro", 2: "rail", 3: "bus", 4: "ferry"}


class StopOut(BaseModel):
    """A stop or station."""

    id: str
    name: str
    lat: float
    lon: float
    parent_station: str | None = None

    @classmethod
    def of(cls, stop: StopRec) -> StopOut:
        """Return the API form of a stop."""
        return cls(
            id=stop.stop_id, name=stop.name, lat=stop.lat, lon=stop.lon, parent_station=stop.parent
        )


class LineOut(BaseModel):
    """A line."""

    id: str
    short_name: str
    long_name: str
    mode: str
    color: str | None = None
    text_color: str | None = None

    @classmethod
    def of(cls, route: RouteRec) -> LineOut:
        """Return the API form of a line."""
        return cls(
            id=route.route_id,
            short_name=route.short_name,
            long_name=route.long_name,
            mode=MODES.get(route.route_type, "other"),
            color=route.color,
            text_color=route.text_color,
        )


class LineDetail(LineOut):
    """A line with its stops in order, in each direction."""

    directions: dict[int, list[StopOut]]


class DepartureOut(BaseModel):
    """A vehicle leaving a stop."""

    line: str
    headsign: str
    direction: int | None
    stop_id: str
    departure: datetime

    @classmethod
    def of(cls, dep: Departure) -> DepartureOut:
        """Return the API form of a departure."""
        return cls(
            line=dep.route_id,
            headsign=dep.headsign,
            direction=dep.direction,
            stop_id=dep.stop_id,
            departure=dep.at,
        )


class DeparturesOut(BaseModel):
    """The next departures at a stop, soonest first."""

    stop: StopOut
    departures: list[DepartureOut]


class PlaceOut(BaseModel):
    """An origin or destination as resolved."""

    name: str
    lat: float
    lon: float
    stop_id: str | None = None
    kind: str

    @classmethod
    def of(cls, place: Place) -> PlaceOut:
        """Return the API form of a place."""
        return cls(
            name=place.name, lat=place.lat, lon=place.lon, stop_id=place.stop_id, kind=place.kind
        )


class CallOut(BaseModel):
    """A stop passed during a ride."""

    stop_id: str
    name: str
    lat: float
    lon: float
    time: datetime


class LegOut(BaseModel):
    """One leg: a walk or a ride, with its geometry as [lon, lat] pairs (GeoJSON order)."""

    mode: str
    origin: PlaceOut = Field(serialization_alias="from")
    destination: PlaceOut = Field(serialization_alias="to")
    departure: datetime
    arrival: datetime
    duration_s: int
    line: LineOut | None = None
    headsign: str | None = None
    direction: int | None = None
    stops: list[CallOut] = []
    geometry: list[list[float]]


class FareTableOut(BaseModel):
    """A fare table of the city: what the journey costs under it, and whether it was used."""

    status: str
    since: date | None
    amount: Decimal
    used: bool


class FareOut(BaseModel):
    """The price of a journey."""

    amount: Decimal
    currency: str
    tickets: int
    table: str | None
    tables: list[FareTableOut]

    @classmethod
    def of(cls, quote: fares.FareQuote) -> FareOut:
        """Return the API form of a fare."""
        used = next((t for t in quote.tables if t.used), None)
        label = f"{used.status} since {used.since}" if used and used.since else None
        return cls(
            amount=quote.amount,
            currency=quote.currency,
            tickets=quote.tickets,
            table=label,
            tables=[
                FareTableOut(status=t.status, since=t.since, amount=t.amount, used=t.used)
                for t in quote.tables
            ],
        )


Effect = Literal["closed_stops", "reduced_service", "information"]
Cause = Literal[
    "unknown",
    "other",
    "technical_problem",
    "strike",
    "demonstration",
    "accident",
    "holiday",
    "weather",
    "maintenance",
    "construction",
    "police_activity",
    "medical_emergency",
]
GtfsId = Annotated[str, StringConstraints(min_length=1, max_length=128)]
MessageText = Field(default=None, min_length=1, max_length=1000)


class AlertMessage(BaseModel):
    """An alert's text in each language; at least one is required."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    fr: str | None = MessageText
    ar: str | None = MessageText
    en: str | None = MessageText

    @model_validator(mode="after")
    def _at_least_one(self) -> AlertMessage:
        if not (self.fr or self.ar or self.en):
            raise ValueError("give the message in at least one of fr, ar, en")
        return self


def _sane_year(when: datetime) -> datetime:
    if not 2000 <= when.year <= 2100:
        raise ValueError("give a date between the years 2000 and 2100")
    return when


SaneInstant = Annotated[AwareDatetime, Field(description="an aware ISO 8601 instant")]


class AlertIn(BaseModel):
    """A disruption to post: lines and stops touched, its period, effect, cause and message."""

    model_config = ConfigDict(extra="forbid")

    effect: Effect
    cause: Cause = "unknown"
    lines: list[GtfsId] = Field(default_factory=list, max_length=20, examples=[["T1"]])
    stops: list[GtfsId] = Field(default_factory=list, max_length=100, description="closed stops")
    start: SaneInstant
    end: SaneInstant
    message: AlertMessage = Field(
        examples=[{"fr": "Station fermée pour travaux", "en": "Stop closed for works"}]
    )

    @model_validator(mode="after")
    def _years(self) -> AlertIn:
        _sane_year(self.start)
        _sane_year(self.end)
        return self


class AlertOut(BaseModel):
    """A service alert as posted, with its message in every language given."""

    id: int
    effect: str
    cause: str
    lines: list[str]
    stops: list[str]
    start: datetime
    end: datetime
    message: dict[str, str]
    posted_at: datetime

    @classmethod
    def of(cls, alert: Alert) -> AlertOut:
        """Return the API form of an alert."""
        return cls(
            id=alert.id,
            effect=alert.effect,
            cause=alert.cause,
            lines=list(alert.lines),
            stops=list(alert.stops),
            start=alert.start,
            end=alert.end,
            message=dict(alert.messages),
            posted_at=alert.posted_at,
        )


class JourneyAlertOut(BaseModel):
    """An alert touching a journey, its message in the caller's language."""

    id: int
    effect: str
    cause: str
    lines: list[str]
    stops: list[str]
    start: datetime
    end: datetime
    message: str
    language: str

    @classmethod
    def of(cls, alert: Alert, lang: str) -> JourneyAlertOut:
        """Return an alert as a journey shows it, in a language (French when not given)."""
        order = [lang, DEFAULT_LANGUAGE, *LANGUAGES]
        used = next((c for c in order if alert.messages.get(c)), lang)
        return cls(
            id=alert.id,
            effect=alert.effect,
            cause=alert.cause,
            lines=list(alert.lines),
            stops=list(alert.stops),
            start=alert.start,
            end=alert.end,
            message=alert.message(lang),
            language=used,
        )


class JourneyOut(BaseModel):
    """A journey from door to door, with the service alerts that touch it."""

    departure: datetime
    arrival: datetime
    duration_s: int
    transfers: int
    legs: list[LegOut]
    fare: FareOut | None
    alerts: list[JourneyAlertOut] = []


class JourneysOut(BaseModel):
    """The journeys worth taking, earliest arrival first."""

    origin: PlaceOut = Field(serialization_alias="from")
    destination: PlaceOut = Field(serialization_alias="to")
    journeys: list[JourneyOut]
    attribution: str = "© OpenStreetMap contributors (ODbL)"


def _stop_place(tt: Timetable, index: int | None, fallback: PlaceOut) -> PlaceOut:
    if index is None:
        return fallback
    s = tt.stops[index]
    return PlaceOut(name=s.name, lat=s.lat, lon=s.lon, stop_id=s.stop_id, kind="stop")


def journey_out(
    planned: PlannedJourney,
    origin: PlaceOut,
    destination: PlaceOut,
    routes: dict[str, RouteRec],
    lang: str = DEFAULT_LANGUAGE,
) -> JourneyOut:
    """Return the API form of a planned journey."""
    tt, day, j = planned.timetable, planned.day, planned.journey
    legs = []
    for leg in j.legs:
        a = _stop_place(tt, leg.from_stop, origin)
        b = _stop_place(tt, leg.to_stop, destination)
        out = LegOut(
            mode=leg.mode,
            origin=a,
            destination=b,
            departure=instant(day, leg.start),
            arrival=instant(day, leg.end),
            duration_s=leg.end - leg.start,
            geometry=[[a.lon, a.lat], [b.lon, b.lat]],
        )
        if leg.trip is not None:
            trip = leg.trip
            calls = []
            for i in range(leg.board, leg.alight + 1):
                s = tt.stops[tt.stop_index[trip.stops[i]]]
                calls.append(
                    CallOut(
                        stop_id=s.stop_id,
                        name=s.name,
                        lat=s.lat,
                        lon=s.lon,
                        time=instant(day, trip.arr[i] if i > leg.board else trip.dep[i]),
                    )
                )
            route = routes.get(trip.route_id)
            out.line = LineOut.of(route) if route else None
            out.headsign = trip.headsign or None
            out.direction = trip.direction
            out.stops = calls[1:-1]
            out.geometry = [[c.lon, c.lat] for c in calls]
        legs.append(out)
    return JourneyOut(
        departure=instant(day, j.departure),
        arrival=instant(day, j.arrival),
        duration_s=j.arrival - j.departure,
        transfers=max(j.rides - 1, 0),
        legs=legs,
        fare=FareOut.of(planned.fare) if planned.fare else None,
        alerts=[JourneyAlertOut.of(a, lang) for a in planned.alerts],
    )
