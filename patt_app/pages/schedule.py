"""/schedule: the guild's week at a glance for members (counts only, no names)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.heatmap import (
    day_summary_table,
    filter_controls,
    heatmap_grid,
    legend,
    week_controls,
)
from patt_app.components.kit import card_stack
from patt_app.components.layout import template
from patt_app.components.page_header import page_header
from patt_app.components.theme import MUTED
from patt_app.services.reference.time_zones import timezone_names
from patt_app.states.schedule import ScheduleState


def zone_list() -> rx.Component:
    return rx.el.datalist(*[rx.el.option(value=z) for z in timezone_names()], id="zones")


def schedule_body(*, on_cell_click=None, extra: rx.Component | None = None) -> rx.Component:
    """What /schedule and /admin/schedule share."""
    return rx.cond(
        ScheduleState.loaded,
        rx.vstack(
            week_controls(),
            filter_controls(),
            card_stack(heatmap_grid(on_cell_click), legend(), spacing="2"),
            extra if extra is not None else rx.fragment(),
            day_summary_table(),
            zone_list(),
            spacing="4",
            width="100%",
        ),
        rx.center(rx.spinner(size="3"), padding="4rem"),
    )


@template(route="/schedule", title="Guild schedule", on_load=ScheduleState.load)
def schedule_page() -> rx.Component:
    return rx.vstack(
        page_header("When the guild can raid"),
        rx.text(
            "How many raiders are free in each half hour of the week, weighted by rank. "
            "Hover a cell for details. It updates live as members change their "
            "availability.",
            color=MUTED,
        ),
        schedule_body(),
        spacing="3",
        width="100%",
    )
