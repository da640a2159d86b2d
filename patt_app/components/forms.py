"""Form pieces shared by the account pages."""

from __future__ import annotations

import reflex as rx

from patt_app.components.theme import CARD_STYLE, GOLD, MUTED


def field(label: str, control: rx.Component, hint: str = "") -> rx.Component:
    """A labelled form control."""
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        control,
        rx.cond(hint != "", rx.text(hint, size="1", color=MUTED)) if hint else rx.fragment(),
        spacing="1",
        width="100%",
    )


def form_card(title: str, *children: rx.Component) -> rx.Component:
    """A narrow centred card for login-style forms."""
    return rx.center(
        rx.vstack(
            rx.heading(title, size="6", color=GOLD),
            *children,
            spacing="4",
            width="100%",
            style=CARD_STYLE,
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
