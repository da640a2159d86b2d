"""The Battle.net roster sync when the guild was renamed (Battle.net answers 404 for the
roster): the sync fails clearly and removes nobody."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.db import call_in_session
from patt_app.integrations.blizzard.client import BattleNetClient
from patt_app.integrations.blizzard.roster_sync import run_sync
from patt_app.models import SyncLog, WowCharacter
from patt_app.services.sync.sync_runs import start_sync_run
from patt_app.settings import Settings, get_settings
from tests.support.fake_battlenet import FakeBattleNet, make_guild


def _sync(fake: FakeBattleNet):
    settings = Settings(**{k.lower(): v for k, v in fake.settings_env().items()})
    run_id = call_in_session(start_sync_run, now=datetime.now(UTC))
    client = BattleNetClient(
        api_url=fake.url,
        token_url=f"{fake.url}/token",
        client_id=settings.blizzard_client_id,
        client_secret=settings.blizzard_client_secret.get_secret_value(),
        timeout=10.0,
        retry_pauses=(0.05, 0.1),
    )

    async def go():
        async with client:
            return await run_sync(run_id, settings=settings, client=client)

    return asyncio.run(go())


def test_a_renamed_guild_fails_the_sync_clearly_and_removes_nobody(committed):
    fake = FakeBattleNet(characters=make_guild(12), guild_slug=get_settings().guild_slug).start()
    try:
        assert _sync(fake).added == 12
        fake.guild_slug = "pull-all-the-things-renamed"  # the old slug is now 404
        run = _sync(fake)
    finally:
        fake.stop()
    assert run.status == "failed" and run.removed == 0
    assert "does not know the guild pull-all-the-things" in run.error
    with Session(committed) as session:
        characters = session.exec(select(WowCharacter)).all()
        assert len(characters) == 12 and all(c.removed_at is None for c in characters)
        row = session.get(SyncLog, run.id)
        assert row.status == "failed" and "does not know the guild" in row.error_message
