"""A plain table: header labels, one row per item, scrolling sideways on a phone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import reflex as rx


def simple_table(
    headers: Sequence[str], items: rx.Var, render_row: Callable[[Any], rx.Component], **box_props
) -> rx.Component:
    """`headers` over `rx.foreach(items, render_row)`, in a box that scrolls horizontally."""
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
            rx.table.body(rx.foreach(items, render_row)),
            width="100%",
            variant="ghost",
        ),
        overflow_x="auto",
        width="100%",
        **box_props,
    )
