"""One Battle.net roster sync run: fetch the roster, fetch the profiles worth fetching, compare,
apply in one transaction, record it in `sync_log`, tell open views (`roster`, `sync`).

Where a sync runs: in the background runner, as the job jobs/blizzard_sync.py (on schedule, or
when an officer's "Sync now" queued it), or in the CLI. Only one runs per database: starting
inserts the `running` sync_log row, and a unique index admits one such row
(services/sync/sync_runs.py).

While it runs, progress (profiles done / to do, requests) is written to the row every half
second and announced on topic "sync"; while nothing moves (a slow roster, a Retry-After) the
row's heartbeat is still written every `HEARTBEAT_SECONDS`, so only a sync whose process
stopped falls silent. A failed roster fetch fails the run and removes nothing;
a profile that stays unreachable after retries keeps its roster data and is noted on the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from patt_app.db import run_in_session
from patt_app.integrations.blizzard.client import BattleNetClient, BattleNetError
from patt_app.integrations.blizzard.parsing import character_profile, roster_members
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.identity.refresh import refresh_identity
from patt_app.services.sync import sync_runs
from patt_app.services.sync.roster_apply import load_known_characters
from patt_app.services.sync.roster_diff import (
    ProfileMissing,
    ProfileOutcome,
    RosterMember,
    diff_roster,
    match_known,
    needs_profile,
)
from patt_app.services.sync.sync_runs import SyncRun
from patt_app.settings import Settings, get_settings

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.5
HEARTBEAT_SECONDS = 2.0
NOT_CONFIGURED = (
    "Battle.net sync is off: set BLIZZARD_CLIENT_ID and BLIZZARD_CLIENT_SECRET (create a client "
    "at https://develop.battle.net/access/clients), then restart."
)

ProgressCallback = Callable[[int, int, int], None]


def client_for(settings: Settings) -> BattleNetClient:
    """A client configured from settings (credentials required)."""
    if not settings.blizzard_enabled:
        raise BattleNetError(NOT_CONFIGURED)
    return BattleNetClient(
        api_url=settings.blizzard_api_url,
        token_url=settings.blizzard_token_url,
        client_id=settings.blizzard_client_id or "",
        client_secret=settings.blizzard_client_secret.get_secret_value(),  # type: ignore[union-attr]
        region=settings.blizzard_region,
    )


class _Progress:
    """Counts profiles done; writes progress to sync_log every half second when it moved, and
    the heartbeat every `HEARTBEAT_SECONDS` when it did not."""

    def __init__(self, run_id: int, client: BattleNetClient, listener: ProgressCallback | None):
        self.run_id, self.client, self.listener = run_id, client, listener
        self.done = self.total = 0
        self._written: tuple[int, int, int] | None = None
        self._written_at = 0.0

    async def write(self) -> None:
        now_seen = (self.done, self.total, self.client.requests)
        moved = now_seen != self._written
        if not moved and time.monotonic() - self._written_at < HEARTBEAT_SECONDS:
            return
        self._written, self._written_at = now_seen, time.monotonic()
        await run_in_session(
            sync_runs.record_progress,
            run_id=self.run_id,
            done=self.done,
            total=self.total,
            requests=self.client.requests,
            now=datetime.now(UTC),
        )
        if moved:
            notify(Topic.SYNC)

    async def keep_writing(self) -> None:
        while True:
            await asyncio.sleep(PROGRESS_SECONDS)
            with contextlib.suppress(Exception):
                await self.write()

    def tick(self) -> None:
        self.done += 1
        if self.listener:
            self.listener(self.done, self.total, self.client.requests)


async def _profiles(
    client: BattleNetClient, todo: list[RosterMember], progress: _Progress
) -> tuple[dict[int, ProfileOutcome], int]:
    """Profiles of `todo`, fetched concurrently (the client's limiter paces them); and how
    many stayed unreachable."""
    outcomes: dict[int, ProfileOutcome] = {}

    async def one(member: RosterMember) -> None:
        try:
            body = await client.character_profile(member.realm_slug, member.name)
        except BattleNetError as error:
            log.warning("profile of %s-%s unavailable: %s", member.name, member.realm_slug, error)
            outcomes[member.blizzard_id] = ProfileMissing.UNAVAILABLE
        else:
            outcomes[member.blizzard_id] = (
                character_profile(body) if body else ProfileMissing.NOT_FOUND
            )
        progress.tick()

    await asyncio.gather(*(one(member) for member in todo))
    unavailable = sum(1 for o in outcomes.values() if o is ProfileMissing.UNAVAILABLE)
    return outcomes, unavailable


async def _sync(client: BattleNetClient, settings: Settings, progress: _Progress) -> SyncRun:
    roster = await client.guild_roster(settings.guild_realm_slug, settings.guild_slug)
    members = roster_members(roster)
    known = await run_in_session(load_known_characters)
    previous = await run_in_session(sync_runs.previous_successful_sync)
    matches, now = match_known(members, known), datetime.now(UTC)
    todo = [
        m
        for m in members
        if needs_profile(m, matches.get(m.blizzard_id), previous_sync=previous, now=now)
    ]
    progress.total = len(todo)
    await progress.write()
    outcomes, unavailable = await _profiles(client, todo, progress)
    diff = diff_roster(known=known, members=members, profiles=outcomes)
    note = f"{unavailable} profiles unreachable; roster data kept" if unavailable else None
    return await run_in_session(
        sync_runs.record_sync_outcome,
        run_id=progress.run_id,
        diff=diff,
        requests=client.requests,
        note=note,
        now=datetime.now(UTC),
    )


async def run_sync(
    run_id: int,
    *,
    settings: Settings | None = None,
    client: BattleNetClient | None = None,
    on_progress: ProgressCallback | None = None,
) -> SyncRun:
    """Carry out the sync whose `running` row is `run_id`; never raises (the row says how it
    went). `client` defaults to one built from settings and closed afterwards."""
    settings = settings or get_settings()
    started = time.monotonic()
    own_client = client is None
    writer: asyncio.Task[None] | None = None
    try:
        client = client or client_for(settings)
        progress = _Progress(run_id, client, on_progress)
        writer = asyncio.create_task(progress.keep_writing())
        run = await _sync(client, settings, progress)
    except Exception as error:
        if not isinstance(error, BattleNetError):
            log.exception("Battle.net sync %s failed", run_id)
        run = await run_in_session(
            sync_runs.finish_sync_run,
            run_id=run_id,
            now=datetime.now(UTC),
            requests=client.requests if client else 0,
            error=str(error) or type(error).__name__,
        )
    finally:
        if writer:
            writer.cancel()
        if own_client and client is not None:
            await client.aclose()
    log.info("Battle.net sync %s: %s (%.1f s)", run_id, run.summary(), time.monotonic() - started)
    if run.status == "success":
        await _check_identities()
    notify(Topic.ROSTER, Topic.SYNC)
    return run


async def _check_identities() -> None:
    """After a good sync: link what can be linked and refresh the integrity audit."""
    try:
        await run_in_session(refresh_identity, now=datetime.now(UTC))
    except Exception:
        log.exception("identity matching after the Battle.net sync failed")
