"""Boundaries of invites, the season report and the calendar feed, against PostgreSQL."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import select

from patt_app.models import GuildRank, Player, RaidEvent, RaidSeason
from patt_app.services.accounts.invites import INVITE_LIFETIME, claim_invite, create_invite
from patt_app.services.errors import InviteInvalid
from patt_app.services.raids import attendance as att
from patt_app.services.raids.attendance_report import season_report
from patt_app.services.raids.calendar_feed import build_feed, reset_calendar_token
from patt_app.services.raids.events import cancel_event

NOW = datetime(2027, 3, 20, 18, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")


def _player(db, name: str, joined: datetime = NOW - timedelta(days=90)) -> Player:
    rank = db.exec(select(GuildRank).where(GuildRank.level == 2)).one()
    player = Player(display_name=name, created_at=joined, guild_rank_id=rank.id)
    db.add(player)
    db.flush()
    return player


def _season(db) -> RaidSeason:
    season = RaidSeason(name="Season 3", start_date=NOW.date() - timedelta(days=60))
    db.add(season)
    db.flush()
    return season


def _event(
    db, season, start: datetime, hours: float = 3, title: str = "Raid", local_day=None
) -> RaidEvent:
    event = RaidEvent(
        season_id=season.id,
        title=title,
        event_date=local_day or start.date(),
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=hours),
    )
    db.add(event)
    db.flush()
    return event


# Invites ------------------------------------------------------------------------------------


def test_an_invite_works_until_just_before_72_hours_and_not_at_72_hours(seeded):
    player = _player(seeded, "Newbie")
    invite = create_invite(session=seeded, player_id=player.id, created_by_player_id=None, now=NOW)
    almost = NOW + INVITE_LIFETIME - timedelta(microseconds=1)
    assert claim_invite(session=seeded, code=invite.code, now=almost).id == invite.id
    with pytest.raises(InviteInvalid, match="expired"):
        claim_invite(session=seeded, code=invite.code, now=NOW + timedelta(hours=72))
    assert timedelta(hours=72) == INVITE_LIFETIME


# Season report ------------------------------------------------------------------------------


def test_a_raid_in_progress_is_not_held_yet(seeded):
    season = _season(seeded)
    player = _player(seeded, "Raider")
    running = _event(seeded, season, NOW - timedelta(hours=1), hours=3)
    att.set_attendance(session=seeded, event_id=running.id, player_id=player.id, attended=True)
    report = season_report(session=seeded, season_id=season.id, now=NOW)
    mine = next(r for r in report.players if r.player_id == player.id)
    assert (mine.expected, mine.attended, report.events, report.weekdays) == (0, 0, [], [])
    ends_now = _event(seeded, season, NOW - timedelta(hours=3), hours=3)
    assert [
        e.event_id for e in season_report(session=seeded, season_id=season.id, now=NOW).events
    ] == []
    later = season_report(
        session=seeded, season_id=season.id, now=NOW + timedelta(hours=2, seconds=1)
    )
    assert [e.event_id for e in later.events] == [ends_now.id, running.id]


def _evening_in_new_york(db, season, day: date) -> RaidEvent:
    """21:00 New York (EST) on `day`: 02:00 UTC on the next day."""
    start = datetime.combine(day, time(21), tzinfo=NEW_YORK).astimezone(UTC)
    return _event(db, season, start, local_day=day)


def test_the_weekday_and_per_event_tables(seeded):
    """A Thursday and two Tuesdays (New York evenings, so the next day in UTC): per local
    weekday, Monday first, the number of events and the attendance % (attended ÷ (expected −
    excused)); per event the sign-ups and attendance, in date order."""
    season = _season(seeded)
    alice, bob = _player(seeded, "Alice"), _player(seeded, "Bob")
    newcomer = _player(seeded, "Newcomer", joined=datetime(2027, 3, 10, tzinfo=UTC))
    thu = _evening_in_new_york(seeded, season, date(2027, 2, 25))
    tue1 = _evening_in_new_york(seeded, season, date(2027, 3, 2))
    tue2 = _evening_in_new_york(seeded, season, date(2027, 3, 16))
    future = _event(seeded, season, NOW + timedelta(days=2))
    marks = [
        (tue1, alice, {"attended": True}),
        (tue1, bob, {"excused": True}),
        (thu, alice, {"attended": True}),
        (tue2, alice, {"attended": True}),
        (tue2, newcomer, {"attended": True}),
    ]
    for event, who, change in marks:
        att.set_attendance(session=seeded, event_id=event.id, player_id=who.id, **change)
    for who in (alice, bob):
        att.sign_up(session=seeded, player_id=who.id, event_id=future.id, now=NOW)
    report = season_report(session=seeded, season_id=season.id, now=NOW)
    weekdays = [(w.weekday, w.events, w.percent) for w in report.weekdays]
    # Tuesday: Alice 2/2, Bob 0/(2-1), Newcomer 1/1 (joined after the first) → 3/4 = 75 %.
    # Thursday: Alice 1/1, Bob 0/1 (Newcomer had not joined) → 50 %.
    assert weekdays == [("Tuesday", 2, 75.0), ("Thursday", 1, 50.0)]
    events = [(e.event_id, e.label, e.signed_up, e.attended) for e in report.events]
    assert events == [
        (thu.id, "25 Feb", 0, 1),
        (tue1.id, "02 Mar", 0, 1),
        (tue2.id, "16 Mar", 0, 2),
    ]
    by_name = {r.display_name: r for r in report.players}
    assert (by_name["Bob"].expected, by_name["Bob"].excused, by_name["Bob"].missed) == (3, 1, 2)
    assert by_name["Newcomer"].expected == 1


def test_sign_ups_count_in_the_per_event_table(seeded):
    season = _season(seeded)
    alice, bob = _player(seeded, "Alice"), _player(seeded, "Bob")
    event = _event(seeded, season, NOW + timedelta(hours=2))
    for who in (alice, bob):
        att.sign_up(session=seeded, player_id=who.id, event_id=event.id, now=NOW)
    att.set_attendance(session=seeded, event_id=event.id, player_id=alice.id, attended=True)
    after = season_report(session=seeded, season_id=season.id, now=NOW + timedelta(hours=6))
    assert [(e.signed_up, e.attended) for e in after.events] == [(2, 1)]
    assert [(w.weekday, w.events, w.percent) for w in after.weekdays] == [("Saturday", 1, 50.0)]


# Calendar feed ------------------------------------------------------------------------------


def test_cancelled_events_carry_status_cancelled_in_the_feed(seeded):
    season = _season(seeded)
    player = _player(seeded, "Calendar")
    kept = _event(seeded, season, NOW + timedelta(days=1), title="Kept")
    dropped = _event(seeded, season, NOW + timedelta(days=3), title="Dropped")
    cancel_event(session=seeded, event_id=dropped.id, now=NOW)
    token = reset_calendar_token(session=seeded, player_id=player.id)
    feed = Calendar.from_ical(build_feed(session=seeded, token=token, now=NOW, base_url="x"))
    status = {str(v["summary"]): str(v.get("status", "")) for v in feed.walk("VEVENT")}
    assert status == {"Kept": "", "Dropped": "CANCELLED"}
    assert kept.cancelled_at is None
