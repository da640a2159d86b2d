"""/admin/events/<id> (the attendance checklist) and /admin/attendance (the season report)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.attendance_appeals import with_appeals
from patt_app.components.attendance_evidence import (
    evidence_panel,
    logs_cell,
    phone_suggestion,
    suggestion_cell,
    voice_panel,
)
from patt_app.components.kit import note, wrap_row
from patt_app.components.layout import officer_page, template
from patt_app.components.local_time import local_time
from patt_app.components.officer_gate import officers_only
from patt_app.components.season_report import (
    season_chart,
    season_report_table,
    sort_on_phone,
    weekday_table,
)
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED, SELECT_STYLE
from patt_app.services.raids.evidence_review import ReviewRow
from patt_app.states.admin.attendance import AdminAttendanceReportState as R
from patt_app.states.admin.attendance import AdminRaidAttendanceState as C

SMALL_SELECT = {**SELECT_STYLE, "padding": "0.25rem"}

CHECKLIST_COLUMNS = ("Player", "Signed up", "Attended", "Excused", "Character")
EVIDENCE_COLUMNS = ("Logs · voice", "Suggested")


def _signup_cell(row: ReviewRow) -> rx.Component:
    """Signed up or tentative, and how late they said they would be."""
    return rx.table.cell(
        rx.hstack(
            rx.cond(
                row.signed_up,
                rx.badge("signed up", color_scheme="green"),
                rx.cond(
                    row.tentative,
                    rx.badge("tentative", color_scheme="yellow"),
                    rx.text("—", color=MUTED),
                ),
            ),
            rx.cond(
                row.late_minutes > 0,
                rx.badge(
                    "late ~",
                    row.late_minutes,
                    " min",
                    color_scheme="orange",
                    class_name="late-badge",
                ),
            ),
            spacing="1",
        )
    )


def _character_cell(row: ReviewRow) -> rx.Component:
    return rx.table.cell(
        rx.el.select(
            rx.el.option("—", value=""),
            rx.foreach(row.characters, lambda c: rx.el.option(c.name, value=c.id.to_string())),
            value=rx.cond(row.character_id > 0, row.character_id.to_string(), ""),
            on_change=lambda v: C.set_character(row.player_id, v),
            style=SMALL_SELECT,
        )
    )


def _checklist_row(row: ReviewRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.box(rx.text(row.name, weight="medium"), phone_suggestion(row))),
        _signup_cell(row),
        rx.table.cell(
            rx.checkbox(
                checked=row.attended,
                on_change=lambda v: C.set_attended(row.player_id, v),
                class_name="attended-box",
            )
        ),
        rx.table.cell(
            rx.hstack(
                rx.checkbox(
                    checked=row.excused, on_change=lambda v: C.set_excused(row.player_id, v)
                ),
                note(row.note, size="1"),
                align="center",
            )
        ),
        _character_cell(row),
        rx.cond(C.has_evidence, logs_cell(row)),
        rx.cond(C.has_evidence, suggestion_cell(row)),
        class_name="checklist-row",
    )


def _checklist_table() -> rx.Component:
    """The players' rows; with the logs' evidence, two more columns."""
    return rx.cond(
        C.has_evidence,
        simple_table(
            CHECKLIST_COLUMNS + EVIDENCE_COLUMNS, C.rows, _checklist_row, style=CARD_STYLE
        ),
        simple_table(CHECKLIST_COLUMNS, C.rows, _checklist_row, style=CARD_STYLE),
    )


@template(
    route="/admin/events/[raid_id]", title="Attendance", on_load=[C.open_officer_page, C.load]
)
def checklist_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.link("‹ All events", href="/admin/events", size="2"),
            rx.heading(
                C.title,
                " · ",
                local_time(C.start_iso, C.viewer_zone, empty=""),
                size="6",
                color=GOLD,
                id="checklist-title",
            ),
            rx.hstack(
                rx.button(
                    "Mark all signed-up as attended",
                    on_click=C.all_signed_up_attended,
                    id="all-attended",
                ),
                note("Ticks save at once. Anyone can be added late: tick them as attended."),
                align="center",
                wrap="wrap",
            ),
            with_appeals(evidence_panel()),
            rx.cond(C.discord_configured | C.voice_listened, voice_panel()),
            _checklist_table(),
            spacing="3",
            width="100%",
        )
    )


MIN_RANKS = ((0, "All ranks"), (2, "Member+"), (3, "Veteran+"), (4, "Officer+"))


def _report_filters() -> rx.Component:
    """The season, the lowest rank counted, and the CSV download."""
    return wrap_row(
        rx.el.select(
            rx.foreach(R.seasons, lambda s: rx.el.option(s[1], value=s[0])),
            value=R.season_id,
            on_change=R.choose_season,
            style=SMALL_SELECT,
        ),
        rx.el.select(
            *[rx.el.option(label, value=str(v)) for v, label in MIN_RANKS],
            value=R.min_rank,
            on_change=R.choose_min_rank,
            style=SMALL_SELECT,
        ),
        rx.button(
            rx.icon("download", size=14),
            "CSV",
            variant="soft",
            on_click=R.download_csv,
            id="download-csv",
        ),
    )


@officer_page(route="/admin/attendance", title="Season attendance", state=R)
def report_page() -> tuple[rx.Component, ...]:
    return (
        note(
            "Attendance % = attended ÷ (raids held since the player joined − excused). "
            "Future and cancelled raids don't count."
        ),
        _report_filters(),
        season_chart(),
        sort_on_phone(),
        season_report_table(),
        weekday_table(),
    )
