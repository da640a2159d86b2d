"""Raid night on Discord, measured against the fake Discord with the real bot: 40 members press
Sign up on the raid's post within a few seconds (how long until each press is acknowledged),
then 40 players sign up on the website (how long until the post's edit shows each of them),
and how many REST calls each sign-up cost. Prints p50 / p95; asserts only that everyone got in
and the post shows them all (no timing thresholds: the machine decides those).

Run with `make bench`.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, select

from patt_app import db as app_db
from patt_app.database_setup import migrate
from patt_app.models import DiscordUser, Player, RaidAttendance, RaidEvent
from patt_app.services.guild_discord.event_posts import queue_event_posts
from patt_app.services.guild_discord.raid_signups import answer_as_player
from patt_app.services.reference.reference_data import seed_reference_data
from tests.databases import drop_database, fresh_database
from tests.integration.discord_bot_harness import BotThread, wait_connected, wait_for

NAME = "patt_bench_raid_signups"
PLAYERS = 40
SPREAD_SECONDS = 10.0  # the 40 answers of each round arrive within this


@pytest.fixture
def engine():
    url = fresh_database(NAME)
    migrate(url)
    engine = create_engine(url)
    previous = app_db._engine
    app_db.set_engine(engine)
    with Session(engine) as session:
        seed_reference_data(session=session)
        session.commit()
    yield engine
    app_db.set_engine(previous)
    engine.dispose()
    drop_database(NAME)


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


def _raid(engine, fake, title: str) -> int:
    start = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    with Session(engine) as session:
        event = RaidEvent(
            title=title,
            event_date=start.date(),
            start_time_utc=start,
            end_time_utc=start + timedelta(hours=3),
            discord_channel_id=fake.announcements,
            raid_size=PLAYERS,
        )
        session.add(event)
        session.flush()
        queue_event_posts(session=session, now=datetime.now(UTC), site_url="https://x")
        session.commit()
        return event.id


def _post(fake, title: str):
    return wait_for(
        lambda: next(
            (
                m
                for m in fake.messages_in(fake.announcements)
                if m.embeds and m.embeds[0]["title"] == title
            ),
            None,
        ),
        15,
        "the raid's post",
    )


def _players(engine, uids: list[str]) -> list[int]:
    with Session(engine) as session:
        ids = []
        for n, uid in enumerate(uids):
            user = session.exec(select(DiscordUser).where(DiscordUser.discord_id == uid)).one()
            player = Player(display_name=f"Raider{n:02d}", discord_user_id=user.id)
            session.add(player)
            session.flush()
            ids.append(player.id)
        session.commit()
        return ids


def _patches(fake, message_id: str) -> int:
    return sum(1 for m, p, _ in fake.requests if m == "PATCH" and p.endswith(message_id))


def test_raid_night_sign_ups_on_discord_and_the_website(engine, fake_discord):
    uids = [fake_discord.add_member(f"raider{n:02d}") for n in range(PLAYERS)]
    with BotThread():
        wait_connected(engine, fake_discord, timeout=30)
        players = _players(engine, uids)

        event_id = _raid(engine, fake_discord, "Discord night")
        post = _post(fake_discord, "Discord night")
        presses = []
        for uid in uids:
            presses.append(fake_discord.button_press(post.id, f"raid:{event_id}:sign_up", uid))
            time.sleep(SPREAD_SECONDS / PLAYERS)
        wait_for(lambda: all(p.follow_ups for p in presses), 30, "every answer")
        acks = [p.acknowledged_at - p.sent_at for p in presses]
        replies = [p.follow_ups[-1].created - p.sent_at for p in presses]
        wait_for(
            lambda: post.embeds[0]["fields"][1]["value"] == f"{PLAYERS} / {PLAYERS}", 15, "shown"
        )
        discord_patches = _patches(fake_discord, post.id)

        web_event = _raid(engine, fake_discord, "Website night")
        web_post = _post(fake_discord, "Website night")
        committed_at = {}
        for n, player_id in enumerate(players):
            with Session(engine) as session:
                answer_as_player(
                    session=session,
                    player_id=player_id,
                    event_id=web_event,
                    choice="sign_up",
                    now=datetime.now(UTC),
                )
                session.commit()
            committed_at[f"Raider{n:02d}"] = time.monotonic()
            time.sleep(SPREAD_SECONDS / PLAYERS)
        wait_for(
            lambda: web_post.embeds[0]["fields"][1]["value"] == f"{PLAYERS} / {PLAYERS}",
            15,
            "all shown",
        )
        shown = []
        for name, at in committed_at.items():
            first = next(t for t, embeds in web_post.history if name in str(embeds))
            shown.append(first - at)
        web_patches = _patches(fake_discord, web_post.id)
    with Session(engine) as session:
        signed = session.exec(select(RaidAttendance).where(RaidAttendance.signed_up)).all()
    assert len(signed) == 2 * PLAYERS
    print(f"\n{PLAYERS} Sign up presses within {SPREAD_SECONDS:.0f} s (real bot, fake Discord):")
    print(f"  acknowledged (deferred):      {_percentiles(acks)}")
    print(f"  answered (ephemeral follow-up): {_percentiles(replies)}")
    print(
        f"  post edits: {discord_patches} for {PLAYERS} sign-ups "
        f"({discord_patches / PLAYERS:.2f} edits per sign-up)"
    )
    print(f"{PLAYERS} website sign-ups within {SPREAD_SECONDS:.0f} s:")
    print(f"  commit → the post's edit shows it: {_percentiles(shown)}")
    print(f"  post edits: {web_patches} ({web_patches / PLAYERS:.2f} edits per sign-up)")
