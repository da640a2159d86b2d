"""The Battle.net roster sync end to end against the fake Battle.net and a real database:
what officers would see in the characters and in the sync log after each run."""

import asyncio
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.db import call_in_session
from patt_app.integrations.blizzard.client import BattleNetClient
from patt_app.integrations.blizzard.roster_sync import run_sync
from patt_app.models import AuditIssue, GuildRank, Specialization, SyncLog, WowCharacter
from patt_app.services.errors import AlreadyRunning
from patt_app.services.sync.sync_runs import (
    ABANDONED_AFTER,
    abandon_silent_runs,
    claim_or_start_sync_run,
    queue_sync_run,
    record_progress,
    start_sync_run,
    sync_run,
)
from patt_app.settings import Settings
from tests.support.fake_battlenet import FakeBattleNet, Storm, make_guild


@pytest.fixture
def fake():
    server = FakeBattleNet(characters=make_guild(40)).start()
    yield server
    server.stop()


def _settings(fake: FakeBattleNet) -> Settings:
    return Settings(**{k.lower(): v for k, v in fake.settings_env().items()})


def _sync(fake, *, timeout=10.0, pauses=(0.05, 0.1, 0.2, 0.4, 0.8)):
    settings = _settings(fake)
    run_id = call_in_session(start_sync_run, now=datetime.now(UTC))
    client = BattleNetClient(
        api_url=fake.url,
        token_url=f"{fake.url}/token",
        client_id=settings.blizzard_client_id,
        client_secret=settings.blizzard_client_secret.get_secret_value(),
        timeout=timeout,
        retry_pauses=pauses,
    )

    async def go():
        async with client:
            return await run_sync(run_id, settings=settings, client=client)

    return asyncio.run(go())


def _characters(engine) -> dict[int, WowCharacter]:
    with Session(engine) as session:
        return {c.blizzard_id: c for c in session.exec(select(WowCharacter)).all()}


def test_300_new_members_sync_in_one_pass_without_a_single_429(committed):
    fake = FakeBattleNet(characters=make_guild(300)).start()
    try:
        run = _sync(fake)
    finally:
        fake.stop()
    assert run.status == "success", run.error
    assert (run.added, run.updated, run.removed, run.not_found) == (300, 0, 0, 0)
    assert fake.throttled == 0 and fake.token_requests == 1
    # the roster, then every profile (a retry after a network hiccup may add one or two)
    assert run.requests >= 301 and fake.profile_requests >= 300
    assert (run.done, run.total) == (300, 300)
    stored = _characters(committed)
    assert len(stored) == 300 and all(c.removed_at is None for c in stored.values())


def test_details_rank_and_spec_come_from_the_roster_and_profile(committed, fake):
    fake.characters[0].rank, fake.characters[0].item_level = 1, 655
    _sync(fake)
    with Session(committed) as session:
        char = session.exec(
            select(WowCharacter).where(WowCharacter.blizzard_id == fake.characters[0].blizzard_id)
        ).one()
        assert session.get(GuildRank, char.guild_rank_id).wow_rank_index == 1
        assert session.get(Specialization, char.active_spec_id).name == "Balance"
        assert char.item_level == 655 and char.level == 80
        assert char.realm_name in ("Sen'jin", "Sargeras", "Bleeding Hollow")


def test_renames_departures_returns_and_hidden_profiles_on_later_runs(committed, fake):
    hidden = fake.characters[2]
    hidden.last_login_ms = int(time.time() * 1000) + 60_000  # playing now: worth a profile call
    _sync(fake)
    renamed, leaver = fake.characters[0], fake.characters.pop(1)
    renamed.name, renamed.realm_slug, renamed.level = "Renamedone", "sargeras", 80
    fake.not_found.add(hidden.blizzard_id)
    fake.characters.append(make_guild(1, seed=77, first_id=900)[0])
    second = _sync(fake)
    assert (second.added, second.removed, second.not_found, second.restored) == (1, 1, 1, 0)
    assert second.updated >= 1
    # Profiles asked for: the renamed, the newcomer and the active one; the dormant 37 skipped.
    assert second.total == 3
    stored = _characters(committed)
    assert len(stored) == 41  # renamed in place, not duplicated
    assert stored[renamed.blizzard_id].character_name == "Renamedone"
    assert stored[renamed.blizzard_id].realm_slug == "sargeras"
    assert stored[leaver.blizzard_id].removed_at is not None
    assert stored[hidden.blizzard_id].removed_at is None  # flagged, never removed
    assert stored[hidden.blizzard_id].blizzard_not_found_at is not None

    fake.characters.append(leaver)
    fake.not_found.clear()
    third = _sync(fake)
    assert (third.restored, third.removed, third.added) == (1, 0, 0)
    stored = _characters(committed)
    assert stored[leaver.blizzard_id].removed_at is None
    assert stored[hidden.blizzard_id].blizzard_not_found_at is None


