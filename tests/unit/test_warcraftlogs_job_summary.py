"""The Warcraft Logs job's one-line result on /admin/jobs reads as words, not status codes."""

from patt_app.integrations.warcraftlogs.importer import Outcome
from patt_app.jobs.warcraftlogs_import import import_summary


def test_a_raid_without_a_report_is_said_in_words():
    waiting = Outcome("no_report", "No Warcraft Logs report of PATT overlaps this raid yet.")
    assert import_summary([waiting]) == (
        "1 raid with no report yet: No Warcraft Logs report of PATT overlaps this raid yet."
    )


def test_raids_are_counted_by_outcome_and_the_imported_ones_are_told():
    outcomes = [
        Outcome("imported", "Imported ABC (5 fights)."),
        Outcome("no_report", "No report yet."),
        Outcome("imported", "Imported DEF (3 fights)."),
        Outcome("failed", "Warcraft Logs did not answer."),
    ]
    assert import_summary(outcomes) == (
        "1 raid failed, 2 raids imported, 1 raid with no report yet: "
        "Imported ABC (5 fights). Imported DEF (3 fights)."
    )
