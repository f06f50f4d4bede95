"""Errors of parking: one small hierarchy over the core problems."""

from __future__ import annotations

from casa.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, PermissionDenied


class SiteNotFound(NotFound):
    slug = "parking-site-not-found"
    title = "Parking site not found"


class ReservationNotFound(NotFound):
    slug = "parking-reservation-not-found"
    title = "Reservation not found"


class InvalidTariff(InvalidInput):
    slug = "parking-invalid-tariff"
    title = "Invalid tariff"


class InvalidOpeningHours(InvalidInput):
    slug = "parking-invalid-opening-hours"
    title = "Invalid opening hours"


class InvalidSearch(InvalidInput):
    slug = "parking-invalid-search"
    title = "Invalid search"


class InvalidWindow(InvalidInput):
    slug = "parking-invalid-window"
    title = "Invalid reservation window"


class SiteClosed(Conflict):
    slug = "parking-site-closed"
    title = "The site is closed during this window"


class SiteFull(Conflict):
    slug = "parking-site-full"
    title = "No place left for this window"


class NotReservable(Conflict):
    slug = "parking-not-reservable"
    title = "This site takes no reservations"


class ReservationClosed(Conflict):
    slug = "parking-reservation-closed"
    title = "This reservation can no longer change"


class NotOnWhitelist(PermissionDenied):
    slug = "parking-not-on-whitelist"
    title = "This garage is shared only with listed people"


class InvalidSourceKey(NotAuthenticated):
    title = "Unknown or missing ingest key"


class SourceExists(Conflict):
    slug = "parking-source-exists"
    title = "An ingest source already has this name"


class NoForecast(NotFound):
    slug = "parking-no-forecast"
    title = "No forecast for this site yet"


class ResidentsFirst(Conflict):
    slug = "parking-residents-first"
    title = "Residents book first"


class NotYourGarage(PermissionDenied):
    slug = "parking-not-your-garage"
    title = "This garage is not yours"
