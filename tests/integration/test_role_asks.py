"""Filling a role gap with off-specs, with the database: the proposal from the forecast and the
players' off-specs, "Ask them" recording the asks and queueing DMs with Yes / No (never more
than the gap needs plus one, however often pressed), and a yes moving the sign-up's role."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.db import call_in_session
from patt_app.models import (
    DiscordPost,
    DiscordUser,
    Player,
    RaidAttendance,
    RaidEvent,
    Role,
    RoleAsk,
    Specialization,
)
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.role_ask_dms import answer_ask_from_discord, ask_by_dm
from patt_app.services.raids.forecast_view import forecast_for_event, load_season_data
from patt_app.services.raids.role_asks import event_gaps
from patt_app.services.raids.role_gaps import GROUP_OF
from patt_app.services.raids.turnout_forecast import Composition
from tests.integration.racing import second_waits_for_first

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
START = datetime(2026, 12, 8, 19, tzinfo=UTC)  # a Tuesday
NEED = Composition(tanks=0, healers=4, dps=3)


def _spec(session: Session, role: str) -> Specialization:
    return session.exec(
        select(Specialization)
        .join(Role, Role.id == Specialization.default_role_id)
        .where(Role.key == role)
        .order_by(Specialization.id)
    ).first()


def _player(session: Session, name: str, role: str, offspec: str | None = None) -> Player:
    number = 300000000000000000 + int.from_bytes(name.encode(), "big") % 10**9
    user = DiscordUser(discord_id=str(number), username=name.lower())
    session.add(user)
    session.flush()
    player = Player(
        display_name=name,
        timezone="America/New_York",
        main_spec_id=_spec(session, role).id,
        offspec_spec_id=_spec(session, offspec).id if offspec else None,
        discord_user_id=user.id,
        created_at=NOW - timedelta(weeks=10),
    )
    session.add(player)
    session.flush()
    return player


def _raid_short_of_healers(session: Session) -> tuple[RaidEvent, dict[str, Player]]:
    event = RaidEvent(
        title="Undermine",
        event_date=START.date(),
        start_time_utc=START,
        end_time_utc=START + timedelta(hours=3),
    )
    session.add(event)
    people = [_player(session, n, "healer") for n in ("Hana", "Hugo", "Hilde")]
    people += [_player(session, n, "ranged", "healer") for n in ("Rita", "Rolf", "Rosa", "Rudi")]
    people += [_player(session, n, "melee") for n in ("Mia", "Max")]
    session.flush()
    for p in people:
        session.add(RaidAttendance(event_id=event.id, player_id=p.id, signed_up=True))
    session.flush()
    return event, {p.display_name: p for p in people}


@pytest.fixture
def short_of_healers(seeded):
    return _raid_short_of_healers(seeded)


def test_two_officers_asking_at_once_ask_each_player_once(committed):
    """Two officers pressing "Ask them" for one raid at once: the second waits for the first
    and is told there is nobody more to ask (before, both asked the same players and the second
    broke the unique ask per player and raid: a 500)."""
    with Session(committed) as session:
        event, _ = _raid_short_of_healers(session)
        asking = dict(event_id=event.id, now=NOW, need=NEED)
        session.commit()
    second = second_waits_for_first(
        committed,
        lambda session: ask_by_dm(session=session, **asking),
        lambda: call_in_session(ask_by_dm, **asking),
    )
    assert isinstance(second, InvalidInput) and "nobody (more) to ask" in str(second), second
    with Session(committed) as session:
        assert len(session.exec(select(RoleAsk)).all()) == 2


def _gaps(session, event):
    session.expire_all()
    return event_gaps(
        session=session, data=load_season_data(session=session), event=event, now=NOW, need=NEED
    )


def test_the_proposal_closes_the_healer_gap_without_opening_one(short_of_healers, seeded):
    event, _ = short_of_healers
    (fill,) = _gaps(seeded, event).fills
    assert fill.gap == "healer" and fill.closes
    # 4 × 0.9 ranged + 2 × 0.9 melee = 5.4 DPS, need 3: two can move, one more spare at most
    assert [a.role for a in fill.asks] == ["healer", "healer"]
    assert {a.name for a in fill.asks} <= {"Rita", "Rolf", "Rosa", "Rudi"}


def test_ask_them_queues_dms_and_never_asks_more_than_needed_plus_one(short_of_healers, seeded):
    event, _ = short_of_healers
    outcome = ask_by_dm(session=seeded, event_id=event.id, now=NOW, need=NEED)
    assert len(outcome.asked) == 2 and outcome.unreachable == []
    dms = seeded.exec(select(DiscordPost).where(DiscordPost.kind == "dm")).all()
    assert len(dms) == 2 and all(d.payload.get("role_ask") for d in dms)
    assert dms[0].payload["text"].startswith("Could you bring ")
    assert " on Tuesday? " in dms[0].payload["text"]  # 14:00 in New York: still Tuesday
    with pytest.raises(InvalidInput):
        ask_by_dm(session=seeded, event_id=event.id, now=NOW, need=NEED)
    assert len(seeded.exec(select(RoleAsk)).all()) == 2


def test_a_yes_moves_the_sign_up_and_closes_the_gap(short_of_healers, seeded):
    event, people = short_of_healers
    before = forecast_for_event(session=seeded, event_id=event.id, now=NOW)
    ask_by_dm(session=seeded, event_id=event.id, now=NOW, need=NEED)
    first, second = seeded.exec(select(RoleAsk).order_by(RoleAsk.id)).all()
    name = seeded.get(Player, first.player_id).display_name
    discord_id = seeded.get(DiscordUser, people[name].discord_user_id).discord_id
    reply = answer_ask_from_discord(
        session=seeded, discord_id=discord_id, ask_id=first.id, yes=True, now=NOW
    )
    assert reply.startswith("Thanks! You're signed up as Healer")
    row = seeded.exec(
        select(RaidAttendance).where(
            RaidAttendance.event_id == event.id, RaidAttendance.player_id == first.player_id
        )
    ).one()
    assert row.signup_role == "healer"
    seeded.expire_all()
    after = forecast_for_event(session=seeded, event_id=event.id, now=NOW)
    assert after.by_role["healer"] > before.by_role["healer"]
    other = seeded.get(Player, second.player_id)
    no = answer_ask_from_discord(
        session=seeded,
        discord_id=seeded.get(DiscordUser, other.discord_user_id).discord_id,
        ask_id=second.id,
        yes=False,
        now=NOW,
    )
    assert "stays as it was" in no
    with pytest.raises(Exception, match="not for you"):
        answer_ask_from_discord(
            session=seeded, discord_id=discord_id, ask_id=second.id, yes=True, now=NOW
        )


def test_the_outlook_shows_the_demo_raids_gaps_within_the_limit(seeded):
    from patt_app.demo.seed import seed_demo_guild
    from patt_app.services.raids.outlook_view import raid_outlook

    now = datetime(2026, 11, 25, 18, tzinfo=UTC)
    seed_demo_guild(session=seeded, now=now)
    seeded.flush()
    need = Composition(tanks=3, healers=8, dps=10)
    view = raid_outlook(session=seeded, now=now, base_url="https://patt.example", need=need)
    gaps = [f for o in view.events for f in o.gaps.fills]
    assert any(f.gap == "healer" and f.asks for f in gaps)
    for fill in gaps:
        assert len(fill.asks) <= fill.need - round(fill.have) + 1
        assert all(GROUP_OF[a.role] == fill.gap for a in fill.asks)
