"""Errors of the Expo: one small hierarchy over the core problems.

The kinds of thing ``ThingNotFound`` names are msgids too: registration, venue, speaker, track,
session, room, ticket.
"""

from __future__ import annotations

from casa.core.errors import Conflict, InvalidInput, NotFound
from casa.core.i18n import gettext


class EditionNotFound(NotFound):
    slug = "expo-edition-not-found"
    title = "Edition not found"
    message = "No edition of the Expo in {year}"
    default_field = "year"


class ThingNotFound(NotFound):
    slug = "expo-not-found"
    title = "Not found in this edition"
    message = "Not found in this edition: {kind} {ref!r}"

    def describe(self, lang: str) -> str:
        """Return the detail in a language, the kind of thing included."""
        if not self._templated or self.message is None:
            return self.detail
        params = {**self.params, "kind": gettext(str(self.params.get("kind", "")), lang)}
        return gettext(self.message, lang).format(**params)


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


class EditionEndsBeforeStart(InvalidProgramme):
    message = "An edition cannot end before it starts"
    default_field = "ends_on"


class NoPosition(InvalidProgramme):
    message = "No position for {name}: give lat and lon, or a name the city knows"
    default_field = "lat"


class BadAvailability(InvalidProgramme):
    message = "An availability window must end after it starts"
    default_field = "availability"


class HalfPlacement(InvalidProgramme):
    message = "Give both a room and a start time, or neither"
    default_field = "room"


class NothingToPublish(InvalidProgramme):
    message = "Place at least one session before publishing"
    default_field = "sessions"


class NoRoomLargeEnough(NotSchedulable):
    message = "Session {code} cannot be placed: no room is large enough"
    default_field = "sessions"


class NoSlotForSpeakers(NotSchedulable):
    message = "Session {code} cannot be placed: no slot suits its speakers"
    default_field = "sessions"


class NoFeasibleSchedule(NotSchedulable):
    message = "No schedule satisfies every rule: add rooms, days or speaker availability"
    default_field = "sessions"


class NoSessions(NotSchedulable):
    message = "The edition has no session to place"
    default_field = "sessions"


class NotPending(RegistrationClosed):
    message = "This registration is not waiting for approval"
    default_field = "id"


class AlreadyCancelled(RegistrationClosed):
    message = "This registration is already cancelled"
    default_field = "id"


class NotUtf8(InvalidInput):
    slug = "expo-not-utf8"
    title = "Invalid file"
    message = "The file is not UTF-8 text"
    default_field = "file"


class InvalidField(InvalidInput):
    slug = "expo-invalid-field"
    title = "Invalid input"
    message = "Check this field"


class UnknownCategory(InvalidInput):
    slug = "expo-unknown-category"
    title = "Unknown category"
    message = "No category {code!r} in this edition: use one of {known}"
    default_field = "category"
