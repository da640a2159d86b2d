"""The suggested attendance status, table-driven: every status, the edges at 10 and 15
minutes, raids past midnight and on clock-change nights; and what a log report may count."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from patt_app.services.raids.attendance_suggestions import (
    ATTENDED,
    BENCHED,
    CAME_UNSIGNED,
    EXCUSED,
    LATE,
    LEFT_EARLY,
    NO_SHOW,
    Answer,
    RaidWindow,
    Seen,
    suggest,
)
from patt_app.services.raids.log_evidence import (
    LogActor,
    LogFight,
    LogGuild,
    LogReport,
    OurGuild,
    presence,
    realm_key,
    refusal,
    report_code,
)

START = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)  # 21:00 in New York
END = START + timedelta(hours=3)
RAID = RaidWindow(start=START, end=END, total_fights=20, first_fight=START, last_fight=END)
SIGNED = Answer(signed_up=True)
MIN = timedelta(minutes=1)


def _seen(first_after=timedelta(0), ends_before=timedelta(0), fights=20, raid=RAID) -> Seen:
    return Seen(fights=fights, first=raid.start + first_after, last=raid.end - ends_before)


@pytest.mark.parametrize(
    ("answer", "seen", "status"),
    [
        (SIGNED, _seen(), ATTENDED),
        (SIGNED, _seen(first_after=10 * MIN), ATTENDED),  # exactly 10 min: on time
        (SIGNED, _seen(first_after=10 * MIN + timedelta(seconds=1)), LATE),
        (SIGNED, _seen(first_after=45 * MIN), LATE),
        (SIGNED, _seen(ends_before=15 * MIN), ATTENDED),  # exactly 15 min: stayed
        (SIGNED, _seen(ends_before=15 * MIN + timedelta(seconds=1)), LEFT_EARLY),
        (SIGNED, _seen(first_after=30 * MIN, ends_before=30 * MIN), LATE),  # both: late first
        (SIGNED, None, NO_SHOW),
        (Answer(excused=True), None, EXCUSED),
        (Answer(signed_up=True, benched=True), None, BENCHED),
        (Answer(), _seen(), CAME_UNSIGNED),
        (Answer(), _seen(first_after=60 * MIN), CAME_UNSIGNED),  # called in: not "late"
        (Answer(signed_up=True, benched=True), _seen(first_after=60 * MIN), ATTENDED),
        (Answer(excused=True), _seen(), ATTENDED),  # excused, but came after all
        (Answer(), None, None),  # not expected, not there: nothing to record
    ],
)
def test_every_status_and_the_edges(answer, seen, status):
    found = suggest(answer=answer, seen=seen, raid=RAID)
    assert (found.status if found else None) == status


def test_the_evidence_says_why():
    late = suggest(answer=SIGNED, seen=_seen(first_after=25 * MIN, fights=14), raid=RAID)
    assert late.evidence == "in 14 of 20 fights; first fight 25 min after the raid began"
    early = suggest(answer=SIGNED, seen=_seen(ends_before=40 * MIN), raid=RAID)
    assert "last fight ended 40 min before the raid's end" in early.evidence
    assert suggest(answer=SIGNED, seen=None, raid=RAID).evidence == "signed up; not in the logs"


def test_late_counts_from_the_first_pull_when_the_raid_pulled_late():
    """The first fight anyone was in was at 21:20: joining it is not late; 21:31 is."""
    raid = RaidWindow(start=START, end=END, total_fights=9, first_fight=START + 20 * MIN)
    assert suggest(answer=SIGNED, seen=_seen(first_after=20 * MIN), raid=raid).status == ATTENDED
    assert suggest(answer=SIGNED, seen=_seen(first_after=31 * MIN), raid=raid).status == LATE


def test_left_early_counts_to_the_last_fight_when_the_raid_was_called_early():
    raid = RaidWindow(start=START, end=END, total_fights=9, last_fight=END - 60 * MIN)
    assert suggest(answer=SIGNED, seen=_seen(ends_before=60 * MIN), raid=raid).status == ATTENDED
    assert suggest(answer=SIGNED, seen=_seen(ends_before=76 * MIN), raid=raid).status == LEFT_EARLY


@pytest.mark.parametrize(
    ("zone", "start", "end"),
    [
        # past midnight: 22:30 – 01:30 local
        ("America/New_York", datetime(2026, 11, 10, 22, 30), datetime(2026, 11, 11, 1, 30)),
        # clocks go back at 02:00 in New York: 00:00 – 03:00 local is four real hours
        ("America/New_York", datetime(2026, 11, 1, 0, 0), datetime(2026, 11, 1, 3, 0)),
        # clocks go forward at 01:00 UTC in London: 00:00 – 03:00 local is two real hours
        ("Europe/London", datetime(2027, 3, 28, 0, 0), datetime(2027, 3, 28, 3, 0)),
    ],
)
def test_overnight_and_clock_change_nights_are_measured_in_real_minutes(zone, start, end):
    tz = ZoneInfo(zone)
    raid = RaidWindow(
        start=start.replace(tzinfo=tz).astimezone(UTC),
        end=end.replace(tzinfo=tz).astimezone(UTC),
        total_fights=12,
    )
    on_the_edge = _seen(first_after=10 * MIN, ends_before=15 * MIN, raid=raid)
    assert suggest(answer=SIGNED, seen=on_the_edge, raid=raid).status == ATTENDED
    a_minute_more = _seen(first_after=11 * MIN, raid=raid)
    assert suggest(answer=SIGNED, seen=a_minute_more, raid=raid).status == LATE
    leaves = _seen(ends_before=16 * MIN, raid=raid)
    assert suggest(answer=SIGNED, seen=leaves, raid=raid).status == LEFT_EARLY


# --- what a report may count -------------------------------------------------------------

GUILD = OurGuild(name="Pull All The Things", realm_slug="senjin", region="us")


def _report(start=START, end=END, guild=LogGuild("Pull All The Things", "senjin", "us")):
    return LogReport(code="AbCdEf123456", title="x", start=start, end=end, guild=guild)


def test_a_report_of_another_guild_or_another_night_is_refused():
    assert refusal(report=_report(), guild=GUILD, start=START, end=END) is None
    assert refusal(report=_report(guild=None), guild=GUILD, start=START, end=END) is None
    other = _report(guild=LogGuild("Method", "tarren-mill", "eu"))
    assert "belongs to Method" in refusal(report=other, guild=GUILD, start=START, end=END)
    week_before = _report(start=START - timedelta(days=7), end=END - timedelta(days=7))
    why = refusal(report=week_before, guild=GUILD, start=START, end=END)
    assert "another night" in why and "7 days before" in why


def test_presence_counts_fights_in_the_raid_window_by_name_and_realm():
    actors = (LogActor(1, "Zatañña", "Senjin"), LogActor(2, "Tordris", None))
    fights = (
        LogFight(1, START + 5 * MIN, START + 9 * MIN, (1, 2)),
        LogFight(2, START + 30 * MIN, START + 40 * MIN, (1,)),
        LogFight(3, START + timedelta(hours=8), START + timedelta(hours=9), (1, 2)),  # M+ later
    )
    report = LogReport("AbCdEf123456", "x", START, END + timedelta(hours=9), None, actors, fights)
    seen, total = presence(reports=[report], start=START, end=END, home_realm="senjin")
    assert total == 2
    by_name = {p.name: p for p in seen}
    assert by_name["Zatañña"].fights == 2 and by_name["Tordris"].fights == 1
    assert by_name["Zatañña"].last_seen == START + 40 * MIN
    assert by_name["Tordris"].realm == "senjin"


def test_report_links_and_realm_names():
    assert report_code("https://www.warcraftlogs.com/reports/aB3dE6fG9hJ2kL4m#fight=3") == (
        "aB3dE6fG9hJ2kL4m"
    )
    assert report_code("aB3dE6fG9hJ2kL4m") == "aB3dE6fG9hJ2kL4m"
    assert report_code("https://example.com/nothing") is None and report_code("") is None
    assert realm_key("Sen'jin") == realm_key("senjin") == realm_key("Senjin")
    assert (
        realm_key("Bleeding Hollow") == realm_key("bleeding-hollow") == realm_key("BleedingHollow")
    )
