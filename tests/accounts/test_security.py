"""Password hashes, tokens and CSRF tokens."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from casa.core import security

pytestmark = pytest.mark.unit


def test_hash_password_uses_argon2id() -> None:
    stored = security.hash_password("correct horse battery")

    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_verify_password_accepts_the_right_password_only() -> None:
    stored = security.hash_password("correct horse battery")

    assert [
        security.verify_password(stored, "correct horse battery"),
        security.verify_password(stored, "correct horse battery!"),
        security.verify_password(None, "correct horse battery"),
        security.verify_password("not a hash", "correct horse battery"),
    ] == [True, False, False, False]


def test_needs_rehash_when_parameters_are_weaker() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("pw-1234567890")

    assert (security.needs_rehash(weak), security.needs_rehash(security.hash_password("x"))) == (
        True,
        False,
    )


def test_new_token_is_prefixed_and_unique() -> None:
    tokens = {security.new_token() for _ in range(100)}

    assert (len(tokens), all(t.startswith("casa_") and len(t) == 48 for t in tokens)) == (
        100,
        True,
    )


def test_hash_token_is_sha256_hex() -> None:
    # The FIPS 180-2 test vector for "abc".
    assert security.hash_token("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_csrf_tokens_match_only_equal_non_empty_values() -> None:
    token = security.new_csrf_token()

    assert [
        security.csrf_tokens_match(token, token),
        security.csrf_tokens_match(token, token + "x"),
        security.csrf_tokens_match(None, token),
        security.csrf_tokens_match(token, None),
        security.csrf_tokens_match("", ""),
    ] == [True, False, False, False, False]
