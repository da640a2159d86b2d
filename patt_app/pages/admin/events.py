"""/admin/events: the officers' event list, the event form and the weekly series form."""

from __future__ import annotations

import reflex as rx

from patt_app.components.event_form import event_form, season_select
from patt_app.components.kit import (
    card_section,
    form_row,
    labelled,
    link_button,
    note,
    soft_button,
)
from patt_app.components.layout import officer_page
from patt_app.components.local_time import time_span
from patt_app.components.raid_outlook import raid_outlook_section
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, GOLD
from patt_app.states.admin.events import AdminEventRow
from patt_app.states.admin.events import AdminEventsState as S
from patt_app.states.admin.raid_outlook import AdminRaidOutlookState

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _weekdays() -> rx.Component:
    return rx.hstack(
        *[
            rx.el.label(
                rx.el.input(type="checkbox", name=f"day{d}", id=f"series-day{d}"),
                f" {DAYS[d]}",
                style={"margin_right": "0.5rem"},
            )
            for d in range(7)
        ],
        align="center",
    )


def _series_fields() -> tuple[rx.Component, ...]:
    return (
        labelled("Title", rx.input(name="title", default_value="Heroic raid", width="200px")),
        labelled(
            "First date", rx.input(name="first_date", type="date", required=True, id="series-first")
        ),
        _weekdays(),
        labelled("Start", rx.input(name="start", type="time", default_value="21:00")),
        labelled("End", rx.input(name="end", type="time", default_value="23:00")),
        labelled(
            "Weeks",
            rx.input(
                name="weeks", type="number", default_value="10", width="70px", id="series-weeks"
            ),
        ),
        labelled("Season", season_select()),
    )


def _series_form() -> rx.Component:
    return card_section(
        "Weekly series",
        note(
            "Events on the chosen weekdays for a number of weeks, all at the same local time "
            "(21:00 stays 21:00 across a clock change)."
        ),
        rx.form(
            form_row(
                *_series_fields(), rx.button("Create series", type="submit", id="series-save")
            ),
            on_submit=S.create_series,
            reset_on_submit=True,
        ),
        spacing="3",
    )


def _status(event: AdminEventRow) -> rx.Component:
    return rx.cond(
        event.cancelled,
        rx.badge("cancelled", color_scheme="red"),
        rx.cond(
            event.past,
            rx.badge("done", color_scheme="gray"),
            rx.badge("upcoming", color_scheme="green"),
        ),
    )


def _actions(event: AdminEventRow) -> rx.Component:
    """Attendance, Edit, and Cancel (Restore once cancelled)."""
    return rx.hstack(
        rx.link(
            soft_button("Attendance"),
            href="/admin/events/" + event.id.to_string(),
        ),
        soft_button("Edit", on_click=S.edit(event.id)),
        rx.cond(
            event.cancelled,
            soft_button(
                "Restore",
                on_click=S.set_cancelled(event.id, False),
            ),
            soft_button(
                "Cancel",
                color_scheme="red",
                on_click=S.set_cancelled(event.id, True),
            ),
        ),
    )


def _row(event: AdminEventRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(event.title, href="/admin/events/" + event.id.to_string(), color=GOLD)
        ),
        rx.table.cell(time_span(event.starts, event.ends, S.officer_zone)),
        rx.table.cell(note(event.season, size="1")),
        rx.table.cell(event.signed_up),
        rx.table.cell(_status(event)),
        rx.table.cell(_actions(event)),
        class_name="admin-event",
    )


@officer_page(
    route="/admin/events",
    title="Raid events",
    state=S,
    loads=[S.load, AdminRaidOutlookState.load],
    beside=lambda: (rx.spacer(), link_button("Season attendance", "/admin/attendance")),
)
def admin_events_page() -> tuple[rx.Component, ...]:
    return (
        raid_outlook_section(),
        event_form(),
        _series_form(),
        simple_table(
            ("Event", "When (your time)", "Season", "Signed up", "Status", ""),
            S.events,
            _row,
            style=CARD_STYLE,
        ),
    )
