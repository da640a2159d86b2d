"""Details of the season report and of sessions that an officer or a member would notice."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from patt_app.models import GuildRank, InviteCode, Player, RaidEvent, RaidSeason, User, UserSession
from patt_app.services.accounts.invites import (
    UNUSABLE_CODE,
    claim_invite,
    create_invite,
    normalise_code,
    registration_link,
)
from patt_app.services.accounts.permissions import OFFICERS_ONLY, require_member, require_officer
from patt_app.services.accounts.sessions import (
    Viewer,
    end_all_sessions,
    end_session,
    list_sessions,
    resolve_session,
    resolve_sessions,
    start_session,
)
from patt_app.services.errors import InviteInvalid, NotAllowed, NotFound
from patt_app.services.raids import attendance as att
from patt_app.services.raids.attendance_csv import report_csv
from patt_app.services.raids.attendance_report import player_history, season_report
from patt_app.services.raids.events import cancel_event

NOW = datetime(2027, 3, 20, 18, 0, tzinfo=UTC)
EVENT_START = datetime(2027, 3, 9, 1, tzinfo=UTC)  # a Monday evening in America, Tue in UTC


def _player(db, name: str, level: int | None = 2, joined=NOW - timedelta(days=90)) -> Player:
    rank_id = None
    if level is not None:
        rank_id = db.exec(select(GuildRank.id).where(GuildRank.level == level)).one()
    player = Player(display_name=name, created_at=joined, guild_rank_id=rank_id)
    db.add(player)
    db.flush()
    return player


def _season_with_one_raid(db, name="Season 9 - Test") -> tuple[RaidSeason, RaidEvent]:
    season = RaidSeason(name=name, start_date=NOW.date() - timedelta(days=60))
    db.add(season)
    db.flush()
    event = RaidEvent(
        season_id=season.id,
        title="Raid",
        event_date=EVENT_START.date(),
        start_time_utc=EVENT_START,
        end_time_utc=EVENT_START + timedelta(hours=3),
    )
    db.add(event)
    db.flush()
    return season, event


def test_the_report_lists_players_by_name_with_their_rank(seeded):
    season, _ = _season_with_one_raid(seeded)
    _player(seeded, "Zed", level=4)
    _player(seeded, "Amy", level=None)
    _player(seeded, "Mo", level=1)
    report = season_report(session=seeded, season_id=season.id, now=NOW)
    assert report.season_name == "Season 9 - Test"
    rows = [(p.display_name, p.rank_name, p.rank_level) for p in report.players]
    assert rows == [("Amy", "", 0), ("Mo", "Initiate", 1), ("Zed", "Officer", 4)]


def test_the_minimum_rank_keeps_that_rank_and_above(seeded):
    season, _ = _season_with_one_raid(seeded)
    for name, level in (("Amy", None), ("Ini", 1), ("Mem", 2), ("Vet", 3)):
        _player(seeded, name, level=level)
    names = lambda rank: [  # noqa: E731
        p.display_name
        for p in season_report(session=seeded, season_id=season.id, now=NOW, min_rank=rank).players
    ]
    assert names(0) == ["Amy", "Ini", "Mem", "Vet"]
    assert names(1) == ["Ini", "Mem", "Vet"]
    assert names(2) == ["Mem", "Vet"]
    assert (
        season_report(session=seeded, season_id=season.id, now=NOW).players[0].display_name == "Amy"
    )


def test_a_player_who_joined_as_the_raid_started_is_expected(seeded):
    season, _ = _season_with_one_raid(seeded)
    _player(seeded, "Onthedot", joined=EVENT_START)
    _player(seeded, "Late", joined=EVENT_START + timedelta(seconds=1))
    report = {
        p.display_name: p
        for p in season_report(session=seeded, season_id=season.id, now=NOW).players
    }
    assert (report["Onthedot"].expected, report["Late"].expected) == (1, 0)


def test_a_weekday_nobody_attended_still_shows_with_zero_percent(seeded):
    season, _ = _season_with_one_raid(seeded)
    _player(seeded, "Absent")
    report = season_report(session=seeded, season_id=season.id, now=NOW)
    assert [(w.weekday, w.events, w.percent) for w in report.weekdays] == [("Tuesday", 1, 0.0)]
    assert [(e.label, e.signed_up, e.attended) for e in report.events] == [("09 Mar", 0, 0)]


def test_percent_has_one_decimal_and_none_is_an_empty_csv_cell(seeded):
    season, event = _season_with_one_raid(seeded)
    second = RaidEvent(
        season_id=season.id,
        title="Raid 2",
        event_date=EVENT_START.date() + timedelta(days=2),
        start_time_utc=EVENT_START + timedelta(days=2),
        end_time_utc=EVENT_START + timedelta(days=2, hours=3),
    )
    third = RaidEvent(
        season_id=season.id,
        title="Raid 3",
        event_date=EVENT_START.date() + timedelta(days=7),
        start_time_utc=EVENT_START + timedelta(days=7),
        end_time_utc=EVENT_START + timedelta(days=7, hours=3),
    )
    seeded.add_all([second, third])
    seeded.flush()
    two_of_three = _player(seeded, "Twothirds")
    excused = _player(seeded, "Excused")
    for e in (event, second):
        att.set_attendance(session=seeded, event_id=e.id, player_id=two_of_three.id, attended=True)
    for e in (event, second, third):
        att.set_attendance(session=seeded, event_id=e.id, player_id=excused.id, excused=True)
    report = season_report(session=seeded, season_id=season.id, now=NOW)
    by_name = {p.display_name: p for p in report.players}
    assert by_name["Twothirds"].percent == 66.7
    assert by_name["Excused"].percent is None
    lines = {row[0]: row for row in csv.reader(io.StringIO(report_csv(report)))}
    assert lines["Twothirds"][-1] == "66.7" and lines["Excused"][-1] == ""


def _user(db, name: str) -> User:
    user = User(discord_username=name, password_hash="x")
    db.add(user)
    db.flush()
    return user


def test_log_out_everywhere_touches_only_this_users_live_sessions(seeded):
    me, other = _user(seeded, "me"), _user(seeded, "other")
    mine = [start_session(session=seeded, user_id=me.id, now=NOW, hours=24) for _ in range(2)]
    theirs = start_session(session=seeded, user_id=other.id, now=NOW, hours=24)
    start_session(session=seeded, user_id=me.id, now=NOW - timedelta(hours=2), hours=1)  # expired
    start_session(  # expires exactly now
        session=seeded, user_id=me.id, now=NOW - timedelta(hours=1), hours=1
    )
    assert len(list_sessions(session=seeded, user_id=me.id, now=NOW)) == 2
    assert end_all_sessions(session=seeded, user_id=me.id, now=NOW) == 2
    assert end_all_sessions(session=seeded, user_id=me.id, now=NOW) == 0, "nothing left to end"
    assert resolve_session(session=seeded, token=theirs, now=NOW) is not None
    assert all(resolve_session(session=seeded, token=t, now=NOW) is None for t in mine)


def test_many_tabs_are_checked_in_one_call_each_as_alone(seeded):
    """A live redraw re-checks every tab's session at once: same answers as one by one."""
    me, gone = _user(seeded, "batched"), _user(seeded, "deactivated")
    live = start_session(session=seeded, user_id=me.id, now=NOW, hours=24)
    ended = start_session(session=seeded, user_id=me.id, now=NOW, hours=24)
    end_session(session=seeded, token=ended, now=NOW)
    disabled = start_session(session=seeded, user_id=gone.id, now=NOW, hours=24)
    gone.is_active = False
    seeded.add(gone)
    seeded.flush()
    tokens = [live, ended, disabled, "unknown", "", live]
    found = resolve_sessions(session=seeded, tokens=tokens, now=NOW)
    assert set(found) == set(tokens)
    assert found[live] is not None and found[live].username == "batched"
    assert [found[t] for t in (ended, disabled, "unknown", "")] == [None] * 4
    assert found == {t: resolve_session(session=seeded, token=t, now=NOW) for t in tokens}


