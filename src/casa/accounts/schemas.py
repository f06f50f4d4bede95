"""Input and output shapes of accounts."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from casa.accounts.models import User
from casa.accounts.permissions import grants, permissions_of
from casa.core.i18n import Language


class RegisterIn(BaseModel):
    """A new account; the service checks the email and the password strength."""

    email: str = Field(max_length=254, examples=["amina@example.ma"])
    password: str = Field(max_length=1024, examples=["a long passphrase"])
    name: str = Field(max_length=120, examples=["Amina Bennani"])
    language: Language = "fr"


class ProfileUpdate(BaseModel):
    """Changes to one's own profile; absent fields stay as they are."""

    name: str | None = Field(default=None, max_length=120)
    language: Language | None = None


class EraseIn(BaseModel):
    """The password, confirming that the caller means to erase the account."""

    password: str = Field(max_length=1024)


class TokenOut(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int


class UserOut(BaseModel):
    """A person's account as they see it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    language: str
    roles: list[str]
    permissions: list[str]
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserOut:
        """Return the public view of a user."""
        roles = user.roles
        return cls(
            id=user.id,
            email=user.email,
            name=user.name,
            language=user.language,
            roles=roles,
            permissions=permissions_of(roles),
            created_at=user.created_at,
            last_login_at=user.last_login_at,
        )

    def can(self, permission: str) -> bool:
        """Tell whether this user holds a permission (for templates)."""
        return grants(self.roles, permission)
