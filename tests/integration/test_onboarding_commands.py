"""Onboarding through the bot, against fakes shaped like discord.py's classes: a newcomer's
DMs drive the conversation; the officer slash commands answer ephemerally and only officers."""

from __future__ import annotations

import asyncio
from unittest.mock import create_autospec

import discord
from sqlmodel import Session, select

from patt_app.integrations.discord import onboarding_commands as commands
from patt_app.integrations.discord.bot import PattBot
from patt_app.models import DiscordPost, DiscordUser, GuildRank, OnboardingSession, Player
from patt_app.services.guild_discord.bot_status import set_switches


def _member(member_id: int) -> discord.Member:
    member = create_autospec(discord.Member, instance=True)
    member.id, member.bot = member_id, False
    return member


def _interaction(user_id: int) -> discord.Interaction:
    interaction = create_autospec(discord.Interaction, instance=True)
    interaction.user = _member(user_id)
    interaction.response = create_autospec(discord.InteractionResponse, instance=True)
    interaction.guild = None
    return interaction


def _dm(author_id: int, text: str) -> discord.Message:
    message = create_autospec(discord.Message, instance=True)
    message.guild, message.content = None, text
    message.author = create_autospec(discord.User, instance=True)
    message.author.id, message.author.bot = author_id, False
    return message


def _answer(interaction) -> tuple[str, bool]:
    call = interaction.response.send_message.await_args
    return call.args[0], call.kwargs.get("ephemeral", False)


def _people(engine) -> None:
    with Session(engine) as session:
        set_switches(session=session, onboarding_enabled=True)
        officer = session.exec(select(GuildRank).where(GuildRank.level == 4)).one()
        for discord_id, rank in (("8001", officer), ("8002", None)):
            user = DiscordUser(discord_id=discord_id, username=f"u{discord_id}")
            session.add(user)
            session.flush()
            session.add(
                Player(
                    display_name=f"P{discord_id}",
                    discord_user_id=user.id,
                    guild_rank_id=rank.id if rank else None,
                )
            )
        session.add(DiscordUser(discord_id="8003", username="newbie"))
        session.commit()


def test_the_four_officer_commands_are_registered_on_the_guild():
    bot = PattBot(guild_id=123)
    names = {c.name for c in bot.tree.get_commands(guild=discord.Object(id=123))}
    assert names == {
        "onboard-status",
        "onboard-resolve",
        "onboard-dismiss",
        "onboard-retry",
        "raids",
        "availability",
        "link",
    }


def test_a_newcomers_dms_drive_the_conversation_and_officers_see_it(committed):
    _people(committed)
    asyncio.run(commands.member_joined(_member(8003)))
    asyncio.run(commands.direct_message(_dm(8003, "yes"), None))
    asyncio.run(commands.direct_message(_dm(8001, "yes"), None))  # not being onboarded
    with Session(committed) as session:
        (row,) = session.exec(select(OnboardingSession)).all()
        assert (row.discord_id, row.state) == ("8003", "asked_main")
        asked = session.exec(select(DiscordPost).where(DiscordPost.discord_id == "8003")).all()
        assert len(asked) == 2

    officer = _interaction(8001)
    asyncio.run(commands.onboard_status(officer, None))
    text, ephemeral = _answer(officer)
    assert ephemeral and "<@8003> — asked main" in text

    member = _interaction(8002)
    asyncio.run(commands.onboard_status(member, None))
    assert _answer(member) == (commands.OFFICERS_ONLY, True)
    asyncio.run(commands.onboard_action(member, _member(8003), "dismiss"))
    assert _answer(member) == (commands.OFFICERS_ONLY, True)

    asyncio.run(commands.onboard_action(officer, _member(8003), "dismiss"))
    text, ephemeral = _answer(officer)
    assert ephemeral and text == "Onboarding of <@8003>: asked main → declined."
    nobody = _interaction(8001)
    asyncio.run(commands.onboard_action(nobody, _member(9999), "retry"))
    assert _answer(nobody) == ("That member has no onboarding session.", True)
    with Session(committed) as session:
        assert session.exec(select(OnboardingSession.state)).one() == "declined"


def test_the_bots_own_messages_and_server_messages_are_ignored(committed):
    _people(committed)
    asyncio.run(commands.member_joined(_member(8003)))
    in_server = _dm(8003, "yes")
    in_server.guild = create_autospec(discord.Guild, instance=True)
    asyncio.run(commands.direct_message(in_server, None))
    from_bot = _dm(8003, "yes")
    from_bot.author.bot = True
    asyncio.run(commands.direct_message(from_bot, None))
    with Session(committed) as session:
        assert session.exec(select(OnboardingSession.state)).one() == "asked_in_guild"


def test_onboarding_waits_for_the_switch(committed):
    _people(committed)
    with Session(committed) as session:
        set_switches(session=session, onboarding_enabled=False)
        session.commit()
    asyncio.run(commands.member_joined(_member(8003)))
    with Session(committed) as session:
        assert session.exec(select(OnboardingSession)).all() == []
