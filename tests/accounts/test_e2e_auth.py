"""In a browser: create an account, log out, log in again, see the account page, log out."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def _log_out(page: Any) -> None:
    page.locator("main").get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/login")


def test_register_logout_login_account_logout(live_server: Any, page: Any) -> None:
    email = f"amina.{uuid.uuid4().hex[:8]}@example.ma"
    main = page.locator("main")

    page.goto(live_server.url + "/register")
    main.get_by_label("Votre nom").fill("Amina Bennani")
    main.get_by_label("Adresse e-mail").fill(email)
    main.get_by_label("Mot de passe").fill("une phrase assez longue")
    main.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/account")
    registered = (main.locator("h1").inner_text(), main.locator("#profile-email").inner_text())

    _log_out(page)
    logged_out = main.get_by_role("status").inner_text()

    main.get_by_label("Adresse e-mail").fill(email)
    main.get_by_label("Mot de passe").fill("une phrase assez longue")
    main.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/account")
    account = (
        main.locator("#profile-name").inner_text(),
        main.locator("#profile-email").inner_text(),
        main.locator(".role").all_inner_texts(),
    )

    _log_out(page)
    page.goto(live_server.url + "/account")
    page.wait_for_url("**/login?next=%2Faccount")

    assert (registered, logged_out, account) == (
        ("Votre compte", email),
        "Vous êtes déconnecté.",
        ("Amina Bennani", email, ["Citoyen·ne"]),
    )
