"""Onboarding when the bot's timer and a newcomer's answer meet: an answer being stored when
its question times out is kept (before, the timer wrote its stale decision over it: the
newcomer had been asked the next question and was then told they timed out)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from patt_app.models import DiscordPost, DiscordUser, OnboardingSession
from patt_app.services.guild_discord import onboarding
from patt_app.services.guild_discord.bot_status import set_switches
from patt_app.services.guild_discord.onboarding_provision import SiteFacts
from tests.integration.racing import TIMEOUT_SECONDS, waiting_on_a_lock

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
SITE = SiteFacts(base_url="https://patt.example", guild_name="Pull All The Things")
S = timedelta(seconds=1)


def _asked(engine: Engine) -> None:
    with Session(engine) as session:
        set_switches(session=session, onboarding_enabled=True)
        session.add(DiscordUser(discord_id="7001", username="zee", display_name="Zee"))
        session.flush()
        assert onboarding.member_joined(session=session, discord_id="7001", now=NOW)
        session.commit()


def _blocked_or_done(engine: Engine, thread: threading.Thread) -> None:
    """Wait until the thread has finished or waits on a lock."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while thread.is_alive() and not waiting_on_a_lock(engine):
        assert time.monotonic() < deadline, "the timer neither finished nor waited"
        time.sleep(0.05)


def test_an_answer_stored_as_its_question_times_out_is_kept(committed):
    _asked(committed)
    outcome: dict[str, object] = {}

    def timer() -> None:
        try:
            with Session(committed) as session:
                onboarding.onboarding_tick(session=session, now=NOW + 300 * S, site=SITE)
                session.commit()
            outcome["timer"] = "done"
        except Exception as error:  # what the bot's job would have died of
            outcome["timer"] = error

    with Session(committed) as member:  # the answer, a second before the time-out
        onboarding.member_replied(
            session=member, discord_id="7001", text="yes", now=NOW + 299 * S, site=SITE
        )
        thread = threading.Thread(target=timer)
        thread.start()
        _blocked_or_done(committed, thread)
        member.commit()
    thread.join(30)
    assert outcome == {"timer": "done"}
    with Session(committed) as session:
        state = session.exec(select(OnboardingSession.state)).one()
        dms = session.exec(select(DiscordPost).order_by(col(DiscordPost.id))).all()
    assert state == "asked_main"
    assert "main character" in dms[-1].payload["text"]
    assert not any("let the officers know" in dm.payload["text"] for dm in dms)