def test_a_failed_roster_fetch_fails_the_run_and_removes_nobody(committed, fake):
    _sync(fake)
    fake.roster_fails = True
    run = _sync(fake)
    assert run.status == "failed" and "kept failing" in run.error
    assert all(c.removed_at is None for c in _characters(committed).values())
    with Session(committed) as session:
        row = session.get(SyncLog, run.id)
        assert row.status == "failed" and row.completed_at is not None


def test_a_storm_of_500s_429s_and_timeouts_loses_nothing(committed, fake):
    _sync(fake)
    fake.characters.extend(make_guild(20, seed=5, first_id=800_000))
    fake.not_found.add(fake.characters[-1].blizzard_id)
    fake.storm, fake.slow_seconds = Storm(error_500=0.2, error_429=0.1, slow=0.05, seed=3), 1.0
    fake.start_storm()
    run = _sync(fake, timeout=0.4)
    assert run.status == "success", run.error
    assert (run.added, run.removed, run.not_found) == (20, 0, 1)
    assert run.requests > 21  # the roster and 20 profiles, plus the retries the storm forced
    stored = _characters(committed)
    assert len(stored) == 60 and all(c.removed_at is None for c in stored.values())


def test_only_one_sync_runs_at_a_time(committed):
    first = call_in_session(start_sync_run, now=datetime.now(UTC))
    with pytest.raises(AlreadyRunning):
        call_in_session(start_sync_run, now=datetime.now(UTC))
    assert call_in_session(sync_run, run_id=first).status == "running"


def test_a_good_sync_runs_the_integrity_check(committed, fake):
    """New characters nobody claims yet show up on the audit screen after the sync."""
    run = _sync(fake)
    assert run.status == "success", run.error
    with Session(committed) as session:
        open_issues = session.exec(
            select(AuditIssue).where(
                AuditIssue.resolved_at.is_(None), AuditIssue.issue_type == "unlinked_character"
            )
        ).all()
    assert len(open_issues) == len(fake.characters)


def test_sync_now_waits_for_the_runner_which_adopts_it_once(committed):
    asked = datetime.now(UTC)
    queued = call_in_session(queue_sync_run, now=asked)
    with pytest.raises(AlreadyRunning):  # a waiting "Sync now" counts as running
        call_in_session(queue_sync_run, now=asked)
    assert call_in_session(claim_or_start_sync_run, now=asked) == queued
    with pytest.raises(AlreadyRunning):  # adopted once; the next start finds it running
        call_in_session(claim_or_start_sync_run, now=asked)


def test_a_sync_now_no_runner_took_blocks_the_cli_for_seconds_only(committed):
    asked = datetime.now(UTC)
    stale = call_in_session(queue_sync_run, now=asked)
    with pytest.raises(AlreadyRunning) as refused:
        call_in_session(start_sync_run, now=asked + ABANDONED_AFTER - timedelta(seconds=1))
    assert refused.value.run_id == stale
    assert call_in_session(sync_run, run_id=stale).status == "queued"
    fresh = call_in_session(start_sync_run, now=asked + ABANDONED_AFTER + timedelta(seconds=1))
    assert fresh != stale and timedelta(seconds=30) >= ABANDONED_AFTER
    abandoned = call_in_session(sync_run, run_id=stale)
    assert abandoned.status == "failed" and "no background runner" in (abandoned.error or "")


def test_a_running_sync_falls_silent_only_when_its_process_stopped(committed):
    started = datetime.now(UTC)
    run_id = call_in_session(start_sync_run, now=started)
    beat = started + ABANDONED_AFTER - timedelta(seconds=1)
    call_in_session(record_progress, run_id=run_id, done=0, total=0, requests=0, now=beat)
    assert call_in_session(abandon_silent_runs, now=beat + timedelta(seconds=2)) == 0
    assert call_in_session(abandon_silent_runs, now=beat + ABANDONED_AFTER * 1.1) == 1
    assert "process stopped" in (call_in_session(sync_run, run_id=run_id).error or "")


def test_names_passed_on_between_characters_sync_without_a_clash(committed, fake):
    """One character deleted and re-made under its name (a new Blizzard id); another renamed
    while a newcomer took its old name. Before, the second sync failed on the unique name."""
    _sync(fake)
    remade, renamed = fake.characters[0], fake.characters[1]
    old_name = renamed.name
    remade.blizzard_id = 990_001
    renamed.name = "Renamedsoul"
    fake.characters.append(replace(renamed, blizzard_id=990_002, name=old_name))
    run = _sync(fake)
    assert run.status == "success", run.error
    assert (run.added, run.removed) == (1, 0)
    stored = _characters(committed)
    assert len(stored) == 41 and 990_001 in stored and 990_002 in stored
    assert stored[renamed.blizzard_id].character_name == "Renamedsoul"
    assert stored[990_002].character_name == old_name
    assert all(c.removed_at is None for c in stored.values())
