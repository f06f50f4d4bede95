"""Roles and the permissions they grant: the one table every access decision reads.

A permission is a ``"<resource>:<action>"`` string. Each domain adds the permissions its
endpoints check to ``PERMISSIONS`` below, with the roles that grant them; ``admin`` holds
every permission without being listed.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_ROLE = "citizen"
ADMIN_ROLE = "admin"

ROLES: tuple[str, ...] = (
    "citizen",
    "driver",
    "garage_owner",
    "parking_operator",
    "courier",
    "organizer",
    "exhibitor",
    "journalist",
    "juror",
    "staff",
    "admin",
)

#: English message ids of the roles' names, translated where they are shown.
ROLE_LABELS: dict[str, str] = {
    "citizen": "Citizen",
    "driver": "Driver",
    "garage_owner": "Garage owner",
    "parking_operator": "Parking operator",
    "courier": "Courier",
    "organizer": "Organizer",
    "exhibitor": "Exhibitor",
    "journalist": "Journalist",
    "juror": "Juror",
    "staff": "City staff",
    "admin": "Administrator",
}

PERMISSIONS: dict[str, frozenset[str]] = {
    "users:manage": frozenset({ADMIN_ROLE}),
    "notices:post": frozenset({"staff", ADMIN_ROLE}),
    "parking:reserve": frozenset(
        {"citizen", "driver", "garage_owner", "parking_operator", "staff"}
    ),
    "parking:declare": frozenset({"garage_owner", "parking_operator", "staff"}),
    "transit:alerts": frozenset({"staff", ADMIN_ROLE}),
    "parking:share": frozenset({"garage_owner", "staff"}),
    "expo:organize": frozenset({"organizer"}),
    "expo:checkin": frozenset({"organizer", "staff"}),
    "expo:exhibit": frozenset({"exhibitor"}),
    "expo:press": frozenset({"journalist"}),
}


def is_role(role: str) -> bool:
    """Tell whether a role name is one Casa knows."""
    return role in ROLES


def check_permission_name(permission: str) -> None:
    """Raise ValueError for a permission nobody declared (a typo would otherwise deny all)."""
    if permission not in PERMISSIONS:
        known = ", ".join(sorted(PERMISSIONS))
        raise ValueError(f"unknown permission {permission!r}; declared permissions: {known}")


def grants(roles: Iterable[str], permission: str) -> bool:
    """Tell whether any of these roles grants a permission."""
    held = set(roles)
    if ADMIN_ROLE in held:
        return True
    return bool(held & PERMISSIONS.get(permission, frozenset()))


def permissions_of(roles: Iterable[str]) -> list[str]:
    """Return every permission these roles grant, sorted."""
    held = list(roles)
    return sorted(p for p in PERMISSIONS if grants(held, p))
