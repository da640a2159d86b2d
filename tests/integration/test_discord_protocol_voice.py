"""Voice presence through the real bot and the fake Discord: members joining and leaving the
raid's voice channel (VOICE_STATE_UPDATE, and who already sat there in GUILD_CREATE) become
stays of that raid, read back per linked player as minutes and late / left-early flags; a join
outside the raid's window or in another channel records nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from patt_app.models import DiscordUser, Player, RaidEvent, RaidVoiceStay
from patt_app.services.guild_discord.bot_status import save_raid_voice_channel
from patt_app.services.raids.voice_stays import voice_evidence
from tests.integration.discord_bot_harness import BotThread, wait_connected, wait_for

M = timedelta(minutes=1)


def _raid(engine, *, start: datetime, end: datetime, voice_channel: str | None = None) -> int:
    with Session(engine) as session:
        event = RaidEvent(
            title="Voice night",
            event_date=start.date(),
            start_time_utc=start,
            end_time_utc=end,
            voice_channel_id=voice_channel,
        )
        session.add(event)
        session.commit()
        return event.id


def _default_channel(engine, channel_id: str) -> None:
    with Session(engine) as session:
        save_raid_voice_channel(session=session, channel_id=channel_id)
        session.commit()


def _link(engine, uid: str, name: str) -> int:
    """A player linked to the Discord member `uid` (the bot synced the member on connect)."""
    with Session(engine) as session:
        user = session.exec(select(DiscordUser).where(DiscordUser.discord_id == uid)).one()
        player = Player(display_name=name, discord_user_id=user.id)
        session.add(player)
        session.commit()
        return player.id


def _stays(engine, event_id: int, uid: str | None = None) -> list[RaidVoiceStay]:
    with Session(engine) as session:
        query = select(RaidVoiceStay).where(RaidVoiceStay.event_id == event_id)
        if uid is not None:
            query = query.where(RaidVoiceStay.discord_id == uid)
        return list(session.exec(query.order_by(RaidVoiceStay.id)).all())


def _voice(engine, event_id: int, now: datetime):
    with Session(engine) as session:
        return voice_evidence(session=session, event=session.get(RaidEvent, event_id), now=now)


def test_joins_and_leaves_in_the_raid_channel_become_minutes_and_flags(committed, fake_discord):
    now = datetime.now(UTC)
    raid_channel = fake_discord.voice_channel("Raid")
    _default_channel(committed, raid_channel)
    on_time = _raid(committed, start=now - 5 * M, end=now + 20 * M)
    # Another raid tonight, held in the Lounge (its own channel), which began 25 minutes ago.
    lounge = _raid(
        committed,
        start=now - 25 * M,
        end=now + 40 * M,
        voice_channel=fake_discord.voice_channel("Lounge"),
    )
    ann, bob, cat = (fake_discord.add_member(n) for n in ("ann", "bob", "cat"))
    fake_discord.guild.voice[bob] = raid_channel  # already in the channel when the bot connects
    with BotThread():
        wait_connected(committed, fake_discord)
        players = {uid: _link(committed, uid, uid.title()) for uid in (ann, bob, cat)}
        wait_for(lambda: _stays(committed, on_time, bob), 10, "Bob's stay from GUILD_CREATE")
        fake_discord.voice_join(ann, raid_channel)
        fake_discord.voice_join(cat, raid_channel)
        wait_for(lambda: _stays(committed, on_time, cat), 10, "Cat's join")
        fake_discord.voice_leave(cat)
        wait_for(lambda: _stays(committed, on_time, cat)[0].left_at, 10, "Cat's leave")
        fake_discord.voice_join(bob, fake_discord.voice_channel("Lounge"))  # moves over
        wait_for(lambda: _stays(committed, lounge, bob), 10, "Bob's move to the Lounge")
    assert _stays(committed, on_time, bob)[0].left_at is not None  # the move closed it
    assert [s.channel_id for s in _stays(committed, on_time)] == [raid_channel] * 3
    after = _voice(committed, on_time, now + 3 * 60 * M)  # read after the raid
    assert after.listened and after.channel_id == raid_channel
    ann_there = after.by_player[players[ann]]
    # Ann joined about 5 minutes after the start and is still there: present to the end.
    assert 19 <= ann_there.minutes <= 20 and not ann_there.late and not ann_there.left_early
    cat_there = after.by_player[players[cat]]
    assert cat_there.minutes <= 1 and not cat_there.late and cat_there.left_early
    bob_lounge = _voice(committed, lounge, now + 3 * 60 * M).by_player[players[bob]]
    assert bob_lounge.late and not bob_lounge.left_early  # joined 25+ minutes after its start
    assert set(_voice(committed, lounge, datetime.now(UTC)).by_player) == {players[bob]}


def test_a_join_outside_the_window_or_in_another_channel_records_nothing(committed, fake_discord):
    now = datetime.now(UTC)
    raid_channel = fake_discord.voice_channel("Raid")
    _default_channel(committed, raid_channel)
    tonight = _raid(committed, start=now - 5 * M, end=now + 3 * 60 * M)
    later = _raid(committed, start=now + 2 * 60 * M, end=now + 5 * 60 * M)  # window opens in 90 min
    done = _raid(committed, start=now - 5 * 60 * M, end=now - 31 * M)  # window closed a minute ago
    ann = fake_discord.add_member("ann")
    with BotThread():
        wait_connected(committed, fake_discord)
        fake_discord.voice_join(ann, fake_discord.voice_channel("Lounge"))  # another channel
        fake_discord.voice_join(ann, raid_channel)  # then tonight's channel: the sentinel
        wait_for(lambda: _stays(committed, tonight, ann), 10, "Ann's join of the raid channel")
    assert [s.channel_id for s in _stays(committed, tonight)] == [raid_channel]
    assert _stays(committed, later) == [] and _stays(committed, done) == []