def test_your_sessions_newest_first_with_their_details(seeded):
    me = _user(seeded, "lister")
    start_session(
        session=seeded,
        user_id=me.id,
        now=NOW - timedelta(hours=3),
        hours=24,
        user_agent="Firefox",
        ip_address="10.0.0.1",
    )
    start_session(session=seeded, user_id=me.id, now=NOW - timedelta(hours=1), hours=24)
    start_session(session=seeded, user_id=me.id, now=NOW - timedelta(hours=30), hours=24)
    rows = list_sessions(session=seeded, user_id=me.id, now=NOW)
    assert [r.created_at for r in rows] == [NOW - timedelta(hours=1), NOW - timedelta(hours=3)]
    assert (rows[1].user_agent, rows[1].ip_address) == ("Firefox", "10.0.0.1")
    assert (rows[0].user_agent, rows[0].ip_address) == ("", "")
    assert rows[1].expires_at == NOW + timedelta(hours=21)


def test_refusals_say_why():
    member = Viewer(1, 1, "m", 7, "Member", 3, "Veteran")
    with pytest.raises(NotAllowed, match=OFFICERS_ONLY):
        require_officer(member)
    assert OFFICERS_ONLY == "Officers only."
    assert (
        registration_link("https://x.example//", "CODE") == "https://x.example/register?code=CODE"
    )


