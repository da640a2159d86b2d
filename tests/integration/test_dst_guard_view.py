"""The daylight-saving guard on the demo guild: its Tuesday/Thursday 20:00 Chicago raids move
for the European members between the US change (14 March 2027) and the EU one (28 March)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, User
from patt_app.services.errors import NotFound
from patt_app.services.raids.dst_guard import guard_warnings
from patt_app.services.raids.dst_view import my_dst_notes, season_dst_guard

NOW = datetime(2027, 3, 10, 18, tzinfo=UTC)  # the demo's raids run until 24 March


@pytest.fixture
def demo(seeded) -> Iterator[Session]:
    seed_demo_guild(session=seeded, now=NOW)
    seeded.flush()
    yield seeded


def _member(session: Session) -> Player:
    return session.exec(
        select(Player)
        .join(User, User.id == Player.website_user_id)
        .where(User.discord_username == DEMO_MEMBER)
    ).one()


def test_london_members_are_warned_for_the_two_weeks_between_the_changes(demo):
    weeks = season_dst_guard(session=demo, season_id=None, today=NOW.date())
    london = [w for w in weeks if w.zone == "Europe/London"]
    assert [(w.week_start, w.local_shift_minutes) for w in london] == [
        (date(2027, 3, 15), -60),
        (date(2027, 3, 22), -60),
    ]
    assert not london[0].projected and (london[0].usual, london[0].then) == ("02:00", "01:00")
    assert not [w for w in weeks if w.zone in ("America/Chicago", "America/New_York")]
    assert any(
        t.startswith("17 – 26 March: raids start 1 h earlier") and "Europe/London" in t
        for t in guard_warnings(weeks)
    )


def test_a_member_in_london_sees_their_own_raids_move(demo):
    member = _member(demo)
    assert my_dst_notes(session=demo, player_id=member.id, now=NOW) == []  # Denver: no change
    member.timezone = "Europe/London"
    demo.add(member)
    demo.flush()
    notes = my_dst_notes(session=demo, player_id=member.id, now=NOW)
    assert len(notes) == 3  # Tue 16, Thu 18, Tue 23 March
    assert notes[0].text == "This week your raid starts at 01:00, not 02:00 (the clocks change)."


def test_an_unknown_season_is_refused(demo):
    with pytest.raises(NotFound):
        season_dst_guard(session=demo, season_id=999_999, today=NOW.date())
