"""Discord going away and coming back, against the fake Discord: the status tells the truth
within seconds and the bot reconnects after the documented pauses (DISCORD_RECONNECT_SECONDS,
set small here: 0.5, 1, 2, 4 s)."""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session

from patt_app.services.guild_discord import bot_status
from tests.integration.discord_bot_harness import (
    BotThread,
    status,
    wait_connected,
    wait_for,
)

PAUSES = (0.5, 1.0, 2.0, 4.0)


def _error_reports(engine, until: str, timeout: float) -> list[tuple[datetime, str]]:
    """Every distinct error the status showed, until one contains `until`."""
    seen: list[tuple[datetime, str]] = []

    def reported() -> bool:
        current = status(engine)
        if current.last_error_at and (not seen or seen[-1][0] != current.last_error_at):
            seen.append((current.last_error_at, current.last_error))
        return bool(seen) and until in seen[-1][1]

    wait_for(reported, timeout, f"an error saying {until!r}")
    return seen


def test_an_outage_is_reported_and_the_return_reconnected_on_the_documented_pauses(
    committed, fake_discord
):
    with BotThread():
        wait_connected(committed, fake_discord)
        fake_discord.go_down()
        reports = _error_reports(committed, "Trying again in 4 s", 20)
        fake_discord.come_back()
        back = wait_connected(committed, fake_discord, timeout=15)
    first = reports[0][1]
    assert first.startswith("Discord is unreachable") and first.endswith("Trying again in 0.5 s.")
    assert not any("Error" in message or "None" in message for _at, message in reports)
    said = [message.rsplit("Trying again in ", 1)[1] for _at, message in reports]
    assert said == ["0.5 s.", "1 s.", "2 s.", "4 s."]
    gaps = [(b - a).total_seconds() for (a, _), (b, _) in itertools.pairwise(reports)]
    assert len(gaps) == 3
    for gap, pause in zip(gaps, PAUSES, strict=False):
        assert pause <= gap < pause + 1.5, (gaps, PAUSES)
    assert back.last_error is None and back.guild_name == "Pull All The Things"


def test_a_silent_discord_is_reported_as_not_connected_within_its_heartbeat_interval(
    committed, fake_discord
):
    with BotThread():
        wait_connected(committed, fake_discord)
        fake_discord.stop_acking()
        silent = wait_for(lambda: not (s := status(committed)).connected and s, 10, "silence")
        assert "has not answered the bot's heartbeat" in silent.last_error
        fake_discord.acking = True
        wait_connected(committed, fake_discord, timeout=15)


def test_discord_asking_to_reconnect_resumes_the_session(committed, fake_discord):
    with BotThread():
        wait_connected(committed, fake_discord)
        fake_discord.ask_to_reconnect()
        wait_for(lambda: any(op == 6 for op, _ in fake_discord.gateway_log), 10, "a RESUME")
        assert status(committed).connected
    assert len(fake_discord.identifies) == 1  # resumed, not identified again


def test_two_first_writers_of_the_status_row_both_succeed(committed):
    """On a fresh database the bot's first reports used to race to create the status row: the
    loser's exception vanished and slash commands were never registered."""
    now = datetime.now(UTC)
    first = Session(committed)
    bot_status.report_connected(
        session=first, guild_name="PATT", latency_ms=40, channels=[], now=now
    )
    outcome: list[object] = []

    def second_writer() -> None:
        try:
            with Session(committed) as session:
                outcome.append(bot_status.report_heartbeat(session=session, latency_ms=41, now=now))
                session.commit()
        except Exception as error:  # reported below
            outcome.append(error)

    thread = threading.Thread(target=second_writer)
    thread.start()
    wait_for(lambda: _someone_waits_for_a_lock(committed), 10, "the second writer to wait")
    first.commit()
    first.close()
    thread.join(timeout=10)
    assert outcome == [None], outcome
    with Session(committed) as session:
        row = session.get(bot_status.DiscordBotStatus, bot_status.STATUS_ID)
        assert row.connected and row.guild_name == "PATT" and row.latency_ms == 41


def _someone_waits_for_a_lock(engine) -> bool:
    with engine.connect() as conn:
        waiting = conn.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        ).scalar()
    return waiting > 0
