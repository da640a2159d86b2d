"""A labelled text field that shows its limit and stops at it as you type.

The browser refuses characters past `limit` (maxlength) and a line under the field counts
what was typed ("1204 / 2000"), kept in the browser: no round trip per key. The server still
checks the limit (a form can be sent without this page)."""

from __future__ import annotations

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

from patt_app.components.kit import note


def limited_field(
    label: str, name: str, limit: int, *, multiline: bool = False, **props
) -> rx.Component:
    """`label` over an input (or text area) named `name` of at most `limit` characters."""
    typed = ClientStateVar.create(default="")
    control = rx.text_area if multiline else rx.input
    length = typed.value.to(str).length()
    return rx.vstack(
        note(label, size="1"),
        control(name=name, max_length=limit, on_change=typed.set_value, **props),
        note(
            rx.cond(
                length > 0,
                length.to_string() + f" / {limit}",
                f"up to {limit:,} characters",
            ),
            size="1",
            class_name="field-limit",
        ),
        spacing="1",
    )
