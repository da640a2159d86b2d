"""Member and role sync through the real bot and the fake Discord: on connect, on join /
rename / leave / return, on "Sync members now"; Discord roles follow the site's rank, and a
Discord role never makes an officer by itself."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.models import DiscordUser, GuildRank, Player
from patt_app.services.guild_discord import bot_status
from tests.integration.discord_bot_harness import (
    BotThread,
    status,
    wait_connected,
    wait_for,
)


def _user(engine, uid: str) -> DiscordUser | None:
    with Session(engine) as session:
        return session.exec(select(DiscordUser).where(DiscordUser.discord_id == uid)).first()


def _link(engine, uid: str, name: str, *, pinned_level: int | None = None) -> None:
    with Session(engine) as session:
        ranks = {r.level: r.id for r in session.exec(select(GuildRank)).all()}
        user = session.exec(select(DiscordUser).where(DiscordUser.discord_id == uid)).first()
        if user is None:
            user = DiscordUser(discord_id=uid, username=name.lower())
            session.add(user)
            session.flush()
        session.add(
            Player(
                display_name=name,
                discord_user_id=user.id,
                guild_rank_id=ranks[pinned_level] if pinned_level else None,
                guild_rank_source="admin_override" if pinned_level else None,
            )
        )
        session.commit()


def _rank(engine, name: str) -> tuple[int | None, str | None]:
    with Session(engine) as session:
        player = session.exec(select(Player).where(Player.display_name == name)).one()
        rank = session.get(GuildRank, player.guild_rank_id) if player.guild_rank_id else None
        return (rank.level if rank else None), player.guild_rank_source


def test_members_are_synced_on_connect_join_rename_leave_and_return(committed, fake_discord):
    ann = fake_discord.add_member("ann", roles=("Veteran",))
    with BotThread():
        wait_connected(committed, fake_discord)
        assert _user(committed, ann).highest_guild_role == "Veteran"
        assert _user(committed, fake_discord.bot_user.id) is None  # bots are left out
        cat = fake_discord.add_member("cat")
        wait_for(lambda: _user(committed, cat), 10, "cat to join")
        fake_discord.rename_member(cat, "Kitty")
        wait_for(lambda: _user(committed, cat).display_name == "Kitty", 10, "the rename")
        fake_discord.remove_member(cat)
        wait_for(lambda: not _user(committed, cat).is_present, 10, "cat to leave")
        fake_discord.add_member("cat", uid=cat)
        wait_for(lambda: _user(committed, cat).is_present, 10, "cat to return")
    assert _user(committed, cat).removed_at is None


def test_roles_follow_the_site_and_a_discord_role_never_makes_an_officer(committed, fake_discord):
    ann = fake_discord.add_member("ann", roles=("Veteran",))
    bob = fake_discord.add_member("bob", roles=("Member",))
    _link(committed, ann, "Ann")  # no characters: her Discord role counts for her rank
    _link(committed, bob, "Bob", pinned_level=4)  # pinned Officer on the site
    with BotThread():
        wait_connected(committed, fake_discord)
        wait_for(lambda: fake_discord.roles_of(bob) == {"Officer"}, 10, "Bob's pinned rank")
        assert _rank(committed, "Ann") == (3, "discord_sync")
        fake_discord.set_roles(ann, "Officer", "Veteran")  # given on Discord, by hand
        wait_for(lambda: fake_discord.roles_of(ann) == {"Veteran"}, 10, "the role taken back")
    assert _rank(committed, "Ann") == (3, "discord_sync")  # not an officer


def test_sync_members_now_runs_a_sync_within_seconds(committed, fake_discord):
    with BotThread():
        first = wait_connected(committed, fake_discord).last_member_sync
        with Session(committed) as session:
            bot_status.request_sync(session=session, now=datetime.now(UTC))
            session.commit()
        done = wait_for(
            lambda: (s := status(committed)).last_member_sync > first and s, 10, "the sync"
        )
    assert not done.sync_requested
