"""/availability: when I can raid, per weekday, in my own time zone; and when I am away."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_section, loaded_page, note, soft_button, wrap_row
from patt_app.components.layout import template
from patt_app.components.local_time import calendar_date
from patt_app.components.page_header import page_header
from patt_app.components.theme import ITEM_STYLE, MUTED
from patt_app.services.scheduling.availability import AwayPeriod
from patt_app.states.availability import AvailabilityState as S
from patt_app.states.availability import DayRow

HOUR_CHOICES = [f"{h / 2:g}" for h in range(1, 33)]  # 0.5 … 16


def _day_row(row: DayRow) -> rx.Component:
    return wrap_row(
        rx.text(row.name, weight="bold", width="110px"),
        rx.input(
            type="time",
            default_value=row.start,
            key=row.start + "-" + S.fields_revision.to_string(),
            step=900,
            on_blur=lambda value: S.set_start(row.day, value),
            width="130px",
            id="start-" + row.day.to_string(),
        ),
        rx.select.root(
            rx.select.trigger(
                placeholder="hours", width="110px", id="hours-" + row.day.to_string()
            ),
            rx.select.content(*[rx.select.item(f"{h} h", value=h) for h in HOUR_CHOICES]),
            value=row.hours,
            on_change=lambda value: S.set_hours(row.day, value),
        ),
        rx.cond(
            row.start != "",
            rx.hstack(
                soft_button("Copy to weekdays", on_click=S.copy_to_weekdays(row.day)),
                soft_button(
                    "Clear",
                    color_scheme="gray",
                    on_click=S.clear_day(row.day),
                    id="clear-" + row.day.to_string(),
                ),
            ),
            note("not available"),
        ),
        note(row.preview, size="1", width="100%", id="preview-" + row.day.to_string()),
        style=ITEM_STYLE,
        class_name="availability-day",
    )


def _away_row(period: AwayPeriod) -> rx.Component:
    return rx.hstack(
        rx.text(
            calendar_date(period.start_date), " → ", calendar_date(period.end_date), weight="medium"
        ),
        note(period.note),
        rx.spacer(),
        soft_button("Remove", color_scheme="gray", on_click=S.remove_away(period.id)),
        width="100%",
        align="center",
    )


def _away() -> rx.Component:
    return card_section(
        "Away",
        note(
            "Dates you can't raid at all (vacation, move, new baby). You are left out of the "
            "schedule on those days."
        ),
        rx.foreach(S.away, _away_row),
        rx.form(
            wrap_row(
                rx.input(type="date", name="start_date", required=True, id="away-start"),
                rx.text("to"),
                rx.input(type="date", name="end_date", required=True, id="away-end"),
                rx.input(
                    name="note", placeholder="Note (optional)", max_length=200, id="away-note"
                ),
                rx.button("Add", type="submit"),
                gap="0.5rem",
            ),
            on_submit=S.add_away,
            reset_on_submit=False,  # a refused period keeps its dates; a saved one is cleared
        ),
        spacing="3",
    )


@template(route="/availability", title="My availability", on_load=S.load)
def availability_page() -> rx.Component:
    return loaded_page(
        S.loaded,
        page_header("When can you raid?"),
        rx.text(
            "For each day: the earliest time you can start and how many hours you have. "
            "Times are in your time zone, ",
            rx.text.strong(S.timezone, id="my-zone"),
            " (",
            rx.link("change", href="/profile"),
            "). Leave a day empty if you can't raid. Changes save at once.",
            color=MUTED,
        ),
        rx.vstack(rx.foreach(S.days, _day_row), spacing="2", width="100%"),
        rx.button("Clear all days", variant="soft", color_scheme="red", on_click=S.clear_all),
        _away(),
    )
