"""/admin/events/<id> (the attendance checklist) and /admin/attendance (the season report)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.layout import template
from patt_app.components.officer_gate import officers_only
from patt_app.components.tables import simple_table
from patt_app.components.theme import BORDER, CARD, CARD_STYLE, GOLD, MUTED
from patt_app.services.raids.attendance import ChecklistRow
from patt_app.states.admin.attendance import AttendanceReportState as R
from patt_app.states.admin.attendance import EventChecklistState as C
from patt_app.states.admin.attendance import ReportRow

SELECT_STYLE = {
    "background": CARD,
    "color": "inherit",
    "border": f"1px solid {BORDER}",
    "border_radius": "6px",
    "padding": "0.25rem",
}


def _checklist_row(row: ChecklistRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row.name, weight="medium")),
        rx.table.cell(
            rx.cond(
                row.signed_up,
                rx.badge("signed up", color_scheme="green"),
                rx.text("—", color=MUTED),
            )
        ),
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
                rx.text(row.note, size="1", color=MUTED),
                align="center",
            )
        ),
        rx.table.cell(
            rx.el.select(
                rx.el.option("—", value=""),
                rx.foreach(row.characters, lambda c: rx.el.option(c.name, value=c.id.to_string())),
                value=rx.cond(row.character_id > 0, row.character_id.to_string(), ""),
                on_change=lambda v: C.set_character(row.player_id, v),
                style=SELECT_STYLE,
            )
        ),
        class_name="checklist-row",
    )


@template(
    route="/admin/events/[raid_id]", title="Attendance", on_load=[C.open_officer_page, C.load]
)
def checklist_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.link("‹ All events", href="/admin/events", size="2"),
            rx.heading(C.title, size="6", color=GOLD, id="checklist-title"),
            rx.hstack(
                rx.button(
                    "Mark all signed-up as attended",
                    on_click=C.all_signed_up_attended,
                    id="all-attended",
                ),
                rx.text(
                    "Ticks save at once. Anyone can be added late: tick them as attended.",
                    size="2",
                    color=MUTED,
                ),
                align="center",
                wrap="wrap",
            ),
            simple_table(
                ("Player", "Signed up", "Attended", "Excused", "Character"),
                C.rows,
                _checklist_row,
                style=CARD_STYLE,
            ),
            spacing="3",
            width="100%",
        )
    )


def _sortable(label: str, key: str) -> rx.Component:
    arrow = rx.cond(R.sort_by == key, rx.cond(R.descending, " ▼", " ▲"), "")
    return rx.table.column_header_cell(
        rx.text(label, arrow, class_name="patt-sortable", on_click=R.sort(key))
    )


def _report_row(row: ReportRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.name),
        rx.table.cell(rx.text(row.rank, size="2", color=MUTED)),
        rx.table.cell(row.expected),
        rx.table.cell(row.attended),
        rx.table.cell(row.excused),
        rx.table.cell(row.missed),
        rx.table.cell(
            rx.text(
                row.percent_text,
                weight="bold",
                color=rx.cond(
                    row.percent >= 70,
                    "#4ade80",
                    rx.cond(
                        row.percent >= 40, "#fbbf24", rx.cond(row.percent < 0, MUTED, "#f87171")
                    ),
                ),
            )
        ),
        class_name="report-row",
    )


def _chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.bar(data_key="signed up", fill="#3b2f1a"),
        rx.recharts.bar(data_key="attended", fill=GOLD),
        rx.recharts.x_axis(data_key="event", stroke=MUTED),
        rx.recharts.y_axis(stroke=MUTED, allow_decimals=False),
        rx.recharts.legend(),
        rx.recharts.graphing_tooltip(),
        data=R.chart,
        width="100%",
        height=260,
    )


@template(
    route="/admin/attendance", title="Season attendance", on_load=[R.open_officer_page, R.load]
)
def report_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.heading("Season attendance", size="7", color=GOLD),
            rx.text(
                "Attendance % = attended ÷ (raids held since the player joined − excused). "
                "Future and cancelled raids don't count.",
                size="2",
                color=MUTED,
            ),
            rx.flex(
                rx.el.select(
                    rx.foreach(R.seasons, lambda s: rx.el.option(s[1], value=s[0])),
                    value=R.season_id,
                    on_change=R.choose_season,
                    style=SELECT_STYLE,
                ),
                rx.el.select(
                    *[
                        rx.el.option(label, value=str(v))
                        for v, label in (
                            (0, "All ranks"),
                            (2, "Member+"),
                            (3, "Veteran+"),
                            (4, "Officer+"),
                        )
                    ],
                    value=R.min_rank,
                    on_change=R.choose_min_rank,
                    style=SELECT_STYLE,
                ),
                rx.button(
                    rx.icon("download", size=14),
                    "CSV",
                    variant="soft",
                    on_click=R.download_csv,
                    id="download-csv",
                ),
                gap="0.75rem",
                align="center",
                wrap="wrap",
            ),
            rx.box(_chart(), style=CARD_STYLE, width="100%"),
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            _sortable("Player", "name"),
                            _sortable("Rank", "rank"),
                            rx.table.column_header_cell("Expected"),
                            _sortable("Attended", "attended"),
                            rx.table.column_header_cell("Excused"),
                            _sortable("Missed", "missed"),
                            _sortable("Attendance", "percent"),
                        )
                    ),
                    rx.table.body(rx.foreach(R.rows, _report_row)),
                    width="100%",
                    variant="ghost",
                ),
                style=CARD_STYLE,
                width="100%",
                overflow_x="auto",
            ),
            simple_table(
                ("Weekday", "Raids held", "Attendance"),
                R.weekdays,
                lambda w: rx.table.row(
                    rx.table.cell(w["day"]),
                    rx.table.cell(w["events"]),
                    rx.table.cell(w["percent"]),
                ),
                style=CARD_STYLE,
            ),
            spacing="4",
            width="100%",
        )
    )
