"""/reset-password?token=…: set a new password from an officer's one-time link."""

from __future__ import annotations

import reflex as rx

from patt_app.components.forms import error_callout, field, form_card
from patt_app.components.layout import template
from patt_app.components.theme import MUTED
from patt_app.states.password_reset import ResetPasswordState as S


def _password(label: str, name: str, hint: str = "") -> rx.Component:
    return field(
        label,
        rx.input(
            name=name,
            id=f"reset-{name.replace('_', '-')}",
            type="password",
            auto_complete="new-password",
            required=True,
            width="100%",
        ),
        hint,
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            _password("New password", "password", "At least 8 characters."),
            _password("New password again", "password_again"),
            error_callout(S.error),
            rx.button(
                "Set my new password",
                type="submit",
                width="100%",
                loading=S.busy,
                id="reset-submit",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.set_new_password,
        reset_on_submit=True,
        width="100%",
    )


@template(route="/reset-password", title="Set a new password", on_load=S.open_reset)
def reset_password() -> rx.Component:
    """The form, or where to go once the password is set."""
    return form_card(
        "Set a new password",
        rx.cond(
            S.done,
            rx.vstack(
                rx.callout(
                    "Your password is changed and every login of your account was ended.",
                    icon="check",
                    color_scheme="green",
                    width="100%",
                    id="reset-done",
                ),
                rx.link(rx.button("Log in", width="100%"), href="/login", width="100%"),
                spacing="3",
                width="100%",
            ),
            rx.vstack(
                rx.text(
                    "An officer sent you this link. It works once, for 72 hours.",
                    size="2",
                    color=MUTED,
                ),
                _form(),
                spacing="3",
                width="100%",
            ),
        ),
    )
