"""Errors of the trade show: exhibitors, booths and their allocation, lead scanning.

The kinds of thing ``ThingNotFound`` names here are msgids too: exhibitor, hall, booth, lead.
"""

from __future__ import annotations

from casa.core.errors import Conflict, InvalidInput, PermissionDenied
from casa.core.i18n import gettext


class InvalidFloorPlan(InvalidInput):
    slug = "expo-invalid-floor-plan"
    title = "Invalid floor plan"


class AllocationRefused(Conflict):
    slug = "expo-allocation-refused"
    title = "This booth cannot be allocated"


class BoothTaken(AllocationRefused):
    slug = "expo-booth-taken"
    message = "Booth {booth} is already allocated to {exhibitor}: release it first"
    default_field = "booth"


class StartupOffPod(AllocationRefused):
    message = "Startups exhibit in the startup village: choose a startup pod, not booth {booth}"
    default_field = "booth"


class PodForStartupsOnly(AllocationRefused):
    message = "Booth {booth} is a startup pod: only startups of the village may take it"
    default_field = "booth"


class StageNotAllocatable(AllocationRefused):
    message = "Booth {booth} is the agora stage, shared by everyone: it cannot be allocated"
    default_field = "booth"


class NotAllocated(Conflict):
    slug = "expo-booth-free"
    title = "This booth is free"
    message = "Booth {booth} is not allocated: there is nothing to release"
    default_field = "booth"


class BoothOutsideHall(InvalidFloorPlan):
    message = "Booth {booth} lies outside the hall: keep x + w and y + h within the hall's size"
    default_field = "booths"


class BoothsOverlap(InvalidFloorPlan):
    message = "Booths {first} and {second} overlap: move or shrink one of them"
    default_field = "booths"


class BoothAreaTooLarge(InvalidFloorPlan):
    message = "Booth {booth} declares more area than its rectangle (w × h): give at most {most} m²"
    default_field = "booths"


class BoothInAnotherHall(InvalidFloorPlan):
    message = "Booth {booth} already belongs to another hall of this edition: give it a new code"
    default_field = "booths"


class DuplicateBoothCode(InvalidFloorPlan):
    message = "Booth code {booth} appears twice in the plan: give each booth its own code"
    default_field = "booths"


class BoothStillAllocated(InvalidFloorPlan):
    message = "Booth {booth} is allocated: release it before removing it from the plan"
    default_field = "booths"


class NotStaffOfExhibitor(PermissionDenied):
    slug = "expo-not-exhibitor-staff"
    title = "Not one of this exhibitor's staff"
    message = "Only the staff of {exhibitor} may see or scan its leads"
    default_field = "exhibitor"


class NoExhibitorOfYours(PermissionDenied):
    slug = "expo-no-exhibitor"
    title = "No exhibitor linked to your account"
    message = "Ask the organizers to link your account to your company for this edition"
    default_field = "exhibitor"


class BadgeRefused(InvalidInput):
    slug = "expo-badge-refused"
    title = "This badge cannot be scanned"
    message = "{reason}: scan the badge again or type the code under its QR"
    default_field = "code"

    def describe(self, lang: str) -> str:
        """Return the detail in a language, the verifier's reason included."""
        if not self._templated or self.message is None:
            return self.detail
        params = {**self.params, "reason": gettext(str(self.params.get("reason", "")), lang)}
        return gettext(self.message, lang).format(**params)


class NoLiveRegistration(BadgeRefused):
    message = "No confirmed registration of this edition holds this badge"


class NotRegistered(InvalidInput):
    slug = "expo-not-registered"
    title = "You are not registered"
    message = "Register to this edition before choosing what exhibitors receive"
    default_field = "year"
