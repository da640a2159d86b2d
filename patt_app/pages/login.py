"""Log in and register pages."""

from __future__ import annotations

import reflex as rx

from patt_app.components.forms import error_callout, field, form_card
from patt_app.components.layout import template
from patt_app.components.theme import MUTED
from patt_app.states.login import LoginState

BROWSER_TIMEZONE_SCRIPT = (
    "document.getElementById('register-timezone').value = "
    "Intl.DateTimeFormat().resolvedOptions().timeZone || ''"
)


@template(route="/login", title="Log in", on_load=LoginState.open_login)
def login() -> rx.Component:
    """Discord username and password."""
    return form_card(
        "Log in",
        rx.form(
            rx.vstack(
                field(
                    "Discord username",
                    rx.input(
                        name="username",
                        id="login-username",
                        auto_complete="username",
                        required=True,
                        width="100%",
                    ),
                ),
                field(
                    "Password",
                    rx.input(
                        name="password",
                        id="login-password",
                        type="password",
                        auto_complete="current-password",
                        required=True,
                        width="100%",
                    ),
                ),
                error_callout(LoginState.error),
                rx.button(
                    "Log in",
                    type="submit",
                    width="100%",
                    loading=LoginState.busy,
                    id="login-submit",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.login,
            width="100%",
        ),
        rx.text(
            "New here? An officer gives you an invite code; then ",
            rx.link("register", href="/register"),
            ".",
            size="2",
            color=MUTED,
        ),
    )


@template(route="/register", title="Register", on_load=LoginState.open_register)
def register() -> rx.Component:
    """Invite code, Discord username, password."""
    return form_card(
        "Join the guild site",
        rx.text(
            "Use the invite code an officer sent you and your Discord username.",
            size="2",
            color=MUTED,
        ),
        rx.form(
            rx.vstack(
                field(
                    "Invite code",
                    rx.input(
                        name="code",
                        id="register-code",
                        default_value=LoginState.invite_code,
                        key=LoginState.invite_code,
                        placeholder="8 characters",
                        required=True,
                        width="100%",
                        text_transform="uppercase",
                    ),
                ),
                field(
                    "Discord username",
                    rx.input(
                        name="username",
                        id="register-username",
                        auto_complete="username",
                        required=True,
                        width="100%",
                    ),
                ),
                field(
                    "Password",
                    rx.input(
                        name="password",
                        id="register-password",
                        type="password",
                        auto_complete="new-password",
                        required=True,
                        width="100%",
                    ),
                    "At least 8 characters.",
                ),
                field(
                    "Password again",
                    rx.input(
                        name="password_again",
                        type="password",
                        id="register-password-again",
                        auto_complete="new-password",
                        required=True,
                        width="100%",
                    ),
                ),
                rx.el.input(type="hidden", name="timezone", id="register-timezone"),
                error_callout(LoginState.error),
                rx.button(
                    "Create my account",
                    type="submit",
                    width="100%",
                    loading=LoginState.busy,
                    id="register-submit",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.register,
            on_mount=rx.call_script(BROWSER_TIMEZONE_SCRIPT),
            width="100%",
        ),
        rx.text(
            "Already registered? ", rx.link("Log in", href="/login"), ".", size="2", color=MUTED
        ),
    )
