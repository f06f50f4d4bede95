"""Errors of delegations and press, each saying what to fix.

The kinds of thing ``ThingNotFound`` names here are msgids too: delegation, member,
accreditation, interview.
"""

from __future__ import annotations

from casa.core.errors import Conflict, InvalidInput, PermissionDenied


class DelegationExists(Conflict):
    slug = "expo-delegation-exists"
    title = "This delegation already exists"
    message = "A delegation of {city} ({country}) already takes part in this edition"
    default_field = "city"


class NotADelegate(InvalidInput):
    slug = "expo-not-a-delegate"
    title = "Not a delegation member"
    message = (
        "Registration {ident} is not in the delegation member category: "
        "register the person as a delegation member first"
    )
    default_field = "registration"


class AlreadyInDelegation(Conflict):
    slug = "expo-already-in-delegation"
    title = "Already in a delegation"
    message = "Registration {ident} already belongs to a delegation: remove it from there first"
    default_field = "registration"


class BadStay(InvalidInput):
    slug = "expo-bad-stay"
    title = "Invalid stay"
    message = "The departure must come after the arrival"
    default_field = "departs_at"


class CardMissing(InvalidInput):
    slug = "expo-press-card"
    title = "Invalid press card scan"
    message = "Attach a scan of your press card (JPEG, PNG or PDF)"
    default_field = "card"


class CardTooLarge(CardMissing):
    message = "The press card scan must weigh at most {limit_mb} MB: send a smaller file"


class CardWrongType(CardMissing):
    message = "The press card scan must be a JPEG, PNG or PDF file"


class AccreditationExists(Conflict):
    slug = "expo-accreditation-exists"
    title = "Accreditation already requested"
    message = "You already have an accreditation request for this edition"
    default_field = "year"


class AccreditationRevoked(Conflict):
    slug = "expo-accreditation-revoked"
    title = "Accreditation revoked"
    message = "Your accreditation to this edition was revoked: write to the press office"
    default_field = "year"


class NotAJournalist(Conflict):
    slug = "expo-not-a-journalist"
    title = "Registered in another category"
    message = (
        "You are already registered to this edition in another category: "
        "cancel that registration before asking for a press accreditation"
    )
    default_field = "year"


class NotPendingAccreditation(Conflict):
    slug = "expo-accreditation-state"
    title = "This accreditation cannot change so"
    message = "Only a pending accreditation can be approved or refused"
    default_field = "id"


class NotApprovedAccreditation(NotPendingAccreditation):
    message = "Only an approved accreditation can be revoked"


class AccreditationMissing(Conflict):
    slug = "expo-accreditation-missing"
    title = "No accreditation request"
    message = (
        "This journalist has not asked for accreditation yet: they send their media outlet and "
        "press card, then the accreditation is approved"
    )
    default_field = "id"


class ReasonRequired(InvalidInput):
    slug = "expo-reason-required"
    title = "A reason is required"
    message = "Give a reason: the journalist will read it and know what to fix"
    default_field = "reason"


class NotAccredited(PermissionDenied):
    slug = "expo-not-accredited"
    title = "Press accreditation required"
    message = "This needs a press accreditation approved for this edition"
    default_field = "year"


class NotTheSpeaker(PermissionDenied):
    slug = "expo-not-the-speaker"
    title = "Not your interview request"
    message = "Only the speaker asked or an organizer can answer this interview request"
    default_field = "id"


class InterviewAnswered(Conflict):
    slug = "expo-interview-answered"
    title = "Interview request already answered"
    message = "This interview request was already answered"
    default_field = "id"


class BadSlot(InvalidInput):
    slug = "expo-bad-slot"
    title = "Invalid time slot"
    message = "A time slot must end after it starts"
    default_field = "preferred"


class InterviewOutsideEdition(BadSlot):
    message = "An interview takes place during the edition's days and opening hours"
    default_field = "starts_at"


class SpeakerBusy(Conflict):
    slug = "expo-speaker-busy"
    title = "The speaker is not free then"
    message = "The speaker is in the session {other!r} at that time: choose another time"
    default_field = "starts_at"


class SpeakerTravelling(SpeakerBusy):
    message = (
        "The speaker needs {minutes} min to travel between the session {other!r} and "
        "this place: choose another time or place"
    )


class SpeakerInInterview(SpeakerBusy):
    message = "The speaker already gives another interview at that time: choose another time"
