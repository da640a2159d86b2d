"""The season attendance report of /admin/attendance: the raids' chart, the table of players
(sortable by its headers; on a phone, where rows are cards without headers, by the sort
buttons above it) and the weekdays' attendance."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import note
from patt_app.components.tables import cards_on_phone, simple_table
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED
from patt_app.states.admin.attendance import AdminAttendanceReportState as R
from patt_app.states.admin.attendance import ReportRow

REPORT_COLUMNS = (
    ("Player", "name"),
    ("Rank", "rank"),
    ("Expected", ""),
    ("Attended", "attended"),
    ("Excused", ""),
    ("Missed", "missed"),
    ("Late", ""),
    ("Left early", ""),
    ("Attendance", "percent"),
)
SIGNED_UP_BAR = "#8a7444"
REPORT_CARDS, REPORT_RULES = cards_on_phone([label for label, _ in REPORT_COLUMNS])


def _arrow(key: str) -> rx.Var:
    return rx.cond(R.sort_by == key, rx.cond(R.descending, " ▼", " ▲"), "")


def sort_on_phone() -> rx.Component:
    """On a phone the report's rows are cards without column headers: sort from here."""
    return rx.hstack(
        note("Sort by"),
        *[
            rx.button(
                label,
                _arrow(key),
                size="1",
                variant=rx.cond(R.sort_by == key, "solid", "soft"),
                on_click=R.sort(key),
                class_name="phone-sort",
            )
            for label, key in REPORT_COLUMNS
            if key
        ],
        wrap="wrap",
        align="center",
        class_name="phone-only",
    )


def _sortable(label: str, key: str) -> rx.Component:
    return rx.table.column_header_cell(
        rx.text(label, _arrow(key), class_name="patt-sortable", on_click=R.sort(key))
    )


def _percent_colour(row: ReportRow) -> rx.Var:
    """Green from 70 %, amber from 40 %, red below; muted when there is nothing to count."""
    return rx.cond(
        row.percent >= 70,
        "#4ade80",
        rx.cond(row.percent >= 40, "#fbbf24", rx.cond(row.percent < 0, MUTED, "#f87171")),
    )


def _report_row(row: ReportRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.name),
        rx.table.cell(note(row.rank)),
        rx.table.cell(row.expected),
        rx.table.cell(row.attended),
        rx.table.cell(row.excused),
        rx.table.cell(row.missed),
        rx.table.cell(row.late),
        rx.table.cell(row.left_early),
        rx.table.cell(rx.text(row.percent_text, weight="bold", color=_percent_colour(row))),
        class_name="report-row",
    )


def season_report_table() -> rx.Component:
    """One row per player; a row is a labelled card on a phone."""
    return rx.box(
        REPORT_RULES,
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *[
                        _sortable(label, key) if key else rx.table.column_header_cell(label)
                        for label, key in REPORT_COLUMNS
                    ]
                )
            ),
            rx.table.body(rx.foreach(R.rows, _report_row)),
            width="100%",
            variant="ghost",
        ),
        style=CARD_STYLE,
        width="100%",
        overflow_x="auto",
        class_name=REPORT_CARDS,
    )


def season_chart() -> rx.Component:
    """Signed up and attended, raid by raid."""
    return rx.box(
        rx.recharts.bar_chart(
            # muted, yet readable as the legend's text on the dark card
            rx.recharts.bar(data_key="signed up", fill=SIGNED_UP_BAR),
            rx.recharts.bar(data_key="attended", fill=GOLD),
            rx.recharts.x_axis(data_key="event", stroke=MUTED),
            rx.recharts.y_axis(stroke=MUTED, allow_decimals=False),
            rx.recharts.legend(),
            rx.recharts.graphing_tooltip(),
            data=R.chart,
            width="100%",
            height=260,
        ),
        style=CARD_STYLE,
        width="100%",
    )


def weekday_table() -> rx.Component:
    """Raids held and attendance per weekday."""
    return simple_table(
        ("Weekday", "Raids held", "Attendance"),
        R.weekdays,
        lambda w: rx.table.row(
            rx.table.cell(w["day"]),
            rx.table.cell(w["events"]),
            rx.table.cell(w["percent"]),
        ),
        style=CARD_STYLE,
    )
