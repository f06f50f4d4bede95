"""Who is calling and what they may do: one dependency per permission check.

Contract used by every domain (implementation to come):

- ``CurrentUser``: the authenticated user (bearer token or session cookie), else 401.
- ``OptionalUser``: the user or None.
- ``require(permission)``: a dependency that returns the user if one of its roles grants the
  permission, else raises NotAuthenticated (401) or PermissionDenied (403).
"""
