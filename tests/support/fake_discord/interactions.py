"""Interactions the fake Discord sends the bot (INTERACTION_CREATE) and what the bot answered.

A slash command (`slash_command`), a button press on a message (`button_press`, type 3 —
for raid sign-up buttons) or the submission of a modal the bot opened (`submit_modal`, type 5)
is dispatched like Discord does; the bot's callback
(`POST /interactions/{id}/{token}/callback`) and follow-ups (`POST /webhooks/{app}/{token}`)
land on the `FakeInteraction`, so a test reads what the member saw.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.support.fake_discord.shapes import FakeMember, FakeMessage, snowflake

if TYPE_CHECKING:
    from tests.support.fake_discord import FakeDiscord

EPHEMERAL = 64
# Callback types: 4 a message, 5 "thinking", 6 a deferred update, 7 the message updated.
MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 4, 5, 6, 7
MODAL = 9  # the bot opens a form (the member fills it in: `submit_modal`)


@dataclass
class FakeInteraction:
    id: str
    token: str
    type: int  # 2 a slash command, 3 a component (button), 5 a modal submitted
    channel_id: str
    user_id: str
    callbacks: list[dict] = field(default_factory=list)
    original: FakeMessage | None = None
    follow_ups: list[FakeMessage] = field(default_factory=list)
    sent_at: float = 0.0  # monotonic: when the fake dispatched it
    acknowledged_at: float | None = None  # monotonic: the bot's first callback

    @property
    def answered(self) -> bool:
        return bool(self.callbacks)

    @property
    def answer_text(self) -> str:
        """The text the member sees: the original response's content as last edited."""
        return self.original.content if self.original else ""

    @property
    def modal(self) -> dict | None:
        """The form the bot opened in answer (callback type 9), if it did."""
        return next((c["data"] for c in self.callbacks if c.get("type") == MODAL), None)

    @property
    def reply(self) -> FakeMessage | None:
        """What the member finally reads: the last follow-up, else the original response."""
        return self.follow_ups[-1] if self.follow_ups else self.original

    @property
    def ephemeral(self) -> bool:
        return bool(self.original and self.original.flags & EPHEMERAL)


def base_payload(
    fake: FakeDiscord, member: FakeMember, kind: int, channel_id: str
) -> tuple[FakeInteraction, dict[str, Any]]:
    interaction = FakeInteraction(
        id=snowflake(),
        token="interaction-" + snowflake(),
        type=kind,
        channel_id=channel_id,
        user_id=member.user.id,
    )
    channel = fake.guild.channels[channel_id]
    payload = {
        "id": interaction.id,
        "application_id": fake.application_id,
        "type": kind,
        "token": interaction.token,
        "version": 1,
        "guild_id": fake.guild.id,
        "channel_id": channel_id,
        "channel": channel.json(),
        "member": {**member.json(), "permissions": "2147483647"},
        "app_permissions": "2147483647",
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": fake.guild.id},
        "context": 0,
        "attachment_size_limit": 10_485_760,
    }
    return interaction, payload


def dm_payload(fake: FakeDiscord, channel, kind: int) -> tuple[FakeInteraction, dict[str, Any]]:
    """An interaction in the bot's DM with `channel.recipient` (context 1, BOT_DM)."""
    user = channel.recipient
    interaction = FakeInteraction(
        id=snowflake(),
        token="interaction-" + snowflake(),
        type=kind,
        channel_id=channel.id,
        user_id=user.id,
    )
    payload = {
        "id": interaction.id,
        "application_id": fake.application_id,
        "type": kind,
        "token": interaction.token,
        "version": 1,
        "channel_id": channel.id,
        "channel": channel.json(),
        "user": user.json(),
        "app_permissions": "0",
        "locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": fake.guild.id},
        "context": 1,
        "attachment_size_limit": 10_485_760,
    }
    return interaction, payload


def slash_command_data(fake: FakeDiscord, name: str, options: dict[str, str]) -> dict:
    """`options`: option name → a member's id (the bot's commands take members)."""
    command = next(c for c in fake.commands if c["name"] == name)
    members = {uid: fake.guild.members[uid] for uid in options.values()}
    return {
        "id": command["id"],
        "name": name,
        "type": 1,
        "guild_id": fake.guild.id,
        "options": [{"name": key, "type": 6, "value": uid} for key, uid in options.items()],
        "resolved": {
            "users": {uid: m.user.json() for uid, m in members.items()},
            "members": {
                uid: {**m.json(with_user=False), "permissions": "0"} for uid, m in members.items()
            },
        },
    }


def button_data(message: FakeMessage, custom_id: str) -> dict:
    return {"custom_id": custom_id, "component_type": 2}


def _submitted(component: dict, values: dict[str, str]) -> dict:
    """One component of a modal as Discord sends it back filled in (text inputs, type 4,
    in action rows, type 1, or labels, type 18)."""
    if component["type"] == 1:
        return {"type": 1, "components": [_submitted(c, values) for c in component["components"]]}
    if component["type"] == 18:
        return {"type": 18, "component": _submitted(component["component"], values)}
    return {
        "type": component["type"],
        "custom_id": component["custom_id"],
        "value": values.get(component["custom_id"], ""),
    }


def modal_data(modal: dict, values: dict[str, str]) -> dict:
    """The modal's submission: `values` by the text inputs' custom ids."""
    return {
        "custom_id": modal["custom_id"],
        "components": [_submitted(c, values) for c in modal["components"]],
    }


def answer(
    fake: FakeDiscord, interaction: FakeInteraction, body: dict, message: FakeMessage | None
) -> dict:
    """Apply the bot's callback; the `with_response` body Discord sends back."""
    if interaction.acknowledged_at is None:
        interaction.acknowledged_at = time.monotonic()
    interaction.callbacks.append(body)
    kind, data = body.get("type"), body.get("data") or {}
    if kind in (MESSAGE, DEFERRED_MESSAGE):
        in_guild = interaction.channel_id in fake.guild.channels
        interaction.original = fake.store_message(
            interaction.channel_id,
            data,
            fake.guild.id if in_guild else None,
            record=kind == MESSAGE,
        )
        interaction.original.interaction_token = interaction.token
    elif kind == UPDATE_MESSAGE and message is not None:
        fake.edit_message(message, data)
        interaction.original = message
    resource = {"type": kind}
    if interaction.original is not None:
        resource["message"] = interaction.original.json()
    return {
        "interaction": {
            "id": interaction.id,
            "type": interaction.type,
            "response_message_id": interaction.original.id if interaction.original else None,
            "response_message_loading": kind == DEFERRED_MESSAGE,
            "response_message_ephemeral": bool(data.get("flags", 0) & EPHEMERAL),
        },
        "resource": resource,
    }
