"""A form inside a list row (`rx.foreach`).

Reflex hoists a form's submit callback to the top of the compiled component, outside the loop,
where the row's variables do not exist: `on_submit=lambda data: S.save(row.id, data)` throws
"row_rx_state_ is not defined" in the browser and nothing is sent. The row's id travels as a
hidden field of the form instead, and the handler reads it from the form data."""

from __future__ import annotations

import reflex as rx


def row_form(*children: rx.Component, id_field: str, row_id, on_submit, **props) -> rx.Component:
    """`rx.form` whose data carries `id_field` = `row_id` (read it with `record_id`)."""
    return rx.form(
        rx.el.input(type="hidden", name=id_field, value=row_id),
        *children,
        on_submit=on_submit,
        **props,
    )
