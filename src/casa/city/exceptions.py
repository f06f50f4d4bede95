"""Errors of the city domain.

Each carries an English message id and its parameters, so the edge can say it in the
caller's language (``describe(lang)``, used by the problem handler).
"""

from __future__ import annotations

from typing import ClassVar

from casa.core.errors import CasaError, InvalidInput, NotFound, ServiceUnavailable


class CityError(CasaError):
    """Root of the city errors: a message id with named parameters."""

    message: ClassVar[str | None] = "City error"


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
