"""Raid events, series across DST, auto sign-up, attendance rules, the feed and the CSV."""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import Session, select

from patt_app.models import (
    GuildRank,
    Player,
    PlayerCharacter,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
    WowCharacter,
    WowClass,
)
from patt_app.services.errors import InvalidInput
from patt_app.services.raids import attendance as att
from patt_app.services.raids.attendance_csv import report_csv
from patt_app.services.raids.attendance_report import season_report
from patt_app.services.raids.calendar_feed import (
    build_feed,
    has_calendar_link,
    reset_calendar_token,
)
from patt_app.services.raids.events import EventDetails, cancel_event, create_event, create_series
from tests.integration.racing import run_together

TODAY = date(2026, 10, 20)
NEW_YORK = ZoneInfo("America/New_York")


def _season(db, start=date(2026, 9, 1), name="Season 2") -> RaidSeason:
    season = RaidSeason(name=name, start_date=start)
    db.add(season)
    db.flush()
    return season


def _player(db, name, *, joined=datetime(2026, 8, 1, tzinfo=UTC), auto=False, level=2):
    rank = db.exec(select(GuildRank).where(GuildRank.level == level)).one()
    player = Player(
        display_name=name, created_at=joined, auto_invite_events=auto, guild_rank_id=rank.id
    )
    db.add(player)
    db.flush()
    return player


def _details(day: date, **changes) -> EventDetails:
    values = dict(
        title="Heroic night",
        event_date=day,
        start=time(21),
        end=time(23),
        timezone="America/New_York",
    )
    values.update(changes)
    return EventDetails(**values)


def test_a_series_keeps_21_00_local_across_the_dst_change(seeded):
    _season(seeded)
    events = create_series(
        session=seeded,
        details=_details(date(2026, 10, 20)),
        weekdays=[1, 3],
        weeks=4,
        created_by_player_id=None,
        today=TODAY,
    )
    assert len(events) == 8
    local = [e.start_time_utc.astimezone(NEW_YORK) for e in events]
    assert {t.strftime("%a %H:%M") for t in local} == {"Tue 21:00", "Thu 21:00"}
    utc_hours = sorted({e.start_time_utc.hour for e in events})
    assert utc_hours == [1, 2], "01:00 UTC in EDT, 02:00 UTC after 1 November"


def test_a_raid_past_midnight_ends_the_next_day(seeded):
    _season(seeded)
    event = create_event(
        session=seeded,
        details=_details(date(2026, 10, 27), start=time(22), end=time(1)),
        created_by_player_id=None,
        today=TODAY,
    )
    assert event.end_time_utc - event.start_time_utc == timedelta(hours=3)
    assert event.end_time_utc.astimezone(NEW_YORK).date() == date(2026, 10, 28)


def test_auto_invite_signs_up_the_players_who_asked(seeded):
    _season(seeded)
    keen, casual = _player(seeded, "Keen", auto=True), _player(seeded, "Casual")
    event = create_event(
        session=seeded, details=_details(date(2026, 10, 27)), created_by_player_id=None, today=TODAY
    )
    rows = seeded.exec(select(RaidAttendance).where(RaidAttendance.event_id == event.id)).all()
    assert [(r.player_id, r.signed_up, r.source) for r in rows] == [(keen.id, True, "auto")]
    assert casual.id not in {r.player_id for r in rows}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": time(20)}, "end after it starts"),
        ({"event_date": date(2026, 8, 4)}, "starts on 01 Sep 2026"),
        ({"title": "  "}, "title"),
        ({"timezone": "Mars/Base"}, "not a time zone"),
        ({"log_url": "warcraftlogs"}, "http"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_written(seeded, changes, message):
    _season(seeded)
    before = len(seeded.exec(select(RaidEvent)).all())
    with pytest.raises(InvalidInput, match=message):
        create_event(
            session=seeded,
            details=_details(date(2026, 10, 27), **changes),
            created_by_player_id=None,
            today=TODAY,
        )
    assert len(seeded.exec(select(RaidEvent)).all()) == before


def _held_event(db, season, day: date) -> RaidEvent:
    start = datetime.combine(day, time(1), tzinfo=UTC)
    event = RaidEvent(
        season_id=season.id,
        title="Raid",
        event_date=day,
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=3),
    )
    db.add(event)
    db.flush()
    return event


