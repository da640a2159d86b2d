"""The week heatmap grid: days as columns, times as rows, colour by weighted score."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.vars import NumberVar

from patt_app.components.kit import card_section, note, wrap_row
from patt_app.components.local_time import calendar_date
from patt_app.components.tables import simple_table
from patt_app.components.theme import BORDER, GOLD
from patt_app.states.heatmap_rows import (
    COUNT,
    HEALER,
    HEAT_COLOURS,
    HIGHLIGHT,
    MAX_ROWS,
    MELEE,
    RANGED,
    SHADE,
    SHADES,
    SKIPPED,
    SLOT,
    TANK,
    WEIGHTED,
    heat_row_var,
)
from patt_app.states.schedule import ScheduleState as S
from patt_app.states.week_view import SummaryRow

DAY_COLOURS = {"green": "#4ade80", "amber": "#fbbf24", "red": "#f87171"}


WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # a grid starts on Monday


def _title(cell: rx.Var, day: NumberVar, label: rx.Var) -> rx.Var:
    """The tooltip, put together in the browser from the cell's numbers, e.g.
    "Tue 22:00: 12 available, score 31 · T2 H3 M4 R3"."""
    return rx.cond(
        cell[SLOT] == SKIPPED,
        "(skipped by the clock change)",
        f"{rx.Var.create(WEEKDAY_NAMES)[day]} {label}: {cell[COUNT]} available, score "
        f"{cell[WEIGHTED]} · T{cell[TANK]} H{cell[HEALER]} M{cell[MELEE]} R{cell[RANGED]}",
    )


def _cell(cell: rx.Var, day: rx.Var, label: rx.Var, on_click: Callable | None) -> rx.Component:
    highlighted = cell[HIGHLIGHT] == 1
    return rx.box(
        rx.cond(cell[COUNT] > 0, rx.text(cell[COUNT], size="1"), ""),
        background=rx.Var.create(SHADES)[cell[SHADE]],
        title=_title(cell, day, label),
        outline=rx.cond(highlighted, f"2px solid {GOLD}", "none"),
        outline_offset="-2px",
        text_align="center",
        height="1.35rem",
        line_height="1.35rem",
        border_radius="3px",
        cursor="pointer" if on_click else "default",
        on_click=on_click(cell[SLOT]) if on_click else None,
        id=rx.cond(cell[SLOT] == SKIPPED, "", "cell-" + cell[SLOT].to_string()),
        class_name=rx.cond(highlighted, "heat-cell highlighted", "heat-cell"),
    )


def _row(label: rx.Var, cells: rx.Var, on_click: Callable | None) -> rx.Component:
    return rx.fragment(
        note(label, size="1", text_align="right", padding_right="0.4rem", line_height="1.35rem"),
        rx.foreach(cells, lambda c, day: _cell(c, day, label, on_click)),
    )


_ROW_COMPONENTS: dict[Callable | None, Callable[..., rx.Component]] = {}


def _row_component(on_click: Callable | None) -> Callable[..., rx.Component]:
    """One row as a memoised React component (one per click handler): React redraws only
    the rows whose cells changed, and the page holds the row's markup once, not 96 times."""
    if on_click not in _ROW_COMPONENTS:

        def heat_row(label: rx.Var[str], cells: rx.Var[list[list[int]]]) -> rx.Component:
            return _row(label, cells, on_click)

        heat_row.__name__ = "heat_row" if on_click is None else "clickable_heat_row"
        _ROW_COMPONENTS[on_click] = rx.memo(heat_row)
    return _ROW_COMPONENTS[on_click]


def legend() -> rx.Component:
    return rx.hstack(
        note("Weighted score:", size="1"),
        note("none", size="1"),
        *[
            rx.box(
                width="1.2rem",
                height="0.8rem",
                background=c,
                border_radius="2px",
                border=f"1px solid {BORDER}",
            )
            for c in HEAT_COLOURS
        ],
        note("highest this week", size="1"),
        align="center",
        spacing="1",
        wrap="wrap",
    )


