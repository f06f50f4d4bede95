"""Errors of the Expo: one small hierarchy over the core problems."""

from __future__ import annotations

from casa.core.errors import Conflict, InvalidInput, NotFound


class EditionNotFound(NotFound):
    slug = "expo-edition-not-found"
    title = "Edition not found"
    message = "No edition of the Expo in {year}"
    default_field = "year"


class ThingNotFound(NotFound):
    slug = "expo-not-found"
    title = "Not found in this edition"
    message = "No {kind} {ref!r} in this edition"


class InvalidProgramme(InvalidInput):
    slug = "expo-invalid-programme"
    title = "Invalid programme"


class NotSchedulable(Conflict):
    slug = "expo-not-schedulable"
    title = "The programme cannot be scheduled"


class NoConsent(InvalidInput):
    slug = "expo-no-consent"
    title = "Consent is required"
    message = "Registration needs your consent to the processing of your personal data"
    default_field = "consent"


class AlreadyRegistered(Conflict):
    slug = "expo-already-registered"
    title = "Already registered"
    message = "{email} is already registered to this edition"
    default_field = "email"


class RegistrationClosed(Conflict):
    slug = "expo-registration-closed"
    title = "This registration can no longer change"


class InvalidGate(InvalidInput):
    slug = "expo-invalid-gate"
    title = "Unknown gate"
    message = "A gate is written VENUE:GATE with a known venue, not {gate!r}"
    default_field = "gate"


class NonceReused(Conflict):
    slug = "expo-nonce-reused"
    title = "This scan nonce was already used for another ticket"
    default_field = "nonce"