def test_attendance_percent_rules(seeded):
    season = _season(seeded)
    now = datetime(2026, 10, 20, 12, tzinfo=UTC)
    e1, e2, e3, e4 = (_held_event(seeded, season, date(2026, 10, d)) for d in (6, 8, 13, 15))
    future = _held_event(seeded, season, date(2026, 10, 27))
    cancelled = _held_event(seeded, season, date(2026, 10, 1))
    cancelled.cancelled_at = now
    veteran = _player(seeded, "Veteran")
    newbie = _player(seeded, "Newbie", joined=datetime(2026, 10, 10, tzinfo=UTC))
    _player(seeded, "Later", joined=datetime(2026, 10, 19, tzinfo=UTC))
    for event in (e1, e2, e3):
        att.set_attendance(session=seeded, event_id=event.id, player_id=veteran.id, attended=True)
    att.set_attendance(session=seeded, event_id=e4.id, player_id=veteran.id, excused=True)
    att.set_attendance(session=seeded, event_id=e3.id, player_id=newbie.id, attended=True)
    att.set_attendance(session=seeded, event_id=future.id, player_id=newbie.id, attended=True)
    report = {
        p.display_name: p
        for p in season_report(session=seeded, season_id=season.id, now=now).players
    }
    v, n, later = report["Veteran"], report["Newbie"], report["Later"]
    assert (v.expected, v.attended, v.excused, v.missed, v.percent) == (4, 3, 1, 0, 100.0)
    assert (n.expected, n.attended, n.missed, n.percent) == (2, 1, 1, 50.0)
    assert (later.expected, later.percent) == (0, None)


def test_members_sign_up_withdraw_and_excuse_until_the_start(seeded):
    season = _season(seeded)
    player = _player(seeded, "Signer")
    event = _held_event(seeded, season, date(2026, 10, 27))
    before = event.start_time_utc - timedelta(hours=1)
    att.sign_up(session=seeded, player_id=player.id, event_id=event.id, now=before)
    att.excuse(session=seeded, player_id=player.id, event_id=event.id, note="work trip", now=before)
    row = seeded.exec(select(RaidAttendance)).one()
    seeded.refresh(row)
    assert (row.signed_up, row.noted_absence, row.absence_note) == (False, True, "work trip")
    with pytest.raises(InvalidInput, match="already started"):
        att.sign_up(
            session=seeded, player_id=player.id, event_id=event.id, now=event.start_time_utc
        )


def _character(db, player: Player, name: str, *, main: bool) -> int:
    """A Mage owned by `player` (their main when `main`); returns its id."""
    mage = db.exec(select(WowClass).where(WowClass.name == "Mage")).one()
    char = WowCharacter(
        character_name=name, realm_slug="senjin", realm_name="Sen'jin", class_id=mage.id, level=80
    )
    db.add(char)
    db.flush()
    db.add(PlayerCharacter(player_id=player.id, character_id=char.id))
    if main:
        player.main_character_id = char.id
        db.add(player)
    db.flush()
    return char.id


