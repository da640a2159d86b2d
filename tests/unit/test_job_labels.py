"""/admin/jobs names jobs and runner processes in words, not as internal ids."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from patt_app.jobs.registry import daily_runs, job_named
from patt_app.states.admin.jobs import _times_of_day, job_title, runner_label


def test_jobs_and_runners_read_as_words():
    assert job_title("purge_expired") == "Purge expired"
    assert job_title("guild_pulse") == "Guild pulse"
    assert runner_label("vm:24059") == "process 24059 on vm"
    assert runner_label("") == "" and runner_label(None) == ""
    assert runner_label("odd") == "odd"


def test_a_job_run_at_set_times_of_day_is_named_in_the_viewers_clock():
    now = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)
    sync, pulse = job_named("blizzard_roster_sync"), job_named("guild_pulse")
    assert daily_runs(pulse, now) == []  # an interval job keeps its words
    # 01:00, 07:00, 13:00, 19:00 UTC are 20:00, 02:00, 08:00, 14:00 in New York (EST):
    # listed from the viewer's morning to their evening.
    runs = [datetime.fromisoformat(t) for t in _times_of_day(sync, now, "America/New_York")]
    assert [r.astimezone(ZoneInfo("America/New_York")).hour for r in runs] == [2, 8, 14, 20]
    assert all(now < r <= now + timedelta(days=1) for r in runs)
