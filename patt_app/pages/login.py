"""Log in and register pages."""

from __future__ import annotations

import reflex as rx

from patt_app.components.forms import (
    account_form,
    account_input,
    field,
    form_card,
    password_input,
)
from patt_app.components.kit import note
from patt_app.components.layout import template
from patt_app.states.login import LoginState

BROWSER_TIMEZONE_SCRIPT = (
    "document.getElementById('register-timezone').value = "
    "Intl.DateTimeFormat().resolvedOptions().timeZone || ''"
)


def _username(element_id: str) -> rx.Component:
    return field("Discord username", account_input("username", element_id, "username"))


@template(route="/login", title="Log in", on_load=LoginState.open_login)
def login() -> rx.Component:
    """Discord username and password."""
    return form_card(
        "Log in",
        account_form(
            _username("login-username"),
            field("Password", password_input("password", "login-password", "current-password")),
            error=LoginState.error,
            submit="Log in",
            submit_id="login-submit",
            busy=LoginState.busy,
            on_submit=LoginState.login,
        ),
        note(
            "New here? An officer gives you an invite code; then ",
            rx.link("register", href="/register"),
            ".",
        ),
    )


@template(route="/register", title="Register", on_load=LoginState.open_register)
def register() -> rx.Component:
    """Invite code, Discord username, password."""
    invite_code = account_input(
        "code",
        "register-code",
        default_value=LoginState.invite_code,
        key=LoginState.invite_code,
        placeholder="8 characters",
        text_transform="uppercase",
    )
    return form_card(
        "Join the guild site",
        note("Use the invite code an officer sent you and your Discord username."),
        account_form(
            field("Invite code", invite_code),
            _username("register-username"),
            field(
                "Password",
                password_input("password", "register-password"),
                "At least 8 characters.",
            ),
            field("Password again", password_input("password_again", "register-password-again")),
            rx.el.input(type="hidden", name="timezone", id="register-timezone"),
            error=LoginState.error,
            submit="Create my account",
            submit_id="register-submit",
            busy=LoginState.busy,
            on_submit=LoginState.register,
            # Built into the page as a function (rx.run_script), never a string to evaluate:
            # the Content-Security-Policy allows no eval.
            on_mount=rx.run_script(rx.Var(BROWSER_TIMEZONE_SCRIPT)),
        ),
        note("Already registered? ", rx.link("Log in", href="/login"), "."),
    )
