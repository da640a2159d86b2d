"""/reset-password?token=…: set a new password from an officer's one-time link."""

from __future__ import annotations

import reflex as rx

from patt_app.components.forms import account_form, field, form_card, password_input
from patt_app.components.kit import note
from patt_app.components.layout import template
from patt_app.states.reset_password import ResetPasswordState as S


def _form() -> rx.Component:
    return account_form(
        field(
            "New password", password_input("password", "reset-password"), "At least 8 characters."
        ),
        field("New password again", password_input("password_again", "reset-password-again")),
        error=S.error,
        submit="Set my new password",
        submit_id="reset-submit",
        busy=S.busy,
        on_submit=S.set_new_password,
        reset_on_submit=True,
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
                note("An officer sent you this link. It works once, for 72 hours."),
                _form(),
                spacing="3",
                width="100%",
            ),
        ),
    )
