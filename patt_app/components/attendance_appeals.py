"""The appeals panel of a raid's attendance page: each open appeal with the member's reason,
and the officer's answer (keep the record, or change it to a status) with a note."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_stack, note
from patt_app.components.limited_field import limited_field
from patt_app.components.local_time import local_time
from patt_app.components.row_form import row_form
from patt_app.components.theme import GOLD, ITEM_STYLE
from patt_app.services.raids.appeals import MAX_REASON
from patt_app.states.admin.attendance import AdminRaidAttendanceState as C
from patt_app.states.admin.attendance_appeals import KEEP, AppealRow
from patt_app.states.admin.attendance_appeals import AdminAttendanceAppealsState as S


def _appeal(appeal: AppealRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(appeal.player_name, weight="bold"),
            note("recorded:"),
            rx.badge(appeal.status_then),
            note("appealed ", local_time(appeal.opened_iso, C.viewer_zone), size="1"),
            wrap="wrap",
            align="center",
        ),
        rx.text("“", appeal.reason, "”", size="2", class_name="appeal-reason"),
        row_form(
            rx.vstack(
                rx.el.select(
                    rx.foreach(S.answers, lambda a: rx.el.option(a[1], value=a[0])),
                    name="answer",
                    default_value=KEEP,
                    class_name="appeal-answer",
                ),
                rx.box(
                    limited_field("Note to the member", "note", MAX_REASON, width="100%"),
                    width="100%",
                    max_width="520px",
                ),
                rx.button("Send answer", type="submit", size="1", class_name="appeal-send"),
                spacing="2",
                width="100%",
            ),
            id_field="appeal_id",
            row_id=appeal.id,
            on_submit=S.answer,
            width="100%",
        ),
        style=ITEM_STYLE,
        width="100%",
        spacing="2",
        class_name="appeal-row",
    )


def appeals_panel() -> rx.Component:
    return rx.box(
        rx.cond(
            S.appeals.length() > 0,
            card_stack(
                rx.heading("Appeals waiting", size="4", color=GOLD),
                note(
                    "Members who say their record for this raid is wrong. Accepting changes "
                    "the record; rejecting keeps it, with your note. The member sees the answer."
                ),
                rx.foreach(S.appeals, _appeal),
                spacing="2",
                id="appeals",
            ),
        ),
        width="100%",
    )


def with_appeals(panel: rx.Component) -> rx.Component:
    """`panel` followed by the raid's open appeals."""
    return rx.fragment(panel, appeals_panel())
