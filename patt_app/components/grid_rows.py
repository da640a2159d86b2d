"""Editable rows laid out as a grid: columns with one header on a wide screen; on a phone each
row becomes a small card of labelled fields in two columns, its buttons below, so no row
scrolls sideways and every Save stays in reach."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import note

WIDE = "sm"  # Radix breakpoints: `sm` is 768 px and up


def grid_header(labels: list[str], columns: str, min_width: str = "0") -> rx.Component:
    """The column headings, shown only where the rows are columns."""
    return rx.grid(
        *[note(label, size="1") for label in labels],
        columns=columns,
        spacing="2",
        min_width=min_width,
        display=rx.breakpoints(initial="none", **{WIDE: "grid"}),
    )


def _labelled(label: str, field: rx.Component) -> rx.Component:
    return rx.box(
        note(label, size="1", display=rx.breakpoints(initial="block", **{WIDE: "none"})),
        field,
        min_width="0",
    )


def grid_row(
    fields: list[tuple[str, rx.Component]],
    actions: rx.Component,
    columns: str,
    min_width: str = "0",
) -> rx.Component:
    """One row: `fields` (label, input) in `columns`, then `actions`; on a phone two labelled
    columns with the actions on a line of their own."""
    return rx.grid(
        *[_labelled(label, field) for label, field in fields],
        rx.box(actions, grid_column=rx.breakpoints(initial="1 / -1", **{WIDE: "auto"})),
        columns=rx.breakpoints(initial="1fr 1fr", **{WIDE: columns}),
        spacing="2",
        align="center",
        min_width=rx.breakpoints(initial="0", **{WIDE: min_width}),
        class_name="grid-row",
    )
