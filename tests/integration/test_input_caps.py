"""Caps on what a member or officer can pile up or paste: away periods, notes, long passwords.
Each refusal says what the limit is and writes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import AvailabilityException, Player, RaidAttendance, RaidEvent, User
from patt_app.services.accounts.registration import LOGIN_FAILED, authenticate
from patt_app.services.errors import InvalidInput, NotLoggedIn
from patt_app.services.raids import attendance
from patt_app.services.raids.events import EventDetails, create_event
from patt_app.services.scheduling import availability as av

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture
def member(seeded: Session) -> Player:
    seed_demo_guild(session=seeded, now=NOW)
    user = seeded.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
    return seeded.exec(select(Player).where(Player.website_user_id == user.id)).one()


def test_twenty_upcoming_away_periods_at_most(seeded: Session, member: Player):
    seeded.exec(
        AvailabilityException.__table__.delete().where(AvailabilityException.player_id == member.id)
    )
    start = date(2027, 1, 4)
    for n in range(av.MAX_AWAY_PERIODS):
        day = start + timedelta(days=2 * n)
        av.add_away(session=seeded, player_id=member.id, start_date=day, end_date=day)
    with pytest.raises(InvalidInput, match="20 away periods"):
        av.add_away(session=seeded, player_id=member.id, start_date=start, end_date=start)
    # long past periods don't count against new ones
    later = start + timedelta(days=200)
    av.add_away(session=seeded, player_id=member.id, start_date=later, end_date=later)


def test_notes_over_the_limit_are_refused_not_cut(seeded: Session, member: Player):
    with pytest.raises(InvalidInput, match="200 characters"):
        av.add_away(
            session=seeded, player_id=member.id, start_date=date(2027, 2, 1),
            end_date=date(2027, 2, 2), note="x" * 201,
        )  # fmt: skip
    event = create_event(
        session=seeded,
        details=EventDetails(
            title="Cap night", event_date=date(2026, 12, 1), start=time(20), end=time(23),
            timezone="America/Chicago", season_id=None, notes="", log_url="",
        ),
        created_by_player_id=None, today=NOW.date(),
    )  # fmt: skip
    before = seeded.exec(select(RaidAttendance).where(RaidAttendance.player_id == member.id)).all()
    with pytest.raises(InvalidInput, match="200 characters"):
        attendance.excuse(
            session=seeded, player_id=member.id, event_id=event.id, note="y" * 201, now=NOW
        )
    after = seeded.exec(select(RaidAttendance).where(RaidAttendance.player_id == member.id)).all()
    assert len(after) == len(before)
    with pytest.raises(InvalidInput, match="2000 characters"):
        create_event(
            session=seeded,
            details=EventDetails(
                title="Long notes", event_date=date(2026, 12, 2), start=time(20), end=time(23),
                timezone="America/Chicago", season_id=None, notes="z" * 2001, log_url="",
            ),
            created_by_player_id=None, today=NOW.date(),
        )  # fmt: skip
    assert not seeded.exec(select(RaidEvent).where(RaidEvent.title == "Long notes")).first()


def test_a_huge_password_at_login_is_a_plain_failure(seeded: Session, member: Player):
    with pytest.raises(NotLoggedIn, match=LOGIN_FAILED):
        authenticate(
            session=seeded, username=DEMO_MEMBER, password="p" * 100_000, client="10.0.0.1",
            now=NOW,
        )  # fmt: skip
