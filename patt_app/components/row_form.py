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


def popover_row_form(
    trigger: rx.Component,
    *fields: rx.Component,
    submit: rx.Component,
    id_field: str,
    row_id,
    on_submit,
    across: bool = False,
    **content_props,
) -> rx.Component:
    """`trigger` opens a small `row_form` about one row of a list: its fields and `submit`,
    stacked (or `across` one line); sending it closes the popover."""
    body = (
        rx.hstack(*fields, rx.popover.close(submit))
        if across
        else rx.vstack(*fields, rx.popover.close(submit), width="100%")
    )
    return rx.popover.root(
        rx.popover.trigger(trigger),
        rx.popover.content(
            row_form(body, id_field=id_field, row_id=row_id, on_submit=on_submit),
            **content_props,
        ),
    )
