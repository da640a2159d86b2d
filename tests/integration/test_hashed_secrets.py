"""Invite codes and calendar secrets are stored only as hashes: the plain value is shown once,
lookups go through the hash, and rows made before migration 0007 keep working."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from patt_app.database_setup import alembic_config
from patt_app.demo.guild import DEMO_MEMBER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import InviteCode, Player, User
from patt_app.services.accounts.invites import claim_invite, create_invite
from patt_app.services.accounts.sessions import resolve_session, start_session
from patt_app.services.raids.calendar_feed import build_feed, reset_calendar_token
from patt_app.states.events import EventsState
from tests.browser_session import give_session
from tests.databases import drop_database, fresh_database

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def test_an_invite_code_is_not_stored_only_its_hash(seeded: Session):
    player = Player(display_name="Newcomer")
    seeded.add(player)
    seeded.flush()
    issued = create_invite(session=seeded, player_id=player.id, created_by_player_id=None, now=NOW)
    stored = seeded.get(InviteCode, issued.id)
    assert len(issued.code) == 8 and issued.code not in stored.code_hash
    assert stored.code_hash == hashlib.sha256(issued.code.encode()).hexdigest()
    assert claim_invite(session=seeded, code=f" {issued.code.lower()} ", now=NOW).id == issued.id


def test_a_calendar_secret_is_not_stored_only_its_hash(seeded: Session):
    player = Player(display_name="Subscriber")
    seeded.add(player)
    seeded.flush()
    token = reset_calendar_token(session=seeded, player_id=player.id)
    seeded.refresh(player)
    assert player.calendar_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert build_feed(session=seeded, token=token, now=NOW, base_url="x") is not None
    assert (
        build_feed(session=seeded, token=player.calendar_token_hash, now=NOW, base_url="x") is None
    )


def test_the_raids_page_shows_the_link_once_when_made(committed):
    now = datetime.now(UTC)
    with Session(committed) as session:
        seed_demo_guild(session=session, now=now)
        user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
        token = start_session(session=session, user_id=user.id, now=now, hours=1)
        player_id = resolve_session(session=session, token=token, now=now).player_id
        session.commit()
    state = EventsState()
    give_session(state, token)
    asyncio.run(state._reload(player_id))
    assert state.calendar_link == "" and not state.has_calendar_link
    asyncio.run(EventsState.reset_calendar.fn(state))
    link = state.calendar_link
    secret = link.rsplit("/", 1)[-1].removesuffix(".ics")
    assert state.has_calendar_link and "/api/v1/calendar/" in link
    with Session(committed) as session:
        assert build_feed(session=session, token=secret, now=now, base_url="x") is not None
        stored = session.get(Player, player_id).calendar_token_hash
        assert stored != secret and secret not in stored
    asyncio.run(EventsState.load.fn(state))  # a later visit: the link is not shown again
    assert state.calendar_link == "" and state.has_calendar_link


def test_codes_and_links_handed_out_before_the_migration_keep_working():
    name = "patt_test_migration_0007"
    url = fresh_database(name)
    engine = create_engine(url)
    try:
        from alembic import command

        command.upgrade(alembic_config(url), "0006")
        with engine.begin() as conn:
            player_id = conn.execute(
                text(
                    "INSERT INTO guild_identity.players (display_name, calendar_token) "
                    "VALUES ('Old Timer', 'old-calendar-secret') RETURNING id"
                )
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO common.invite_codes (code, player_id, expires_at, generated_by) "
                    "VALUES ('OLDCODE2', :p, :e, 'manual')"
                ),
                {"p": player_id, "e": NOW + timedelta(hours=1)},
            )
        command.upgrade(alembic_config(url), "head")  # 0007 hashes them; the models are head's
        with Session(engine) as session:
            assert claim_invite(session=session, code="oldcode2", now=NOW).player_id == player_id
            feed = build_feed(session=session, token="old-calendar-secret", now=NOW, base_url="x")
            assert feed is not None
            stored = session.exec(select(InviteCode.code_hash)).one()
            assert stored == hashlib.sha256(b"OLDCODE2").hexdigest()
        command.downgrade(alembic_config(url), "0006")  # the way back works (links cleared)
        with engine.connect() as conn:
            row = conn.execute(text("SELECT calendar_token FROM guild_identity.players")).one()
            assert row.calendar_token is None
            expires = conn.execute(text("SELECT expires_at FROM common.invite_codes")).scalar_one()
            assert expires <= datetime.now(UTC)
    finally:
        engine.dispose()
        drop_database(name)
