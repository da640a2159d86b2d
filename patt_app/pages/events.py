"""/events: upcoming raids (sign up, withdraw, excuse), my attendance, my calendar link."""

from __future__ import annotations

import reflex as rx

from patt_app.components.layout import template
from patt_app.components.raid_times import clock_change_note
from patt_app.components.theme import CARD_STYLE, GOLD, ITEM_STYLE, MUTED
from patt_app.states.events import EventsState as S
from patt_app.states.events import MyEvent
from patt_app.states.raid_times import RaidTimesState

STATUS_COLOURS = {
    "signed up": "green",
    "benched": "purple",
    "excused": "orange",
    "not signed up": "gray",
    "cancelled": "red",
    "attended": "green",
    "missed": "red",
}


def _status(status) -> rx.Component:
    return rx.badge(
        status, color_scheme=rx.match(status, *[(k, v) for k, v in STATUS_COLOURS.items()], "gray")
    )


def _excuse(event: MyEvent) -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(
            rx.button("Can't make it", size="1", variant="soft", color_scheme="orange")
        ),
        rx.popover.content(
            rx.form(
                rx.vstack(
                    rx.input(
                        name="note",
                        placeholder="Why? (officers see this)",
                        max_length=200,
                        width="240px",
                    ),
                    rx.popover.close(rx.button("Send excuse", size="1", type="submit")),
                ),
                on_submit=lambda data: S.excuse(event.id, data),
            )
        ),
    )


def _upcoming(event: MyEvent) -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.text(event.title, weight="bold"),
            rx.text(event.when, color=GOLD, size="2", title=event.utc),
            clock_change_note(event.id),
            rx.cond(event.notes != "", rx.text(event.notes, size="1", color=MUTED)),
            spacing="1",
        ),
        rx.spacer(),
        _status(event.status),
        rx.cond(
            event.can_change,
            rx.hstack(
                rx.cond(
                    (event.status == "signed up") | (event.status == "benched"),
                    rx.button(
                        "Withdraw",
                        size="1",
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.withdraw(event.id),
                    ),
                    rx.button("Sign up", size="1", on_click=S.sign_up(event.id)),
                ),
                _excuse(event),
            ),
        ),
        gap="0.75rem",
        align="center",
        wrap="wrap",
        style=ITEM_STYLE,
        class_name="upcoming-event",
    )


def _past(event: MyEvent) -> rx.Component:
    return rx.hstack(
        rx.text(event.when, size="2", width="110px"),
        rx.text(event.title, size="2"),
        rx.spacer(),
        _status(event.status),
        width="100%",
        class_name="past-event",
    )


def _record() -> rx.Component:
    return rx.cond(
        S.record,
        rx.vstack(
            rx.heading("My attendance", size="4"),
            rx.text(S.record.season, color=MUTED, size="2"),
            rx.hstack(
                rx.vstack(
                    rx.text("Attendance", size="1", color=MUTED),
                    rx.text(S.record.percent, size="6", weight="bold", id="my-percent"),
                ),
                rx.vstack(
                    rx.text("Attended", size="1", color=MUTED),
                    rx.text(S.record.attended, " of ", S.record.expected, size="4"),
                ),
                rx.vstack(
                    rx.text("Excused", size="1", color=MUTED), rx.text(S.record.excused, size="4")
                ),
                spacing="6",
            ),
            rx.text("Excused raids don't count against you.", size="1", color=MUTED),
            rx.vstack(rx.foreach(S.past, _past), width="100%", spacing="1"),
            style=CARD_STYLE,
            width="100%",
            spacing="2",
        ),
    )


def _calendar() -> rx.Component:
    return rx.vstack(
        rx.heading("Raids in your calendar", size="4"),
        rx.text(
            "A private link for Google Calendar, Outlook or Apple Calendar "
            '("subscribe by URL"). It is shown only once, when you make it: keep it to '
            "yourself, and make a new one if it leaks or you lose it.",
            size="2",
            color=MUTED,
        ),
        rx.cond(
            S.calendar_link != "",
            rx.hstack(
                rx.code(S.calendar_link, size="1", id="calendar-link", word_break="break-all"),
                rx.button(
                    rx.icon("copy", size=14),
                    "Copy link",
                    size="1",
                    on_click=[
                        rx.set_clipboard(S.calendar_link),
                        rx.toast.info("Calendar link copied."),
                    ],
                ),
                wrap="wrap",
                align="center",
            ),
            rx.text(
                rx.cond(
                    S.has_calendar_link,
                    "Your calendar link is in use. Making a new one stops the old one.",
                    "You have no calendar link yet.",
                ),
                size="2",
                id="calendar-status",
            ),
        ),
        rx.button(
            rx.cond(S.has_calendar_link, "Make a new link", "Make my calendar link"),
            size="1",
            variant="soft",
            color_scheme="gray",
            on_click=S.reset_calendar,
            id="make-calendar-link",
        ),
        style=CARD_STYLE,
        width="100%",
        spacing="2",
    )


@template(route="/events", title="Raids", on_load=[S.load, RaidTimesState.load])
def events_page() -> rx.Component:
    return rx.cond(
        S.loaded,
        rx.vstack(
            rx.heading("Upcoming raids", size="7", color=GOLD),
            rx.text(
                "Times are in your time zone; hover for UTC. Sign up, withdraw or send an "
                "excuse until the raid starts.",
                color=MUTED,
            ),
            rx.cond(S.upcoming.length() == 0, rx.text("No raids scheduled yet.", color=MUTED)),
            rx.vstack(rx.foreach(S.upcoming, _upcoming), width="100%", spacing="2"),
            _record(),
            _calendar(),
            spacing="4",
            width="100%",
        ),
        rx.center(rx.spinner(size="3"), padding="4rem"),
    )
