"""A plain table: header labels over one row per item. On a phone (up to 640 px wide) each row
becomes a card: the cells stack, each beside its column's label (under it when the value is too
wide), so every value and every button is on screen without scrolling sideways."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import reflex as rx

from patt_app.components.theme import BORDER, MUTED

PHONE_WIDTH = 640  # px: at or below it, rows are cards


def _scope(headers: Sequence[str]) -> str:
    """A class name for this table's own phone rules (its labels differ from other tables')."""
    return "cards-" + hashlib.sha1("|".join(headers).encode()).hexdigest()[:10]


def phone_card_rules(scope: str, headers: Sequence[str]) -> str:
    """The CSS that turns the rows of the table under `.{scope}` into labelled cards."""
    at = f".{scope}"
    labels = "".join(
        f"{at} tbody td:nth-child({i})::before{{content:{json.dumps(h, ensure_ascii=False)}}}"
        for i, h in enumerate(headers, start=1)
        if h
    )
    return (
        f"@media (max-width:{PHONE_WIDTH}px){{"
        f"{at} table,{at} tbody,{at} tr,{at} td{{display:block;width:100%}}"
        f"{at} table{{height:auto !important}}"  # Radix gives the table no height of its own
        f"{at} thead{{display:none}}"
        f"{at} tbody tr{{border:1px solid {BORDER};border-radius:8px;padding:0.5rem 0.75rem;"
        "margin-bottom:0.6rem}"
        f"{at} tbody td{{padding:0.15rem 0 !important;box-shadow:none !important;height:auto !important;"
        "max-width:none !important;min-width:0 !important;white-space:normal;"
        # the label on the left and the value beside it (a cell holds one element or one text
        # so that it moves as one); a value too wide goes under its label
        "display:flex;flex-wrap:wrap;align-items:baseline;column-gap:0.75rem}"
        f"{at} tbody td::before{{flex:0 0 7.5rem;font-size:0.75rem;color:{MUTED}}}"
        f"{labels}}}"
    )


def cards_on_phone(headers: Sequence[str]) -> tuple[str, rx.Component]:
    """For a table built by hand: the class name to put on the box around it and the style
    element to put inside that box, so its rows are labelled cards on a phone."""
    scope = _scope(headers)
    return scope, rx.el.style(phone_card_rules(scope, headers))


def simple_table(
    headers: Sequence[str], items: rx.Var, render_row: Callable[[Any], rx.Component], **box_props
) -> rx.Component:
    """`headers` over `rx.foreach(items, render_row)`; rows are labelled cards on a phone."""
    scope, rules = cards_on_phone(headers)
    extra_class = box_props.pop("class_name", "")
    return rx.box(
        rules,
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
            rx.table.body(rx.foreach(items, render_row)),
            width="100%",
            variant="ghost",
        ),
        overflow_x="auto",
        width="100%",
        class_name=f"{scope} {extra_class}".strip(),
        **box_props,
    )
