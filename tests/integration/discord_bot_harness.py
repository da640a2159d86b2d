"""The real bot against the fake Discord (tests/support/fake_discord): the fixture starts the
fake and points settings at it (small pauses, so outages take seconds); `BotThread` runs the
runner's long-lived task `run_discord_bot` on its own event loop, as the runner would."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import discord.gateway
import discord.http
import pytest
import yarl
from sqlalchemy import Engine
from sqlmodel import Session

from patt_app import db as app_db
from patt_app.integrations.discord.service import run_discord_bot
from patt_app.services.guild_discord.bot_status import read_status
from patt_app.settings import get_settings
from tests.support.fake_discord import FakeDiscord

# Where discord.py would open its gateway if nobody told it otherwise: the discard port, so a
# bot that ignores DISCORD_API_URL fails here instead of reaching the real Discord.
NOWHERE = yarl.URL("ws://127.0.0.1:9/")
# How long a cancelled bot may take to close its connection and finish its last writes: a
# bound for a hung bot, not a speed requirement (a CI run at load average 16 needed over 20 s).
EXECUTOR_WAIT = 20
STOP_WAIT = 60
FAST = {
    "DISCORD_RECONNECT_SECONDS": "0.5,1,2,4",
    "DISCORD_TICK_SECONDS": "0.2",
    "DISCORD_STATUS_STALE_SECONDS": "3",
}


@pytest.fixture
def discord_routes() -> Iterator[None]:
    """discord.py's addresses are process-wide: put them back after the test."""
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = NOWHERE
    yield
    discord.http.Route.BASE = base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@pytest.fixture
def fake_discord(monkeypatch, discord_routes) -> Iterator[FakeDiscord]:
    fake = FakeDiscord().start()
    for name, value in {**fake.settings_env(), **FAST}.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        yield fake
    finally:
        fake.stop()
        monkeypatch.undo()
        get_settings.cache_clear()


class BotThread:
    """The bot's long-lived task on its own event loop, as the runner would run it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.task: asyncio.Task | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.task = self.loop.create_task(run_discord_bot())
        with contextlib.suppress(asyncio.CancelledError):
            self.loop.run_until_complete(self.task)
        # A database write the bot handed to a thread (asyncio.to_thread) outlives the
        # cancelled task: wait for it here (a while, on a busy machine), or it lands after the
        # test, in the next one.
        waited = asyncio.wait_for(self.loop.shutdown_default_executor(), EXECUTOR_WAIT)
        with contextlib.suppress(TimeoutError):
            self.loop.run_until_complete(waited)
        self.loop.close()

    def __enter__(self) -> BotThread:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.loop.call_soon_threadsafe(self.task.cancel)
        self.thread.join(timeout=STOP_WAIT)
        assert not self.thread.is_alive(), "the bot did not stop when cancelled"


def status(engine: Engine):
    with Session(engine) as session:
        return read_status(
            session=session,
            configured=get_settings().discord_enabled,
            now=datetime.now(UTC),
            stale_after=get_settings().discord_status_stale,
        )


def wait_for(condition, timeout: float = 20, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")


def wait_connected(engine: Engine, fake: FakeDiscord, timeout: float = 20):
    """Until the status says connected and the first member sync is recorded (on a timeout,
    the message says where the app's engine pointed and what the bot last reported)."""
    try:
        return wait_for(
            lambda: (s := status(engine)).connected and s.last_role_sync and s,
            timeout,
            "the bot to connect and sync",
        )
    except AssertionError as timed_out:
        app = app_db._engine.url.database if app_db._engine is not None else None
        raise AssertionError(
            f"{timed_out}; the app's engine: {app}, the test's: {engine.url.database}; "
            f"status: {status(engine)}; logins at the fake: {fake.logins}"
        ) from None
