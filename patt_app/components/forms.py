"""Form pieces shared by the account pages (log in, register, password reset and change)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_stack, note
from patt_app.components.theme import GOLD


def field(label: str, control: rx.Component, hint: str = "", **props) -> rx.Component:
    """A labelled form control, full width unless `props` say otherwise."""
    props.setdefault("width", "100%")
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        control,
        rx.cond(hint != "", note(hint, size="1")) if hint else rx.fragment(),
        spacing="1",
        **props,
    )


def form_card(title: str, *children: rx.Component) -> rx.Component:
    """A narrow centred card for login-style forms."""
    return rx.center(
        card_stack(
            rx.heading(title, size="6", color=GOLD),
            *children,
            spacing="4",
            max_width="420px",
        ),
        width="100%",
        padding_y="2rem",
    )


def error_callout(message: rx.Var[str]) -> rx.Component:
    """The form's refusal, if any, in plain words."""
    return rx.cond(
        message != "",
        rx.callout(
            message, icon="triangle_alert", color_scheme="red", width="100%", id="form-error"
        ),
    )


def account_input(
    name: str, element_id: str, autocomplete: str = "", *, password: bool = False, **props
) -> rx.Component:
    """A required, full-width input of an account form (a password's text hidden)."""
    if password:
        props["type"] = "password"
    if autocomplete:
        props["auto_complete"] = autocomplete
    return rx.input(name=name, id=element_id, required=True, width="100%", **props)


def password_input(name: str, element_id: str, autocomplete: str = "new-password") -> rx.Component:
    """A password box: `current-password` to log in, `new-password` to choose one."""
    return account_input(name, element_id, autocomplete, password=True)


def account_form(
    *fields: rx.Component,
    error: rx.Var[str],
    submit: str,
    submit_id: str,
    busy: rx.Var[bool],
    on_submit,
    **form_props,
) -> rx.Component:
    """Fields, the refusal if any, and one full-width submit button showing it is busy."""
    return rx.form(
        rx.vstack(
            *fields,
            error_callout(error),
            rx.button(submit, type="submit", width="100%", loading=busy, id=submit_id),
            spacing="3",
            width="100%",
        ),
        on_submit=on_submit,
        width="100%",
        **form_props,
    )
