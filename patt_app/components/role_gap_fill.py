"""One raid's role gaps in the outlook: whom to ask to bring an off-spec, the questions to
copy into Discord, "Ask them by DM" (Yes / No buttons; a yes moves their sign-up) and the
asks already sent with their answers."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import copy_button, dm_button, note
from patt_app.states.admin.raid_outlook import AdminRaidOutlookState as S
from patt_app.states.admin.raid_outlook import OutlookRow


def _gap(line) -> rx.Component:
    return rx.text(
        rx.text.strong(line[0]),
        " — ",
        line[1],
        size="2",
        class_name="gap-fill",
    )


def _ask_buttons(row: OutlookRow) -> rx.Component:
    """Copy the questions for Discord, or send them by DM with Yes / No buttons."""
    return rx.hstack(
        copy_button("Copy the questions", text=row.gap_copy, class_name="copy-gap-questions"),
        dm_button("Ask them by DM", S.ask_for_roles(row.event_id), class_name="ask-off-specs"),
        wrap="wrap",
    )


def role_gaps(row: OutlookRow) -> rx.Component:
    """Nothing when the forecast covers every role and nobody was asked."""
    return rx.cond(
        (row.gap_rows.length() > 0) | (row.asked != ""),
        rx.vstack(
            rx.text("Fill the gaps with off-specs", size="2", weight="bold"),
            rx.foreach(row.gap_rows, _gap),
            rx.cond(row.can_ask, _ask_buttons(row)),
            rx.cond(
                row.asked != "",
                note("Asked: ", row.asked, size="1", class_name="gap-asked"),
            ),
            spacing="1",
            width="100%",
            class_name="role-gaps",
        ),
    )
