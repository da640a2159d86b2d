"""The season attendance report as a CSV file for a spreadsheet (Excel and Google Sheets open it
as is), its text cells kept from being read as formulas."""

from __future__ import annotations

import csv
import io

from patt_app.services.raids.attendance_report import SeasonReport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote
    (a player named "=HYPERLINK(…)" must not become a link when an officer opens the file)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def report_csv(report: SeasonReport) -> str:
    """The player table as CSV (Excel and Google Sheets open it as is); text cells that
    would start a formula are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["player", "rank", "expected", "attended", "excused", "missed", "late", "left_early",
         "attendance_percent"]
    )  # fmt: skip
    for row in report.players:
        writer.writerow(
            [
                spreadsheet_safe(row.display_name),
                spreadsheet_safe(row.rank_name),
                row.expected,
                row.attended,
                row.excused,
                row.missed,
                row.late,
                row.left_early,
                "" if row.percent is None else row.percent,
            ]
        )
    return out.getvalue()