def test_a_members_own_history_newest_first(seeded):
    season, first = _season_with_one_raid(seeded)
    events = [first]
    for days, title in ((2, "Second"), (4, "Third"), (6, "Fourth"), (30, "Future")):
        event = RaidEvent(
            season_id=season.id,
            title=title,
            event_date=EVENT_START.date() + timedelta(days=days),
            start_time_utc=EVENT_START + timedelta(days=days),
            end_time_utc=EVENT_START + timedelta(days=days, hours=3),
        )
        seeded.add(event)
        seeded.flush()
        events.append(event)
    cancel_event(session=seeded, event_id=events[3].id, now=NOW)
    me = _player(seeded, "Me", joined=EVENT_START + timedelta(hours=1))  # after the first raid
    att.set_attendance(session=seeded, event_id=events[1].id, player_id=me.id, attended=True)
    att.set_attendance(session=seeded, event_id=events[2].id, player_id=me.id, excused=True)
    mine, history = player_history(session=seeded, player_id=me.id, season_id=season.id, now=NOW)
    assert [(h.title, h.status) for h in history] == [("Third", "excused"), ("Second", "attended")]
    assert [h.event_id for h in history] == [events[2].id, events[1].id]
    assert history[0].start == EVENT_START + timedelta(days=4)
    assert (mine.player_id, mine.expected, mine.attended, mine.excused) == (me.id, 2, 1, 1)
    member = seeded.exec(select(GuildRank).where(GuildRank.level == 2)).one()
    assert (mine.rank_name, mine.rank_level) == (member.name, 2)  # their line, with their rank
    other = _player(seeded, "Other")
    _, theirs = player_history(session=seeded, player_id=other.id, season_id=season.id, now=NOW)
    assert [(h.title, h.status) for h in theirs] == [
        ("Third", "missed"),
        ("Second", "missed"),
        ("Raid", "missed"),
    ]


def test_other_seasons_raids_do_not_count(seeded):
    season, _ = _season_with_one_raid(seeded)
    other, _ = _season_with_one_raid(seeded, name="Season 10")
    _player(seeded, "Solo")
    [row] = season_report(session=seeded, season_id=season.id, now=NOW).players
    assert row.expected == 1 and other.id != season.id


def _exactly(message: str) -> str:
    return "^" + re.escape(message) + "$"


def test_invite_refusals_read_as_written(seeded):
    player = _player(seeded, "Invitee")
    with pytest.raises(NotFound, match=_exactly("That player does not exist.")):
        create_invite(session=seeded, player_id=-1, created_by_player_id=None, now=NOW)
    with pytest.raises(InviteInvalid, match=_exactly(UNUSABLE_CODE)):
        claim_invite(session=seeded, code="NOPE2345", now=NOW)
    invite = create_invite(session=seeded, player_id=player.id, created_by_player_id=None, now=NOW)
    with pytest.raises(InviteInvalid, match=_exactly(UNUSABLE_CODE)):
        claim_invite(session=seeded, code=invite.code, now=NOW + timedelta(days=4))
    seeded.get(InviteCode, invite.id).used_at = NOW
    seeded.flush()
    with pytest.raises(InviteInvalid, match=_exactly(UNUSABLE_CODE)):
        claim_invite(session=seeded, code=invite.code, now=NOW)


def test_an_invite_records_who_made_it_and_how_and_replaces_only_that_players_codes(seeded):
    officer = _player(seeded, "Officer", level=4)
    invitee, other = (_player(seeded, n) for n in ("Invitee", "Other"))
    others = create_invite(session=seeded, player_id=other.id, created_by_player_id=None, now=NOW)
    first = create_invite(
        session=seeded, player_id=invitee.id, created_by_player_id=officer.id, now=NOW
    )
    first_row = seeded.get(InviteCode, first.id)
    assert (first_row.created_by_player_id, first_row.generated_by, first_row.created_at) == (
        officer.id,
        "manual",
        NOW,
    )
    later = NOW + timedelta(hours=1)
    second = create_invite(
        session=seeded,
        player_id=invitee.id,
        created_by_player_id=None,
        now=later,
        generated_by="bot",
    )
    first_row = seeded.get(InviteCode, first.id, populate_existing=True)
    others_row = seeded.get(InviteCode, others.id, populate_existing=True)
    assert first_row.expires_at == later
    assert seeded.get(InviteCode, second.id).generated_by == "bot"
    assert others_row.expires_at == NOW + timedelta(hours=72), "another player's code keeps working"
    assert claim_invite(session=seeded, code=others.code.lower(), now=later).id == others.id


