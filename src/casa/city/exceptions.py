"""Errors of the city domain.

Each carries an English message id and its parameters, so the edge can say it in the
caller's language (see ``CityError.translate``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from casa.core.errors import CasaError, InvalidInput, NotFound, ServiceUnavailable
from casa.core.i18n import gettext


class CityError(CasaError):
    """Root of the city errors: a message id with named parameters."""

    message: ClassVar[str] = "City error"

    def __init__(self, *, field: str | None = None, **params: Any) -> None:
        self.params = params
        super().__init__(self.message.format(**params), field=field)

    def translate(self, lang: str) -> None:
        """Say the detail in a language."""
        self.detail = gettext(self.message, lang).format(**self.params)


class OutsideCity(CityError, NotFound):
    slug = "outside-casablanca"
    title = "Outside Casablanca"
    message = "The point {lat}, {lon} is outside Casablanca's arrondissements."


class UnknownArea(CityError, NotFound):
    slug = "unknown-area"
    title = "Unknown arrondissement"
    message = "No arrondissement has the code {code}."


class UnknownPlace(CityError, NotFound):
    slug = "unknown-place"
    title = "Unknown place"
    message = "No place matches {text}."


class BadPoint(CityError, InvalidInput):
    title = "Invalid input"
    message = "Give a point as LAT,LON in degrees, for example 33.5896,-7.6200 (got {text})."


class BadPlace(CityError, InvalidInput):
    title = "Invalid input"
    message = "Invalid place {key}: {reason}."


class BadOsmFile(CityError, InvalidInput):
    slug = "bad-osm-file"
    title = "Unreadable OpenStreetMap file"
    message = "The OpenStreetMap file {path} cannot be read: {reason}."


class NoRoute(CityError, NotFound):
    slug = "no-route"
    title = "No route"
    message = "No {mode} route joins these two points on the road graph."


class TravelUnavailable(CityError, ServiceUnavailable):
    slug = "travel-time-unavailable"
    title = "Travel times unavailable"
    message = "The {provider} travel-time provider is unavailable: {reason}."


class BadCoordinates(CityError, InvalidInput):
    title = "Invalid input"
    message = (
        "Latitude must be between -90 and 90 and longitude between -180 and 180 (got {lat}, {lon})."
    )
