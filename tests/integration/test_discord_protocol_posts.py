"""The outbox through the real bot to the fake Discord: posted once (also across a reconnect
and a restart), a 429 waited out, invite DMs delivered and forgotten, closed DMs reported."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.integrations.discord.sender import DM_CLOSED
from patt_app.models import DiscordPost, DiscordUser, Player
from patt_app.services.guild_discord import posts
from patt_app.services.guild_discord.account_dms import send_invite_by_dm
from patt_app.services.guild_discord.posts import Embed
from tests.integration.discord_bot_harness import (
    BotThread,
    wait_connected,
    wait_for,
)


def _announce(engine, fake, key: str) -> None:
    with Session(engine) as session:
        posts.queue_post(
            session=session,
            dedupe_key=key,
            embed=Embed(title="Raid night: Liberation of Undermine", description="Wed 20:00"),
            channel_id=fake.announcements,
            now=datetime.now(UTC),
        )
        session.commit()


def _outcome(engine, key: str):
    with Session(engine) as session:
        return posts.post_outcome(session=session, dedupe_key=key)


def _titles(fake) -> list[str]:
    return [m.embeds[0]["title"] for m in fake.messages_in(fake.announcements) if m.embeds]


def test_an_announcement_is_posted_once_across_a_reconnect_and_a_restart(committed, fake_discord):
    _announce(committed, fake_discord, "event:1:announce")
    with BotThread():
        wait_connected(committed, fake_discord)
        wait_for(lambda: _outcome(committed, "event:1:announce").status == "sent", 10, "sent")
        fake_discord.ask_to_reconnect()
        wait_for(lambda: any(op == 6 for op, _ in fake_discord.gateway_log), 10, "a RESUME")
        _announce(committed, fake_discord, "event:1:announce")  # decided again: no new row
    with BotThread():
        wait_for(lambda: len(fake_discord.identifies) == 2, 15, "the restarted bot")
        _announce(committed, fake_discord, "event:2:announce")
        wait_for(lambda: _outcome(committed, "event:2:announce").status == "sent", 10, "sent")
    assert sorted(_titles(fake_discord)) == ["Raid night: Liberation of Undermine"] * 2
    (first, _second) = fake_discord.messages_in(fake_discord.announcements)
    assert _outcome(committed, "event:1:announce").message_id == first.id


def test_a_rate_limited_post_waits_out_the_429_and_is_delivered_once(committed, fake_discord):
    path = f"/channels/{fake_discord.announcements}/messages"
    fake_discord.rate_limit_next("POST", path, retry_after=0.4)
    with BotThread():
        wait_connected(committed, fake_discord)
        _announce(committed, fake_discord, "event:3:announce")
        wait_for(lambda: _outcome(committed, "event:3:announce").status == "sent", 15, "sent")
    assert fake_discord.times_of(f"429 POST /api/v10{path}")  # Discord did say 429
    posted = [r for r in fake_discord.requests if r[0] == "POST" and r[1].endswith(path)]
    assert len(posted) == 2 and len(fake_discord.messages_in(fake_discord.announcements)) == 1


def _invite(engine, fake, uid: str, name: str):
    with Session(engine) as session:
        user = session.exec(select(DiscordUser).where(DiscordUser.discord_id == uid)).one()
        player = Player(display_name=name, discord_user_id=user.id)
        session.add(player)
        session.flush()
        sent = send_invite_by_dm(
            session=session,
            player_id=player.id,
            created_by_player_id=None,
            now=datetime.now(UTC),
            base_url="https://patt.example",
            guild_name="Pull All The Things",
        )
        session.commit()
    return sent


def test_an_invite_dm_is_delivered_and_forgotten_and_closed_dms_are_reported(
    committed, fake_discord
):
    ann = fake_discord.add_member("ann")
    bob = fake_discord.add_member("bob")
    fake_discord.close_dms(bob)
    with BotThread():
        wait_connected(committed, fake_discord)  # the member sync has seen ann and bob
        to_ann = _invite(committed, fake_discord, ann, "Ann")
        to_bob = _invite(committed, fake_discord, bob, "Bob")
        wait_for(lambda: _outcome(committed, to_ann.dedupe_key).status == "sent", 10, "ann")
        wait_for(lambda: _outcome(committed, to_bob.dedupe_key).status == "failed", 10, "bob")
    (dm,) = fake_discord.dms_to(ann)
    assert "You've been invited to register on the Pull All The Things guild platform" in dm.content
    assert to_ann.code in dm.content and to_ann.link in dm.content
    assert fake_discord.dms_to(bob) == []
    assert _outcome(committed, to_bob.dedupe_key).error == DM_CLOSED
    with Session(committed) as session:
        stored = {row.dedupe_key: row.payload for row in session.exec(select(DiscordPost)).all()}
    assert to_ann.code not in str(stored[to_ann.dedupe_key])  # the sent DM is forgotten
