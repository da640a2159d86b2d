"""The bot's adapters against fakes shaped like discord.py's own classes (`create_autospec`:
a misspelled attribute or method fails), on a real database. No test reaches Discord."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace
from unittest.mock import create_autospec

import discord
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.integrations.discord import guild_sync
from patt_app.integrations.discord.bot import PattBot, bot_intents
from patt_app.integrations.discord.sender import DM_CLOSED, drain_outbox
from patt_app.models import DiscordBotStatus, DiscordPost, DiscordUser, GuildRank, Player, User
from patt_app.services.accounts.password_change import issue_reset_link
from patt_app.services.guild_discord import bot_status, posts
from patt_app.services.guild_discord.account_dms import send_invite_by_dm, send_reset_link_by_dm
from patt_app.services.guild_discord.posts import Embed, EmbedField
from patt_app.states.admin.players import AdminPlayersState

NOW = datetime.now(UTC)
CHANNEL = "444444444444444444"


def _forbidden() -> discord.Forbidden:
    response = SimpleNamespace(status=403, reason="Forbidden")
    return discord.Forbidden(response, {"code": 50007, "message": "Cannot send messages"})


def _message(message_id: int) -> discord.Message:
    message = create_autospec(discord.Message, instance=True)
    message.id = message_id
    return message


def _client(channel=None, user=None) -> discord.Client:
    client = create_autospec(discord.Client, instance=True)
    client.get_channel.return_value = channel
    client.get_user.return_value = user
    return client


def _queue(engine: Engine, **kwargs) -> None:
    with Session(engine) as session:
        if "embed" in kwargs:
            posts.queue_post(session=session, now=NOW, **kwargs)
        else:
            posts.queue_dm(session=session, now=NOW, **kwargs)
        session.commit()


def _outcome(engine: Engine, key: str):
    with Session(engine) as session:
        return posts.post_outcome(session=session, dedupe_key=key)


def test_the_bot_asks_only_for_the_guild_and_member_intents():
    intents = bot_intents()
    assert intents.guilds and intents.members and intents.dm_messages  # onboarding answers
    assert not intents.message_content and not intents.presences and not intents.guild_messages
    assert PattBot(guild_id=1).intents.value == intents.value


def test_a_channel_post_goes_out_as_an_embed_with_its_mentions_and_is_recorded(committed):
    channel = create_autospec(discord.TextChannel, instance=True)
    channel.send.return_value = _message(987)
    embed = Embed(
        title="New raid",
        description="Sign up",
        colour=0xD4A84B,
        mentions=("1001",),
        fields=(EmbedField("When", "<t:1:F>"),),
        timestamp=NOW,
    )
    _queue(committed, dedupe_key="raid:1", embed=embed, channel_id=CHANNEL)
    client = _client(channel=channel)
    assert asyncio.run(drain_outbox(client)) == 1
    client.get_channel.assert_called_once_with(int(CHANNEL))
    kwargs = channel.send.await_args.kwargs
    sent: discord.Embed = kwargs["embed"]
    assert (sent.title, sent.description, sent.colour.value) == ("New raid", "Sign up", 0xD4A84B)
    assert [(f.name, f.value) for f in sent.fields] == [("When", "<t:1:F>")]
    assert kwargs["content"] == "<@1001>"
    assert kwargs["allowed_mentions"].everyone is False
    outcome = _outcome(committed, "raid:1")
    assert (outcome.status, outcome.message_id) == ("sent", "987")
    # run again (another tick, or after a restart): nothing is sent twice
    assert asyncio.run(drain_outbox(client)) == 0
    assert channel.send.await_count == 1


def test_a_member_with_closed_dms_fails_once_and_the_officer_is_told_to_copy_the_link(committed):
    with Session(committed) as session:
        discord_user = DiscordUser(discord_id="1001", username="ann")
        session.add(discord_user)
        session.flush()
        player = Player(display_name="Ann", discord_user_id=discord_user.id)
        session.add(player)
        session.flush()
        sent = send_invite_by_dm(
            session=session,
            player_id=player.id,
            created_by_player_id=None,
            now=NOW,
            base_url="https://patt.example",
            guild_name="Pull All The Things",
        )
        session.commit()
    user = create_autospec(discord.User, instance=True)
    user.send.side_effect = _forbidden()
    client = _client(user=user)
    asyncio.run(drain_outbox(client))
    text = user.send.await_args.args[0]
    assert "You've been invited to register on the Pull All The Things guild platform" in text
    assert sent.code in text and sent.link in text and "expires in 72 hours" in text
    outcome = _outcome(committed, sent.dedupe_key)
    assert (outcome.status, outcome.error) == ("failed", DM_CLOSED)
    assert asyncio.run(drain_outbox(client)) == 0 and user.send.await_count == 1

    state = AdminPlayersState()
    state._dm_key, state.dm_state = sent.dedupe_key, "sending"
    asyncio.run(state._follow_dm())
    assert (state.dm_state, state.dm_message) == (
        "failed",
        "DM failed — copy the link instead.",
    )


def test_a_reset_link_goes_by_dm_and_the_outbox_forgets_it_once_sent(committed):
    with Session(committed) as session:
        discord_user = DiscordUser(discord_id="1002", username="bea")
        session.add(discord_user)
        session.flush()
        user_row = User(discord_username="bea", password_hash="x")
        session.add(user_row)
        session.flush()
        player = Player(display_name="Bea", discord_user_id=discord_user.id)
        player.website_user_id = user_row.id
        session.add(player)
        session.flush()
        issued = issue_reset_link(
            session=session,
            player_id=player.id,
            created_by_player_id=None,
            now=NOW,
            base_url="https://patt.example",
        )
        queued = send_reset_link_by_dm(
            session=session,
            player_id=player.id,
            link=issued.url,
            expires_at=issued.expires_at,
            now=NOW,
            guild_name="Pull All The Things",
        )
        session.commit()
    user = create_autospec(discord.User, instance=True)
    user.send.return_value = _message(321)
    asyncio.run(drain_outbox(_client(user=user)))
    text = user.send.await_args.args[0]
    assert issued.url in text and "expires in 72 hours" in text
    assert _outcome(committed, queued.dedupe_key).status == "sent"
    with Session(committed) as session:
        stored = [row.payload for row in session.exec(select(DiscordPost)).all()]
    assert stored == [{"text": "", "private": True}]  # neither the link nor its token is kept


def test_discord_down_queues_the_post_again_for_a_retry(committed):
    channel = create_autospec(discord.TextChannel, instance=True)
    channel.send.side_effect = OSError("connection reset")
    _queue(committed, dedupe_key="retry", embed=Embed(title="x"), channel_id=CHANNEL)
    asyncio.run(drain_outbox(_client(channel=channel)))
    outcome = _outcome(committed, "retry")
    assert outcome.status == "queued" and "unreachable" in outcome.error


def _role(name: str, role_id: int) -> discord.Role:
    role = create_autospec(discord.Role, instance=True)
    role.name, role.id = name, role_id
    role.is_default.return_value = False
    return role


def _member(member_id: int, name: str, roles: list, guild) -> discord.Member:
    member = create_autospec(discord.Member, instance=True)
    member.id, member.name, member.display_name = member_id, name, name.title()
    member.roles, member.bot, member.joined_at, member.guild = roles, False, NOW, guild
    return member


def test_a_full_sync_records_members_follows_discord_roles_and_assigns_pinned_ranks(committed):
    officer_role, member_role, veteran_role = (
        _role("Officer", 11),
        _role("Member", 12),
        _role("Veteran", 13),
    )
    guild = create_autospec(discord.Guild, instance=True)
    ann = _member(1001, "ann", [veteran_role], guild)  # Discord says Veteran
    bob = _member(1002, "bob", [member_role], guild)  # the site pinned Officer
    cat = _member(1003, "cat", [], guild)
    robot = _member(1004, "robot", [], guild)
    robot.bot = True
    guild.members = [ann, bob, cat, robot]
    guild.roles = [officer_role, member_role, veteran_role]
    guild.get_member.side_effect = {1001: ann, 1002: bob, 1003: cat}.get
    guild.get_role.return_value = None
    with Session(committed) as session:
        ranks = {r.level: r.id for r in session.exec(select(GuildRank)).all()}
        gone = DiscordUser(discord_id="999", username="gone")
        session.add(gone)
        for discord_id, name in (("1001", "Ann"), ("1002", "Bob")):
            user = DiscordUser(discord_id=discord_id, username=name.lower())
            session.add(user)
            session.flush()
            session.add(
                Player(
                    display_name=name,
                    discord_user_id=user.id,
                    guild_rank_id=ranks[2] if name == "Ann" else ranks[4],
                    guild_rank_source="wow_character" if name == "Ann" else "admin_override",
                )
            )
        session.commit()

    summary = asyncio.run(guild_sync.full_sync(guild))

    assert "1 joined" in summary and "1 left" in summary
    assert "1 rank updated" in summary and "1 Discord role assigned" in summary
    bob.add_roles.assert_awaited_once()
    assert bob.add_roles.await_args.args == (officer_role,)
    bob.remove_roles.assert_awaited_once()
    assert bob.remove_roles.await_args.args == (member_role,)
    ann.add_roles.assert_not_awaited()
    with Session(committed) as session:
        users = {u.discord_id: u for u in session.exec(select(DiscordUser)).all()}
        assert set(users) == {"999", "1001", "1002", "1003"}  # the bot is not a member
        assert not users["999"].is_present and users["999"].removed_at is not None
        assert users["1001"].highest_guild_role == "Veteran"
        assert users["1003"].display_name == "Cat"
        ann_player = session.exec(select(Player).where(Player.display_name == "Ann")).one()
        assert (ann_player.guild_rank_id, ann_player.guild_rank_source) == (
            ranks[3],
            "discord_sync",
        )
        status = session.get(DiscordBotStatus, bot_status.STATUS_ID)
        assert status.last_member_sync is not None and status.last_role_sync is not None
        assert "1 Discord role assigned" in status.role_sync_summary


def test_a_role_above_the_bots_own_is_reported_not_crashed_on(committed):
    guild = create_autospec(discord.Guild, instance=True)
    officer_role, member_role = _role("Officer", 11), _role("Member", 12)
    bob = _member(1002, "bob", [member_role], guild)
    bob.add_roles.side_effect = _forbidden()
    guild.members, guild.roles = [bob], [officer_role, member_role]
    guild.get_member.return_value = bob
    guild.get_role.return_value = None
    with Session(committed) as session:
        officer_rank = session.exec(select(GuildRank).where(GuildRank.level == 4)).one()
        user = DiscordUser(discord_id="1002", username="bob")
        session.add(user)
        session.flush()
        session.add(
            Player(
                display_name="Bob",
                discord_user_id=user.id,
                guild_rank_id=officer_rank.id,
                guild_rank_source="admin_override",
            )
        )
        session.commit()
    summary = asyncio.run(guild_sync.full_sync(guild))
    assert "1 failed (Bob: the bot's role must be above Officer)" in summary


def test_a_member_who_leaves_is_marked_departed(committed):
    with Session(committed) as session:
        session.add(DiscordUser(discord_id="1005", username="eve"))
        session.commit()
    asyncio.run(guild_sync.member_removed("1005"))
    with Session(committed) as session:
        eve = session.exec(select(DiscordUser).where(DiscordUser.discord_id == "1005")).one()
        assert not eve.is_present and eve.removed_at is not None
