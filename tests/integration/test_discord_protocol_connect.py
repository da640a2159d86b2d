"""The real bot against a fake Discord speaking Discord's protocol: where it connects, what it
asks for, and what its status says. No test reaches Discord."""

from __future__ import annotations

from fastapi.testclient import TestClient

from patt_app.api import create_api
from patt_app.integrations.discord.bot import bot_intents
from tests.integration.discord_bot_harness import (
    BotThread,
    wait_connected,
    wait_for,
)
from tests.integration.test_discord_connection import _officer_headers as officer_headers


def test_the_bot_follows_discord_api_url_to_the_gateway_and_identifies_with_its_intents(
    committed, fake_discord
):
    with BotThread():
        connected = wait_connected(committed, fake_discord)
    assert connected.guild_name == "Pull All The Things"
    assert any(p.endswith("/gateway/bot") for _m, p, _b in fake_discord.requests)
    (identify,) = fake_discord.identifies
    assert identify["intents"] == bot_intents().value
    assert identify["token"] == fake_discord.token
    assert {c["name"] for c in connected.channels} == {"announcements", "audit"}


def test_the_slash_commands_are_registered_and_answer_officers_only(committed, fake_discord):
    stranger = fake_discord.add_member("stranger")
    with BotThread():
        wait_connected(committed, fake_discord)
        names = wait_for(lambda: {c["name"] for c in fake_discord.commands}, 10, "commands")
        asked = fake_discord.slash_command("onboard-status", stranger)
        wait_for(lambda: asked.answered, 10, "the answer")
    officers = {"onboard-status", "onboard-resolve", "onboard-dismiss", "onboard-retry"}
    assert names == officers | {"raids", "availability", "link"}  # and the members' registry
    assert all(c["guild_id"] == fake_discord.guild.id for c in fake_discord.commands)
    assert asked.answer_text.startswith("Officers only") and asked.ephemeral


def test_the_status_api_says_connected_only_while_the_session_is_live(committed, fake_discord):
    headers = officer_headers(committed)
    with BotThread(), TestClient(create_api()) as client:
        wait_connected(committed, fake_discord)
        # a heartbeat answered late on a busy machine reads as "down" for a moment: the page
        # is asked until it says connected, as an officer's reload would
        data = wait_for(
            lambda: (d := status_of(client, headers))["connected"] and d, 10, "connected"
        )
        assert data["last_error"] is None
        assert data["guild_name"] == "Pull All The Things" and data["latency_ms"] is not None
    # the bot stopped (cancelled with its runner): not connected, and the page says so
    data = client_status(headers)
    assert data["connected"] is False and data["latency_ms"] is None


def status_of(client, headers):
    return client.get("/api/v1/admin/discord/status", headers=headers).json()["data"]


def client_status(headers):
    with TestClient(create_api()) as client:
        return status_of(client, headers)
