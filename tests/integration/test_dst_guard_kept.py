"""The officers' clock-change warnings after a member's save: worked out again with the new
availability, without reading the season's raids and the players' names again (a raid or a
season changing, or a player, does read them again)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlmodel import Session

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.services.raids.dst_view import season_warnings
from patt_app.states.admin import dst_guard as guard_state
from patt_app.states.admin.dst_guard import GUARD_RAIDS, AdminDstGuardState
from tests.browser_session import give_session
from tests.integration.test_cached_reads import _listener, _sql
from tests.support.waiting import until


def _fresh_warnings(engine) -> list[str]:
    with Session(engine) as session:
        return season_warnings(session=session, today=datetime.now(UTC).date())


def test_a_save_redoes_the_warnings_but_not_the_season_read(tokens, committed, monkeypatch):
    reads = []
    guard_raids = guard_state.guard_raids

    def counted(**kwargs):
        reads.append(kwargs["today"])
        return guard_raids(**kwargs)

    monkeypatch.setattr(guard_state, "guard_raids", counted)

    async def opened() -> AdminDstGuardState:
        view = AdminDstGuardState()
        give_session(view, tokens[DEMO_OFFICER])
        await type(view).event_handlers["load"].fn(view)
        return view

    async def scenario():
        async with _listener():
            first = await opened()
            assert first.warnings == _fresh_warnings(committed)
            assert any("not free then" in w for w in first.warnings)  # the demo's season
            # every member clears their evenings, written past the app: "schedule:<id>" each
            _sql(committed, "DELETE FROM patt.player_availability")
            await until(lambda: GUARD_RAIDS.peek(datetime.now(UTC).date()) is None)
            second = await opened()
            assert second.warnings == _fresh_warnings(committed)
            assert not any("not free then" in w for w in second.warnings)  # nobody is free
            assert len(reads) == 1  # the season's raids and names were kept
            # a raid or a season changed (the events screens announce it): read again
            second_read = GUARD_RAIDS.peek(datetime.now(UTC).date())
            assert second_read is not None
            _sql(committed, "SELECT pg_notify('patt_live', 'events')")
            await until(lambda: GUARD_RAIDS.peek(datetime.now(UTC).date()) is None)
            third = await opened()
            assert third.warnings == second.warnings
            assert len(reads) == 2

    asyncio.run(scenario())
