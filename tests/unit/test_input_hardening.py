"""Inputs that must be refused or neutralised: system time zone names, formula-like CSV cells."""

import csv
import io

import pytest

from patt_app.services.errors import InvalidInput
from patt_app.services.raids.attendance_csv import report_csv
from patt_app.services.raids.attendance_report import PlayerAttendance, SeasonReport
from patt_app.services.reference.time_zones import validate_timezone


@pytest.mark.parametrize("name", ["localtime", "Factory", "posix/Europe/Paris", "right/UTC", ""])
def test_system_zone_names_are_refused(name: str):
    with pytest.raises(InvalidInput, match="is not a time zone"):
        validate_timezone(name)


@pytest.mark.parametrize("name", ["UTC", "Asia/Kathmandu", " America/St_Johns "])
def test_real_zones_are_accepted(name: str):
    assert validate_timezone(name) == name.strip()


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
