"""Bench fixtures: the fake Discord and discord.py's process-wide addresses (the same as the
integration tests', tests/integration/discord_bot_harness.py)."""

from tests.integration.discord_bot_harness import discord_routes, fake_discord  # noqa: F401
