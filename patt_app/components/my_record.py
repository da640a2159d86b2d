"""/events' record, raid by raid: the status, the Warcraft Logs evidence behind it, "This is
wrong" (an appeal with a short reason) and the officer's answer."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import note, soft_button
from patt_app.components.limited_field import limited_field
from patt_app.components.local_time import local_time
from patt_app.components.row_form import popover_row_form
from patt_app.services.raids.appeals import MAX_REASON
from patt_app.states.my_record import MyRecordState as S
from patt_app.states.my_record import RecordRow

COLOURS = {
    "attended": "green",
    "late": "amber",
    "left early": "amber",
    "benched": "purple",
    "excused": "orange",
    "missed": "red",
}


def _badge(status) -> rx.Component:
    return rx.badge(status, color_scheme=rx.match(status, *COLOURS.items(), "gray"))


def _evidence(line: RecordRow) -> rx.Component:
    return rx.cond(
        line.fights > 0,
        note(
            "Logs: ",
            line.fights,
            " fights, seen ",
            local_time(line.first_seen_iso, S.record_zone, style="time"),
            "–",
            local_time(line.last_seen_iso, S.record_zone, style="time"),
            size="1",
            class_name="record-evidence",
        ),
        note("No Warcraft Logs evidence.", size="1"),
    )


def _answer(line: RecordRow) -> rx.Component:
    said = rx.match(
        line.appeal,
        ("open", "Your appeal waits for an officer: “" + line.reason + "”"),
        ("accepted", "Appeal accepted: your record is now " + line.new_status + "."),
        ("rejected", "Appeal rejected: your record stays."),
        "",
    )
    return rx.cond(
        line.appeal != "",
        rx.vstack(
            rx.text(said, size="1", weight="medium"),
            rx.cond(
                line.officer_note != "",
                note("Officer's note: ", line.officer_note, size="1"),
            ),
            spacing="0",
            class_name="appeal-answer-text",
        ),
    )


def _appeal_form(line: RecordRow) -> rx.Component:
    reason = limited_field(
        "What is wrong? (officers read it)",
        "reason",
        MAX_REASON,
        multiline=True,
        width="100%",
        class_name="appeal-reason-field",
    )
    return popover_row_form(
        soft_button("This is wrong", class_name="appeal-open"),
        rx.box(reason, width="100%"),
        submit=rx.button("Send appeal", size="1", type="submit", class_name="appeal-send"),
        id_field="event_id",
        row_id=line.event_id,
        on_submit=S.appeal,
        width="min(320px, 90vw)",
    )


def _line(line: RecordRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(local_time(line.start_iso, S.record_zone, style="date"), size="2"),
            rx.text(line.title, size="2"),
            rx.spacer(),
            _badge(line.status),
            width="100%",
            wrap="wrap",
            align="center",
        ),
        rx.hstack(
            _evidence(line),
            rx.spacer(),
            rx.cond(line.can_appeal, _appeal_form(line)),
            width="100%",
            wrap="wrap",
            align="center",
        ),
        _answer(line),
        spacing="1",
        width="100%",
        padding_y="0.35rem",
        border_bottom="1px solid rgba(255,255,255,0.06)",
        class_name="past-event",
    )


def record_lines() -> rx.Component:
    """The member's held raids this season, latest first (loads itself when shown)."""
    return rx.vstack(
        rx.foreach(S.lines, _line), width="100%", spacing="1", on_mount=S.load, id="my-record"
    )
