"""/events: upcoming raids (sign up, withdraw, excuse), my attendance, my calendar link."""

from __future__ import annotations

import reflex as rx

from patt_app.components.calendar_link import calendar_card
from patt_app.components.clock_change_notes import clock_change_note
from patt_app.components.kit import (
    card_section,
    empty_or,
    loaded_page,
    note,
    soft_button,
    stat,
    wrap_row,
)
from patt_app.components.layout import template
from patt_app.components.local_time import time_span
from patt_app.components.my_record import record_lines
from patt_app.components.page_header import page_header
from patt_app.components.row_form import popover_row_form
from patt_app.components.theme import GOLD, ITEM_STYLE, MUTED
from patt_app.states.clock_change_notes import ClockChangeNotesState
from patt_app.states.events import EventsState as S
from patt_app.states.events import MyEvent

STATUS_COLOURS = {
    "signed up": "green",
    "late": "amber",
    "bench volunteer": "purple",
    "waitlisted": "blue",
    "tentative": "yellow",
    "benched": "purple",
    "excused": "orange",
    "not signed up": "gray",
    "cancelled": "red",
    "attended": "green",  # (a past raid's "late" is the same amber as an upcoming one's)
    "left early": "amber",
    "missed": "red",
}


def _status(status) -> rx.Component:
    return rx.badge(
        status, color_scheme=rx.match(status, *[(k, v) for k, v in STATUS_COLOURS.items()], "gray")
    )


def _excuse(event: MyEvent) -> rx.Component:
    return popover_row_form(
        soft_button("Can't make it", color_scheme="orange"),
        rx.input(
            name="note", placeholder="Why? (officers see this)", max_length=200, width="240px"
        ),
        submit=rx.button("Send excuse", size="1", type="submit"),
        id_field="event_id",
        row_id=event.id,
        on_submit=S.excuse,
    )


def _late(event: MyEvent) -> rx.Component:
    return popover_row_form(
        soft_button("Late", color_scheme="amber"),
        rx.text("Roughly how late? (minutes)", size="1"),
        rx.input(name="minutes", type="number", min=1, max=240, placeholder="30", width="120px"),
        submit=rx.button("I'll be late", size="1", type="submit"),
        id_field="event_id",
        row_id=event.id,
        on_submit=S.late,
    )


ROLE_SELECT = {
    "background": "transparent",
    "color": "inherit",
    "border": "1px solid rgba(255,255,255,0.2)",
    "border_radius": "6px",
    "font_size": "12px",
    "padding": "0.15rem 0.25rem",
}
SIGNED = ("signed up", "late", "bench volunteer", "waitlisted", "benched")


def _role_select(event: MyEvent) -> rx.Component:
    """Sign up as another of one's roles."""
    return rx.el.select(
        rx.foreach(event.other_roles, lambda r: rx.el.option("as ", r[1], value=r[0])),
        value=event.role,
        on_change=lambda v: S.sign_up_as(event.id, v),
        class_name="signup-role",
        style=ROLE_SELECT,
    )


def _choices(event: MyEvent) -> rx.Component:
    """The same choices as the buttons on the raid's Discord post."""
    signed = rx.Var.create(list(SIGNED)).contains(event.status)
    return rx.hstack(
        rx.cond(
            signed,
            soft_button("Withdraw", color_scheme="gray", on_click=S.withdraw(event.id)),
            rx.button("Sign up", size="1", on_click=S.sign_up(event.id)),
        ),
        rx.cond(signed & (event.other_roles.length() > 0), _role_select(event)),
        rx.cond(
            event.status != "tentative",
            soft_button("Tentative", color_scheme="yellow", on_click=S.tentative(event.id)),
        ),
        _late(event),
        rx.cond(
            event.status != "bench volunteer",
            soft_button(
                "Bench",
                color_scheme="purple",
                title="Will sit if needed",
                on_click=S.bench(event.id),
            ),
        ),
        _excuse(event),
        wrap="wrap",
        spacing="2",
    )


def _times(event: MyEvent) -> rx.Component:
    """In the member's zone, then in UTC for guildmates elsewhere (shown, not on hover, so a
    phone shows it too)."""
    return rx.fragment(
        time_span(
            event.start_iso,
            event.end_iso,
            S.viewer_zone,
            color=GOLD,
            size="2",
            class_name="event-when",
        ),
        time_span(
            event.start_iso, event.end_iso, "UTC", size="1", color=MUTED, class_name="event-utc"
        ),
    )


def _upcoming(event: MyEvent) -> rx.Component:
    return wrap_row(
        rx.vstack(
            rx.text(event.title, weight="bold"),
            _times(event),
            clock_change_note(event.id),
            rx.cond(event.notes != "", note(event.notes, size="1")),
            spacing="1",
        ),
        rx.spacer(),
        rx.vstack(
            _status(event.status),
            rx.cond(
                event.detail != "",
                note(event.detail, size="1", class_name="event-detail"),
            ),
            spacing="1",
            align="end",
        ),
        rx.cond(event.can_change, _choices(event)),
        style=ITEM_STYLE,
        class_name="upcoming-event",
    )


def _record() -> rx.Component:
    return rx.cond(
        S.record,
        card_section(
            "My attendance",
            note(S.record.season),
            rx.hstack(
                stat("Attendance", S.record.percent, id="my-percent"),
                stat(
                    "Attended",
                    S.record.attended,
                    " of ",
                    S.record.expected,
                    size="4",
                    weight="regular",
                ),
                stat("Excused", S.record.excused, size="4", weight="regular"),
                stat("Late", S.record.late, size="4", weight="regular", id="my-late"),
                stat("Left early", S.record.left_early, size="4", weight="regular"),
                spacing="6",
                wrap="wrap",
                row_gap="0.75rem",
            ),
            note("Excused raids don't count against you.", size="1"),
            note("Think a record is wrong? Say so: an officer will answer here.", size="1"),
            record_lines(),
            spacing="2",
        ),
    )


@template(route="/events", title="Raids", on_load=[S.load, ClockChangeNotesState.load])
def events_page() -> rx.Component:
    return loaded_page(
        S.loaded,
        page_header("Upcoming raids"),
        rx.text(
            "Times are in your time zone (UTC below each, for guildmates elsewhere). "
            "Until the raid starts: sign up, tentative, late, bench (you'll sit if seats "
            "run short) or can't make it — the same buttons as on the raid's Discord post.",
            color=MUTED,
        ),
        empty_or(
            S.upcoming,
            rx.vstack(rx.foreach(S.upcoming, _upcoming), width="100%", spacing="2"),
            "No raids scheduled yet.",
            size="3",
        ),
        _record(),
        calendar_card(),
    )
