"""The season report's CSV (services/raids/attendance_csv.py): cells that a spreadsheet
would run as formulas are neutralised."""

import csv
import io

from patt_app.services.raids.attendance_csv import report_csv
from patt_app.services.raids.attendance_report import PlayerAttendance, SeasonReport


def test_csv_cells_that_would_run_as_formulas_are_neutralised():
    names = ['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Zat-Ann"]
    players = [
        PlayerAttendance(i, name, "Member", 2, 8, 6, 1, 1, 85.7) for i, name in enumerate(names)
    ]
    rows = list(csv.reader(io.StringIO(report_csv(SeasonReport("S3", players, [], [])))))
    shown = [row[0] for row in rows[1:]]
    assert shown[:6] == ["'" + n for n in names[:6]]
    assert shown[6] == "Zat-Ann"  # a dash inside a name is left alone
    assert rows[1][2:] == ["8", "6", "1", "1", "0", "0", "85.7"]
