"""The clock-change note under a member's upcoming raid on /events."""

from __future__ import annotations

import reflex as rx

from patt_app.states.clock_change_notes import ClockChangeNotesState


def clock_change_note(event_id: rx.Var) -> rx.Component:
    """ "This week your raid starts at 20:00, not 21:00" when the clocks move this raid."""
    key = event_id.to_string()
    return rx.cond(
        ClockChangeNotesState.notes.contains(key),
        rx.hstack(
            rx.icon("clock", size=12, color="#fbbf24"),
            rx.text(
                ClockChangeNotesState.notes[key],
                size="1",
                color="#fbbf24",
                class_name="clock-change-note",
            ),
            spacing="1",
            align="center",
        ),
    )
