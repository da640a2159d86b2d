"""The member's private calendar link on /events: make it, copy it once, replace it."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_section, note, soft_button
from patt_app.states.events import EventsState as S


def calendar_card() -> rx.Component:
    return card_section(
        "Raids in your calendar",
        note(
            "A private link for Google Calendar, Outlook or Apple Calendar "
            '("subscribe by URL"). It is shown only once, when you make it: keep it to '
            "yourself, and make a new one if it leaks or you lose it."
        ),
        _link_or_status(),
        soft_button(
            rx.cond(S.has_calendar_link, "Make a new link", "Make my calendar link"),
            color_scheme="gray",
            on_click=S.reset_calendar,
            id="make-calendar-link",
        ),
        spacing="2",
    )


def _link_or_status() -> rx.Component:
    """The new link (shown once, with Copy), else whether one is in use."""
    return rx.cond(
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
    )
