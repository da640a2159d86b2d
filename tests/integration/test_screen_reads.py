"""The read functions that screens and API routes call instead of querying the database
themselves: each returns plain data, and a screen's reload reads everything in one call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, RaidAttendanceStatus, RaidEvent, RaidSeason, User
from patt_app.services.accounts.invites import create_invite
from patt_app.services.accounts.profile import load_profile_page
from patt_app.services.accounts.registration import register_and_log_in
from patt_app.services.accounts.sessions import resolve_session
from patt_app.services.errors import NotFound
from patt_app.services.raids import attendance as att
from patt_app.services.raids.attendance_report import attendance_overview
from patt_app.services.raids.attendance_suggestions import LATE, LEFT_EARLY
from patt_app.services.raids.event_view import member_events, officer_events
from patt_app.services.raids.events import cancel_event, get_event
from patt_app.services.reference.reference_tables import guild_ranks, load_reference_tables
from patt_app.services.scheduling.availability import guild_availability, set_window, week_of
from patt_app.states.events import _record

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


def _player(session: Session, username: str) -> Player:
    return session.exec(
        select(Player)
        .join(User, User.id == Player.website_user_id)
        .where(User.discord_username == username)
    ).one()


@pytest.fixture
def demo(committed) -> Iterator[Session]:
    """The demo guild, committed: `committed` then empties the tables and restarts the ids, so
    these events do not shift the ids later tests expect (sequences ignore rollbacks)."""
    with Session(committed) as session:
        seed_demo_guild(session=session, now=NOW)
        session.commit()
        yield session


def _next_event(session: Session) -> RaidEvent:
    return session.exec(
        select(RaidEvent).where(RaidEvent.start_time_utc > NOW).order_by(RaidEvent.start_time_utc)
    ).first()


def test_guild_ranks_lowest_first_with_their_in_game_index(seeded):
    ranks = guild_ranks(session=seeded)
    assert [r.level for r in ranks] == [1, 2, 3, 4, 5]
    assert all(r.wow_rank_index is None or isinstance(r.wow_rank_index, int) for r in ranks)


def test_guild_availability_has_seven_windows_per_active_player(demo):
    member = _player(demo, DEMO_MEMBER)
    set_window(session=demo, player_id=member.id, day_of_week=4, start="19:30", hours="2.5")
    rows = guild_availability(session=demo)
    assert rows and all(len(r.windows) == 7 for r in rows)
    assert [r.display_name for r in rows] == sorted(r.display_name for r in rows)
    mine = next(r for r in rows if r.player_id == member.id)
    assert mine.windows == week_of(session=demo, player_id=member.id)
    assert (mine.windows[4].start, mine.windows[4].hours) == ("19:30", 2.5)


def test_get_event_and_the_checklist_screen(demo):
    event = _next_event(demo)
    event.discord_channel_id = "123456789012345678"
    demo.add(event)
    row = get_event(session=demo, event_id=event.id)
    assert (row.title, row.start, row.discord_channel_id) == (
        event.title,
        event.start_time_utc,
        "123456789012345678",
    )
    screen = att.event_checklist(session=demo, event_id=event.id)
    assert screen.event == row
    assert screen.rows == att.checklist(session=demo, event_id=event.id)
    with pytest.raises(NotFound):
        get_event(session=demo, event_id=999_999)
    with pytest.raises(NotFound):
        att.event_checklist(session=demo, event_id=999_999)


def test_attendance_overview_picks_the_current_season(demo):
    view = attendance_overview(session=demo, season_id=None, now=NOW, min_rank=0)
    current = next(s for s in view.seasons if s.is_current)
    assert view.season_id == current.id and view.report is not None
    assert view.report.season_name == current.name
    other = next(s for s in view.seasons if not s.is_current)
    assert (
        attendance_overview(session=demo, season_id=other.id, now=NOW, min_rank=0).season_id
        == other.id
    )


def test_attendance_overview_without_a_current_season_shows_the_latest(seeded):
    for name, days in (("Next tier", 30), ("Tier after", 120)):  # neither has begun
        seeded.add(RaidSeason(name=name, start_date=NOW.date() + timedelta(days=days)))
    seeded.flush()
    view = attendance_overview(session=seeded, season_id=None, now=NOW, min_rank=0)
    assert not any(s.is_current for s in view.seasons)
    assert view.report is not None and view.report.season_name == "Tier after"


def test_attendance_overview_without_seasons_is_empty(seeded):
    view = attendance_overview(session=seeded, season_id=None, now=NOW, min_rank=0)
    assert (view.seasons, view.season_id, view.report) == ([], None, None)


def test_officer_events_in_the_officers_zone(demo):
    officer = _player(demo, DEMO_OFFICER)
    view = officer_events(
        session=demo, player_id=officer.id, today=NOW.date(), since=NOW.date() - timedelta(days=7)
    )
    assert view.timezone == officer.timezone
    assert any(s.is_current for s in view.seasons)
    assert view.events and all(
        e.start.date() >= NOW.date() - timedelta(days=8) for e in view.events
    )


def test_member_events_show_my_status_record_and_calendar(demo):
    member = _player(demo, DEMO_MEMBER)
    event = _next_event(demo)
    att.withdraw(session=demo, player_id=member.id, event_id=event.id, now=NOW)
    before = member_events(session=demo, player_id=member.id, now=NOW)
    assert all(u.event.end >= NOW for u in before.upcoming)
    mine = next(u for u in before.upcoming if u.event.id == event.id)
    assert (mine.status, mine.can_change) == ("not signed up", True)
    att.sign_up(session=demo, player_id=member.id, event_id=event.id, now=NOW)
    later = next(u.event for u in before.upcoming if u.event.start > event.start_time_utc)
    cancel_event(session=demo, event_id=later.id, now=NOW, cancel=True)
    after = member_events(session=demo, player_id=member.id, now=NOW)
    by_id = {u.event.id: u for u in after.upcoming}
    assert by_id[event.id].status == "signed up"
    assert (by_id[later.id].status, by_id[later.id].can_change) == ("cancelled", False)
    assert after.season_name and after.record is not None
    assert after.record.player_id == member.id
    assert after.history and all(h.start < NOW for h in after.history)
    assert not before.has_calendar_link and not after.has_calendar_link
    assert after.timezone == member.timezone


def test_register_and_log_in_adopts_a_known_browser_zone(seeded):
    players = [Player(display_name="Zoned"), Player(display_name="Unzoned")]
    seeded.add_all(players)
    seeded.flush()
    for player, zone, name in zip(
        players, ("Europe/Berlin", "Mars/Olympus"), ("zoned", "unzoned"), strict=True
    ):
        code = create_invite(
            session=seeded, player_id=player.id, created_by_player_id=None, now=NOW
        ).code
        token = register_and_log_in(
            session=seeded,
            code=code,
            username=name,
            password="a-long-enough-password",
            timezone=zone,
            client="127.0.0.1",
            user_agent="pytest",
            now=NOW,
            hours=1,
        )
        viewer = resolve_session(session=seeded, token=token, now=NOW)
        assert viewer is not None and viewer.player_id == player.id
    seeded.refresh(players[0])
    seeded.refresh(players[1])
    assert players[0].timezone == "Europe/Berlin"
    assert players[1].timezone != "Mars/Olympus"


def test_profile_page_and_reference_tables_in_one_read(demo):
    member = _player(demo, DEMO_MEMBER)
    page = load_profile_page(
        session=demo, player_id=member.id, user_id=member.website_user_id, now=NOW
    )
    assert page.profile.display_name == member.display_name
    assert page.specs and page.sessions == []
    again = load_profile_page(
        session=demo,
        player_id=member.id,
        user_id=member.website_user_id,
        now=NOW,
        with_specs=False,
    )
    assert again.specs == [] and again.profile == page.profile
    tables = load_reference_tables(session=demo, today=NOW.date())
    assert len(tables.ranks) == 5 and tables.roles and tables.seasons and tables.classes
    assert load_reference_tables(session=demo, today=NOW.date(), with_classes=False).classes == []


def test_my_attendance_counts_my_late_and_left_early_raids_not_others(demo):
    """The evidence recorded a member late at one raid and gone early at another (and others
    at the same raids): the member's own line and /events count only theirs."""
    member = _player(demo, DEMO_MEMBER)
    other = _player(demo, DEMO_OFFICER)
    before = member_events(session=demo, player_id=member.id, now=NOW)
    attended = [h.event_id for h in before.history if h.status == "attended"][:2]
    assert len(attended) == 2 and before.record.late == before.record.left_early == 0
    for event_id, status in zip(attended, (LATE, LEFT_EARLY), strict=True):
        for player in (member, other):
            demo.add(RaidAttendanceStatus(event_id=event_id, player_id=player.id, status=status))
    demo.flush()
    after = member_events(session=demo, player_id=member.id, now=NOW)
    assert (after.record.late, after.record.left_early) == (1, 1)
    shown = _record(after)
    assert (shown.late, shown.left_early) == (1, 1)
    statuses = {h.event_id: h.status for h in after.history}
    assert [statuses[e] for e in attended] == [LATE, LEFT_EARLY]
