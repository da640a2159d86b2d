"""The player manager: players, unlinked characters, unlinked Discord users, and every change
an officer makes to them (invite and reset links: states/admin/player_links.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.accounts.password_change import log_player_out_everywhere
from patt_app.services.guild_discord.bot_status import request_sync
from patt_app.services.players import player_admin as players
from patt_app.services.players.player_directory import (
    CharacterChip,
    DiscordChip,
    PlayerCard,
    load_player_directory,
)
from patt_app.settings import get_settings
from patt_app.states.admin import player_links as links
from patt_app.states.form_values import choice, flag, optional_id, record_id
from patt_app.states.officer import LoadsScreenInViewerZone, OfficerState, officer_only
from patt_app.states.toasts import toast

# The player manager's columns, one at a time on a phone
PHONE_LISTS = ("players", "characters", "discord")


def _matches(needle: str, *texts: str) -> bool:
    return not needle or any(needle in t.casefold() for t in texts)


class AdminPlayersState(LoadsScreenInViewerZone, OfficerState):
    """State of /admin/players (link expiries are shown in the officer's zone)."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER,)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER, Topic.DISCORD)

    players: list[PlayerCard] = []
    unlinked_characters: list[CharacterChip] = []
    unlinked_discord: list[DiscordChip] = []
    rank_options: list[list[str]] = []
    search: str = ""
    show_inactive: bool = False
    phone_list: str = "players"  # the one column a phone shows (a desktop shows all three)
    invite_player: str = ""
    invite_code: str = ""
    invite_link: str = ""
    invite_expires: str = ""
    reset_player: str = ""
    reset_link: str = ""  # shown once (only its hash is stored)
    reset_expires: str = ""
    reset_can_dm: bool = False
    _reset_player_id: int = 0
    _reset_expires_at: str = ""
    # An invite or reset link sent by DM: where it stands ("sending", "sent", "failed").
    dm_state: str = ""
    dm_message: str = ""
    _dm_key: str = ""

    async def _reload(self) -> None:
        await self._follow_dm()
        directory = await run_in_session(load_player_directory)
        self.players = directory.players
        self.unlinked_characters = directory.unlinked_characters
        self.unlinked_discord = directory.unlinked_discord
        self.rank_options = [[str(rank_id), name] for rank_id, name in directory.ranks]

    async def _follow_dm(self) -> None:
        await links.follow_dm(self)

    viewer_zone: str = "UTC"

    @rx.event
    @officer_only
    async def set_search(self, value: str):
        self.search = value.strip()[:40]

    @rx.event
    @officer_only
    async def set_show_inactive(self, value: bool):
        self.show_inactive = flag(value, "Show inactive")

    @rx.event
    @officer_only
    async def show_list(self, value: str | list[str]):
        self.phone_list = choice(value, "List", PHONE_LISTS)

    @rx.event
    @officer_only
    async def create_player(self, form_data: dict):
        return await self._apply(
            players.create_player,
            "Player created.",
            display_name=str(form_data.get("display_name", "")),
        )

    @rx.event
    @officer_only
    async def rename_player(self, form_data: dict):
        return await self._apply(
            players.rename_player,
            "Renamed.",
            player_id=record_id(form_data.get("player_id"), "player"),
            display_name=str(form_data.get("display_name", "")),
        )

    @rx.event
    @officer_only
    async def set_active(self, player_id: int, active: bool):
        active = flag(active, "Active")
        message = "Player reactivated." if active else "Player deactivated."
        return await self._apply(
            players.set_player_active,
            message,
            player_id=record_id(player_id, "player"),
            active=active,
            actor_player_id=self.actor.player_id,
        )

    @rx.event
    @officer_only
    async def assign_character(self, character_id: int, player_id: str):
        return await self._apply(
            players.assign_character,
            "Character assigned.",
            player_id=record_id(player_id, "player"),
            character_id=record_id(character_id, "character"),
        )

    @rx.event
    @officer_only
    async def unassign_character(self, character_id: int):
        return await self._apply(
            players.unassign_character,
            "Character unassigned.",
            character_id=record_id(character_id, "character"),
            actor_player_id=self.actor.player_id,
        )

    @rx.event
    @officer_only
    async def make_main(self, player_id: int, character_id: int):
        return await self._apply(
            players.set_main,
            "Main character set.",
            player_id=record_id(player_id, "player"),
            character_id=record_id(character_id, "character"),
        )

    @rx.event
    @officer_only
    async def make_offspec(self, player_id: int, character_id: int):
        return await self._apply(
            players.set_offspec,
            "Off-spec character set.",
            player_id=record_id(player_id, "player"),
            character_id=record_id(character_id, "character"),
        )

    @rx.event
    @officer_only
    async def link_discord(self, discord_user_id: int, player_id: str):
        return await self._apply(
            players.link_discord,
            "Discord account linked.",
            player_id=record_id(player_id, "player"),
            discord_user_id=record_id(discord_user_id, "Discord account"),
        )

    @rx.event
    @officer_only
    async def unlink_discord(self, player_id: int):
        return await self._apply(
            players.unlink_discord,
            "Discord account unlinked.",
            player_id=record_id(player_id, "player"),
            actor_player_id=self.actor.player_id,
        )

    @rx.event
    @officer_only
    async def set_rank_override(self, player_id: int, rank_id: str):
        rank = None if rank_id in ("", "auto") else optional_id(rank_id, "rank")
        message = "Rank override cleared." if rank is None else "Rank override set."
        answer = await self._apply(
            players.set_rank_override,
            message,
            player_id=record_id(player_id, "player"),
            rank_id=rank,
            actor_player_id=self.actor.player_id,
            now=datetime.now(UTC),
        )
        if get_settings().discord_enabled:  # the bot gives the matching Discord role now
            await run_in_session(request_sync, now=datetime.now(UTC))
        return answer

    @rx.event
    @officer_only
    async def generate_invite(self, player_id: int):
        """A fresh invite code to copy, shown this once (only its hash is stored)."""
        await links.new_invite(self, player_id)
        return toast(f"Invite created for {self.invite_player}.")

    @rx.event
    @officer_only
    async def send_invite_dm(self, player_id: int):
        """A fresh invite sent to the player's Discord account by the bot; the code and link
        stay on screen, to copy if the DM does not get through."""
        on_its_way, message = await links.invite_by_dm(self, player_id)
        return toast(message) if on_its_way else toast(message, "warning")

    @rx.event
    @officer_only
    async def close_invite(self):
        self.invite_code = ""
        links.clear_dm(self)

    @rx.event
    @officer_only
    async def generate_reset_link(self, player_id: int):
        """A one-time password reset link (72 h) for a player's account, shown once to copy."""
        name = await links.new_reset_link(self, player_id)
        return toast(f"Password reset link made for {name}.")

    @rx.event
    @officer_only
    async def log_out_everywhere(self, player_id: int):
        """End every login of the player's account (their calendar link stops too)."""
        name, ended = await run_in_session(
            log_player_out_everywhere,
            player_id=record_id(player_id, "player"),
            actor_player_id=self.actor.player_id,
            now=datetime.now(UTC),
        )
        return toast(f"{name} is logged out everywhere ({ended} sessions ended).")

    @rx.event
    @officer_only
    async def close_reset(self):
        self.reset_link = ""
        links.clear_dm(self)

    @rx.event
    @officer_only
    async def send_reset_dm(self):
        """The reset link on screen, sent to the player's Discord account by the bot."""
        on_its_way, message = await links.reset_link_by_dm(self)
        return toast(message) if on_its_way else toast(message, "warning")

    @rx.var
    def visible_players(self) -> list[PlayerCard]:
        needle = self.search.casefold()
        return [
            p
            for p in self.players
            if (p.is_active or self.show_inactive)
            and _matches(
                needle, p.display_name, p.discord_username, *(c.name for c in p.characters)
            )
        ]

    @rx.var
    def visible_characters(self) -> list[CharacterChip]:
        needle = self.search.casefold()
        return [c for c in self.unlinked_characters if _matches(needle, c.name, c.realm_name)]

    @rx.var
    def visible_discord(self) -> list[DiscordChip]:
        needle = self.search.casefold()
        return [d for d in self.unlinked_discord if _matches(needle, d.username, d.display_name)]

    @rx.var
    def player_options(self) -> list[list[str]]:
        """[id, name] of active players, for "assign to" pickers."""
        return [[str(p.id), p.display_name] for p in self.players if p.is_active]
