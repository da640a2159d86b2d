"""The answer buttons on a raid's roster post: Sign up, Tentative, Late (a modal asks roughly
how late), Bench (will sit if needed) and Can't come (a modal with an optional reason).

Each button is a `DynamicItem` whose custom id names the event and the choice
("raid:12:sign_up"), and so does the role select under a sign-up's answer ("raidrole:12", for
players with an off-spec): the bot registers the patterns once (`PattBot.__init__`), so a press on any
raid's post — sent before a restart or after — reaches `answer`. Every answer is deferred at
once (Discord wants an acknowledgement within 3 s), recorded by the same service the website
uses (`services/guild_discord/raid_signups.py`), and followed up ephemerally in plain words.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

import discord

from patt_app.db import run_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic, signups_topic
from patt_app.services.errors import PattError
from patt_app.services.guild_discord.raid_signups import answer_from_discord
from patt_app.services.raids.signup_answers import ROLE_WORDS, AnswerOutcome
from patt_app.settings import get_settings

log = logging.getLogger(__name__)

BUTTONS = {
    "sign_up": ("Sign up", discord.ButtonStyle.success),
    "tentative": ("Tentative", discord.ButtonStyle.secondary),
    "late": ("Late", discord.ButtonStyle.primary),
    "bench": ("Bench", discord.ButtonStyle.secondary),
    "cant_come": ("Can't come", discord.ButtonStyle.danger),
}
SOMETHING_WRONG = "Sorry, that didn't go through (the guild site had a problem). Try again soon."


def custom_id(event_id: int, choice: str) -> str:
    return f"raid:{event_id}:{choice}"


class RaidButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"raid:(?P<event>[0-9]{1,12}):(?P<choice>sign_up|tentative|late|bench|cant_come)",
):
    def __init__(self, event_id: int, choice: str) -> None:
        label, style = BUTTONS[choice]
        super().__init__(
            discord.ui.Button(label=label, style=style, custom_id=custom_id(event_id, choice))
        )
        self.event_id, self.choice = event_id, choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RaidButton:
        return cls(int(match["event"]), match["choice"])

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.choice == "late":
            await interaction.response.send_modal(LateModal(self.event_id))
        elif self.choice == "cant_come":
            await interaction.response.send_modal(CantComeModal(self.event_id))
        else:
            await answer(interaction, self.event_id, self.choice)


class RoleSelect(
    discord.ui.DynamicItem[discord.ui.Select[discord.ui.View]],
    template=r"raidrole:(?P<event>[0-9]{1,12})",
):
    """Under a sign-up's answer, for players with an off-spec: sign up as that role instead."""

    def __init__(self, event_id: int, roles: tuple[str, ...]) -> None:
        options = [discord.SelectOption(label=ROLE_WORDS.get(r, r), value=r) for r in roles]
        super().__init__(
            discord.ui.Select(
                custom_id=f"raidrole:{event_id}",
                placeholder="Sign up as another role",
                options=options,
            )
        )
        self.event_id = event_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RoleSelect:
        assert isinstance(item, discord.ui.Select)  # the template matches only our select
        return cls(int(match["event"]), tuple(option.value for option in item.options))

    async def callback(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.event_id, "sign_up", role=self.item.values[0])


def _role_choice(outcome: AnswerOutcome) -> discord.ui.View | None:
    """The role select to send with a sign-up's answer, when the player has more than one."""
    if outcome.choice not in ("sign_up", "late", "bench") or len(outcome.roles) < 2:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(RoleSelect(outcome.event_id, outcome.roles))
    return view


def raid_view(event_id: int) -> discord.ui.View:
    """The five buttons of one raid's post."""
    view = discord.ui.View(timeout=None)
    for choice in BUTTONS:
        view.add_item(RaidButton(event_id, choice))
    return view


class LateModal(discord.ui.Modal, title="Coming late"):
    minutes: discord.ui.TextInput[LateModal] = discord.ui.TextInput(
        label="Roughly how many minutes late?", custom_id="minutes", max_length=3, placeholder="30"
    )

    def __init__(self, event_id: int) -> None:
        super().__init__(timeout=15 * 60)
        self.event_id = event_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        text = self.minutes.value.strip()
        await answer(
            interaction, self.event_id, "late", late_minutes=int(text) if text.isdigit() else 0
        )


class CantComeModal(discord.ui.Modal, title="Can't come"):
    reason: discord.ui.TextInput[CantComeModal] = discord.ui.TextInput(
        label="Why? (optional; officers see it)",
        custom_id="reason",
        required=False,
        max_length=200,
        style=discord.TextStyle.paragraph,
    )

    def __init__(self, event_id: int) -> None:
        super().__init__(timeout=15 * 60)
        self.event_id = event_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.event_id, "cant_come", reason=self.reason.value or "")


async def answer(
    interaction: discord.Interaction, event_id: int, choice: str, **details: Any
) -> None:
    """Acknowledge, record through the service, and tell the member what happened."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        outcome = await run_in_session(
            answer_from_discord,
            discord_id=str(interaction.user.id),
            event_id=event_id,
            choice=choice,
            now=datetime.now(UTC),
            site_url=get_settings().public_base_url,
            **details,
        )
    except PattError as refusal:
        await interaction.followup.send(str(refusal), ephemeral=True)
        return
    except Exception:
        log.exception("discord: answering %s for event %s failed", choice, event_id)
        await interaction.followup.send(SOMETHING_WRONG, ephemeral=True)
        return
    notify(Topic.SIGNUPS, signups_topic(outcome.player_id))
    role_select = _role_choice(outcome)
    await interaction.followup.send(
        outcome.message, ephemeral=True, view=role_select or discord.utils.MISSING
    )
    wake = getattr(interaction.client, "roster_changed", None)
    if wake is not None:
        wake()  # the roster post follows at once (coalesced)