def test_bulk_attended_uses_the_main_character(seeded):
    season = _season(seeded)
    event = _held_event(seeded, season, date(2026, 10, 13))
    players = [_player(seeded, f"P{i}") for i in range(4)]
    mains = [_character(seeded, p, f"Main{i}", main=True) for i, p in enumerate(players)]
    alt = _character(seeded, players[1], "Alty", main=False)
    for p in players[:3]:
        att.sign_up(
            session=seeded,
            player_id=p.id,
            event_id=event.id,
            now=event.start_time_utc - timedelta(days=1),
        )
    att.set_attendance(session=seeded, event_id=event.id, player_id=players[1].id, character_id=alt)
    _character(seeded, players[2], "LaterMain", main=False)
    assert att.mark_signed_up_attended(session=seeded, event_id=event.id) == 3
    rows = {r.name: r for r in att.checklist(session=seeded, event_id=event.id)}
    assert [rows[f"P{i}"].attended for i in range(4)] == [True, True, True, False]
    assert rows["P0"].character_id == mains[0], "the main character is recorded"
    assert rows["P1"].character_id == alt, "a character chosen by hand is kept"
    assert rows["P2"].character_id == mains[2]
    stored = {
        r.player_id: r.character_id
        for r in seeded.exec(select(RaidAttendance).where(RaidAttendance.event_id == event.id))
    }
    assert stored[players[0].id] == mains[0] and stored[players[1].id] == alt


def test_concurrent_attendance_saves_keep_one_row_and_both_changes(committed):
    with Session(committed) as db:
        season = _season(db)
        event = _held_event(db, season, date(2026, 10, 13))
        player = _player(db, "Racer")
        db.commit()
        event_id, player_id = event.id, player.id

    def save(**change):
        with Session(committed) as db:
            att.set_attendance(session=db, event_id=event_id, player_id=player_id, **change)
            db.commit()
        return "saved"

    outcomes = run_together(lambda: save(attended=True), lambda: save(character_id=0))
    assert outcomes == ["saved", "saved"]
    with Session(committed) as db:
        rows = db.exec(select(RaidAttendance)).all()
        assert len(rows) == 1 and rows[0].attended is True


def test_calendar_feed_parses_with_utc_times_and_stable_uids(seeded):
    season = _season(seeded)
    player = _player(seeded, "Calendar")
    event = _held_event(seeded, season, date(2026, 10, 27))
    assert not has_calendar_link(session=seeded, player_id=player.id)
    token = reset_calendar_token(session=seeded, player_id=player.id)
    assert has_calendar_link(session=seeded, player_id=player.id)
    now = datetime(2026, 10, 20, tzinfo=UTC)
    first = Calendar.from_ical(build_feed(session=seeded, token=token, now=now, base_url="x"))
    second = Calendar.from_ical(build_feed(session=seeded, token=token, now=now, base_url="x"))
    [vevent] = first.walk("VEVENT")
    assert vevent.decoded("dtstart") == event.start_time_utc
    assert vevent.decoded("dtstart").utcoffset() == timedelta(0)
    assert str(vevent["uid"]) == str(second.walk("VEVENT")[0]["uid"])
    new = reset_calendar_token(session=seeded, player_id=player.id)
    assert build_feed(session=seeded, token=token, now=now, base_url="x") is None
    assert build_feed(session=seeded, token=new, now=now, base_url="x") is not None


def test_report_csv_has_a_header_and_one_line_per_player(seeded):
    season = _season(seeded)
    event = _held_event(seeded, season, date(2026, 10, 13))
    p = _player(seeded, "Comma, Person")
    att.set_attendance(session=seeded, event_id=event.id, player_id=p.id, attended=True)
    report = season_report(
        session=seeded, season_id=season.id, now=datetime(2026, 10, 20, tzinfo=UTC)
    )
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert rows[0] == [
        "player",
        "rank",
        "expected",
        "attended",
        "excused",
        "missed",
        "late",
        "left_early",
        "attendance_percent",
    ]
    assert rows[1] == ["Comma, Person", "Member", "1", "1", "0", "0", "0", "0", "100.0"]


def test_cancelled_events_do_not_count(seeded):
    season = _season(seeded)
    event = _held_event(seeded, season, date(2026, 10, 13))
    p = _player(seeded, "Waiting")
    cancel_event(session=seeded, event_id=event.id, now=datetime(2026, 10, 12, tzinfo=UTC))
    report = season_report(
        session=seeded, season_id=season.id, now=datetime(2026, 10, 20, tzinfo=UTC)
    )
    assert next(r for r in report.players if r.player_id == p.id).expected == 0