def test_the_unlinked_account_is_told_why(seeded):
    nobody = Viewer(1, 1, "u", None, "u", 0, "")
    with pytest.raises(
        NotAllowed, match=_exactly("Your account is not linked to an active guild member.")
    ):
        require_member(nobody)


def test_a_session_remembers_the_device_and_when_it_was_last_seen(seeded):
    me = _user(seeded, "device")
    token = start_session(
        session=seeded, user_id=me.id, now=NOW, hours=24, user_agent="A" * 600, ip_address="9" * 80
    )
    assert len(token) == 43, "32 random bytes, URL-safe"
    [row] = list_sessions(session=seeded, user_id=me.id, now=NOW)
    assert (len(row.user_agent), len(row.ip_address), row.last_seen_at) == (512, 64, NOW)
    viewer = resolve_session(session=seeded, token=token, now=NOW + timedelta(minutes=5))
    assert (viewer.user_id, viewer.session_id) == (me.id, row.id)
    [row] = list_sessions(session=seeded, user_id=me.id, now=NOW)
    assert row.last_seen_at == NOW, "not rewritten within five minutes"
    resolve_session(session=seeded, token=token, now=NOW + timedelta(minutes=5, seconds=1))
    [row] = list_sessions(session=seeded, user_id=me.id, now=NOW)
    assert row.last_seen_at == NOW + timedelta(minutes=5, seconds=1)


def test_logging_out_ends_only_that_session(seeded):
    me = _user(seeded, "twice")
    phone, laptop = (start_session(session=seeded, user_id=me.id, now=NOW, hours=24) for _ in "ab")
    end_session(session=seeded, token=phone, now=NOW)
    assert resolve_session(session=seeded, token=phone, now=NOW) is None
    assert resolve_session(session=seeded, token=laptop, now=NOW) is not None
    assert len(list_sessions(session=seeded, user_id=me.id, now=NOW)) == 1
    end_session(session=seeded, token=phone, now=NOW + timedelta(hours=1))
    revoked = seeded.exec(select(UserSession.revoked_at).where(UserSession.user_id == me.id)).all()
    assert sorted(revoked, key=str) == sorted([NOW, None], key=str), "revoked once, at logout"


def test_an_inactive_players_rank_is_not_shown(seeded):
    me = _user(seeded, "left")
    player = _player(seeded, "Left", level=4)
    player.website_user_id, player.is_active = me.id, False
    seeded.flush()
    token = start_session(session=seeded, user_id=me.id, now=NOW, hours=1)
    viewer = resolve_session(session=seeded, token=token, now=NOW)
    assert (viewer.rank_name, viewer.rank_level, viewer.display_name) == ("", 0, "Left")


def test_typed_codes_keep_their_letters():
    assert normalise_code("xx-yy z\tq") == "XXYYZQ"


def test_an_unknown_season_says_so_exactly(seeded):
    with pytest.raises(NotFound, match=_exactly("That season does not exist.")):
        season_report(session=seeded, season_id=-1, now=NOW)


def test_history_boundaries_other_seasons_and_a_player_who_left(seeded):
    season, first = _season_with_one_raid(seeded)
    other_season, _ = _season_with_one_raid(seeded, name="Season 10")
    just_ended = RaidEvent(
        season_id=season.id,
        title="Ends now",
        event_date=NOW.date(),
        start_time_utc=NOW - timedelta(hours=3),
        end_time_utc=NOW,
    )
    seeded.add(just_ended)
    seeded.flush()
    me = _player(seeded, "Punctual", joined=EVENT_START)  # joined as the first raid started
    _, history = player_history(session=seeded, player_id=me.id, season_id=season.id, now=NOW)
    assert [h.event_id for h in history] == [first.id], "not the other season's, not one ending now"
    me.is_active = False
    seeded.flush()
    mine, history = player_history(session=seeded, player_id=me.id, season_id=season.id, now=NOW)
    assert mine is None and [h.event_id for h in history] == [first.id]
    assert other_season.id != season.id


def test_a_clashing_new_code_is_drawn_again(seeded, monkeypatch):
    from patt_app.services.accounts import invites

    draws = iter(["AAAAAAAA", "AAAAAAAA", "BBBBBBBB"])
    monkeypatch.setattr(invites, "generate_code", lambda: next(draws))
    first, second = _player(seeded, "First"), _player(seeded, "Second")
    a = create_invite(session=seeded, player_id=first.id, created_by_player_id=None, now=NOW)
    b = create_invite(session=seeded, player_id=second.id, created_by_player_id=None, now=NOW)
    assert (a.code, b.code) == ("AAAAAAAA", "BBBBBBBB")
