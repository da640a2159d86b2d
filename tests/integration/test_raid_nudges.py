"""The outlook's "Nudge them by DM" on the demo guild: the players free for a coming raid who
have not answered get one DM each (never twice for the same raid); those without a Discord
account on the server are named instead."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, col, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import DiscordPost, DiscordUser, Player, RaidEvent
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.raid_nudges import nudge_free_players
from patt_app.services.raids.forecast_view import upcoming_forecasts

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


@pytest.fixture
def demo(seeded) -> Session:
    seed_demo_guild(session=seeded, now=NOW)
    seeded.flush()
    return seeded


def test_free_players_are_nudged_once_and_the_unreachable_named(demo):
    coming = next(
        f for f in upcoming_forecasts(session=demo, now=NOW) if f.forecast.free_not_signed_up
    )
    free = coming.forecast.free_not_signed_up
    assert len(free) >= 2
    gone = demo.get(Player, free[0].player_id)
    if gone.discord_user_id is not None:  # the first one left the Discord server
        demo.get(DiscordUser, gone.discord_user_id).is_present = False
    demo.flush()
    reachable = {
        p.player_id for p in free[1:] if demo.get(Player, p.player_id).discord_user_id is not None
    }
    first = nudge_free_players(
        session=demo, event_id=coming.event_id, now=NOW, base_url="https://patt.example/"
    )
    assert free[0].name in first.unreachable
    assert first.queued == len(reachable) > 0 and first.already == 0
    dms = demo.exec(
        select(DiscordPost).where(col(DiscordPost.dedupe_key).startswith("nudge:"))
    ).all()
    event = demo.get(RaidEvent, coming.event_id)
    assert {d.not_after for d in dms} == {event.start_time_utc}
    text = dms[0].payload["text"]
    assert event.title in text and f"<t:{int(event.start_time_utc.timestamp())}:F>" in text
    assert "https://patt.example/events" in text
    again = nudge_free_players(
        session=demo, event_id=coming.event_id, now=NOW, base_url="https://patt.example"
    )
    assert (again.queued, again.already) == (0, len(reachable))
    assert len(demo.exec(select(DiscordPost)).all()) == len(dms)


def test_a_past_raid_is_not_nudged(demo):
    past = demo.exec(select(RaidEvent).where(RaidEvent.end_time_utc < NOW)).first()
    with pytest.raises(InvalidInput, match="coming raid"):
        nudge_free_players(session=demo, event_id=past.id, now=NOW, base_url="https://x")


def test_a_day_ahead_the_free_are_nudged_once_with_the_buttons(demo):
    from datetime import timedelta

    from patt_app.services.guild_discord.raid_nudges import queue_day_ahead_nudges

    coming = next(
        f for f in upcoming_forecasts(session=demo, now=NOW) if f.forecast.free_not_signed_up
    )
    event = demo.get(RaidEvent, coming.event_id)
    too_early = event.start_time_utc - timedelta(hours=30)
    assert queue_day_ahead_nudges(session=demo, now=too_early, base_url="https://x") == 0
    day_ahead = event.start_time_utc - timedelta(hours=23)
    queued = queue_day_ahead_nudges(session=demo, now=day_ahead, base_url="https://x")
    assert queued > 0
    assert queue_day_ahead_nudges(session=demo, now=day_ahead, base_url="https://x") == 0
    dms = demo.exec(
        select(DiscordPost).where(DiscordPost.subject == f"raid_event:{event.id}:nudge")
    ).all()
    assert dms and {d.payload["raid_buttons"] for d in dms} == {event.id}