def heatmap_grid(on_click: Callable | None = None) -> rx.Component:
    """The grid; `on_click(slot_key)` makes cells clickable (officers)."""
    return rx.box(
        rx.grid(
            rx.box(),
            rx.foreach(
                S.day_headers, lambda h: rx.text(h, size="1", weight="bold", text_align="center")
            ),
            *[
                rx.cond(
                    S.row_labels.length() > n,
                    _row_component(on_click)(
                        label=S.row_labels[n], cells=getattr(S, heat_row_var(n))
                    ),
                )
                for n in range(MAX_ROWS)
            ],
            columns="3.2rem repeat(7, minmax(2.6rem, 1fr))",
            gap="2px",
            min_width="420px",
        ),
        overflow_x="auto",
        width="100%",
        id="heatmap",
    )


def _summary_row(row: SummaryRow) -> rx.Component:
    colour = rx.match(
        row.colour,
        ("green", DAY_COLOURS["green"]),
        ("amber", DAY_COLOURS["amber"]),
        DAY_COLOURS["red"],
    )
    return rx.table.row(
        rx.table.cell(row.day),
        rx.table.cell(row.count),
        rx.table.cell(rx.text(row.percent, color=colour, weight="bold")),
        rx.table.cell(row.weighted),
        rx.table.cell(rx.text(row.roles, size="2")),
        class_name="summary-row",
    )


def day_summary_table() -> rx.Component:
    return card_section(
        "Day summary",
        note(
            "Players whose available time starts that day (on past midnight still counts for "
            "the evening it started), of ",
            S.active_count,
            " active. Green ≥ 70 %, amber 40–69 %, red < 40 %.",
        ),
        simple_table(
            ("Day", "Available", "% of active", "Weighted", "Tanks · Healers · Melee · Ranged"),
            S.summary,
            _summary_row,
        ),
        spacing="2",
    )


def week_controls() -> rx.Component:
    return wrap_row(
        rx.button("‹ Previous", variant="soft", on_click=S.shift_week(-1), id="prev-week"),
        rx.button("This week", variant="soft", on_click=S.this_week),
        rx.button("Next ›", variant="soft", on_click=S.shift_week(1), id="next-week"),
        rx.text(
            "Week of ",
            calendar_date(S.week_start),
            weight="bold",
            id="week-label",
        ),
        rx.form(
            rx.hstack(
                rx.input(
                    name="zone",
                    placeholder=S.viewer_zone,
                    list="zones",
                    size="2",
                    width="200px",
                    id="zone-input",
                ),
                rx.button("Show in zone", type="submit", size="2", variant="soft"),
            ),
            on_submit=S.set_zone,
            reset_on_submit=True,
        ),
        note("Times in ", rx.text.strong(S.viewer_zone, id="viewer-zone")),
        rx.select.root(
            rx.select.trigger(width="110px"),
            rx.select.content(
                rx.select.item("15 min", value="15"),
                rx.select.item("30 min", value="30"),
                rx.select.item("60 min", value="60"),
            ),
            value=S.slot_minutes.to_string(),
            on_change=S.set_slot_minutes,
        ),
        gap="0.6rem",
        width="100%",
    )


def filter_controls() -> rx.Component:
    return wrap_row(
        rx.text("Minimum rank", size="2"),
        rx.select.root(
            rx.select.trigger(width="140px"),
            rx.select.content(
                *[
                    rx.select.item(label, value=str(v))
                    for v, label in (
                        (0, "Everyone"),
                        (2, "Member+"),
                        (3, "Veteran+"),
                        (4, "Officer+"),
                    )
                ]
            ),
            value=S.min_rank.to_string(),
            on_change=S.set_min_rank,
        ),
        *[
            rx.button(
                label,
                size="1",
                variant=rx.cond(S.roles.contains(key), "solid", "outline"),
                on_click=S.toggle_role(key),
            )
            for key, label in (
                ("tank", "Tanks"),
                ("healer", "Healers"),
                ("melee", "Melee"),
                ("ranged", "Ranged"),
            )
        ],
        note("(no role selected = all roles)", size="1"),
        gap="0.6rem",
    )
