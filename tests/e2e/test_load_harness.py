"""The load harness's protocol client (tests/load) against the real app, so that `make load`
cannot silently stop speaking Reflex's protocol: three tabs, a filter toggle answered, a
member's save reaching an officer's open heatmap. No timing thresholds here: `make load`
measures; this only checks that what it measures happens."""

from __future__ import annotations

import asyncio
import concurrent.futures

import aiohttp

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.states.login import LoginState
from tests.load import scenarios
from tests.load.protocol import log_in, state_name

S = scenarios.SCHEDULE
A = scenarios.AVAILABILITY


def _run(coroutine):
    """Run on a thread of its own: Playwright's sync API may hold this thread's event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=180)


def _heat_rows(tab) -> dict:
    """The heatmap's rows as the officer's tab now holds them (one var per row)."""
    return {k: v for k, v in tab.shown.get(S, {}).items() if k.startswith("heat_")}


async def _three_tabs(base: str) -> dict:
    async with aiohttp.ClientSession() as http:
        login = state_name(LoginState)
        member = await log_in(http, base, DEMO_MEMBER, DEMO_PASSWORD, login_state=login)
        officer = await log_in(http, base, DEMO_OFFICER, DEMO_PASSWORD, login_state=login)
        schedule = scenarios.schedule_member(base, member)
        heatmap = scenarios.officer_view(base, officer)
        availability = scenarios.availability_saver(base, member, day=0)
        for client in (schedule, heatmap, availability):
            ready = client.tab.expect(client.ready)
            await client.tab.open(http)
            await asyncio.wait_for(ready, 30)
        seen: dict = {"officer_rows_before": _heat_rows(heatmap.tab)}

        _, toggled = await schedule.tab.call(
            f"{S}.toggle_role", {"role": "tank"}, until=lambda m: m.changes(S, "roles")
        )
        seen["roles_after_toggle"] = toggled.value(S, "roles")

        days = availability.tab.value(A, "days")
        monday = next(d for d in days if d["day"] == 0)
        new_hours = "4.5" if monday["hours"] != "4.5" else "3"
        redraw = heatmap.tab.expect(scenarios.heatmap_redraw)
        await availability.tab.call(  # answered with a toast, after the changed fields
            f"{A}.set_hours", {"day": 0, "value": new_hours}, until=lambda m: bool(m.events)
        )
        seen["saved_days"] = availability.tab.value(A, "days")
        await asyncio.wait_for(redraw, 30)
        seen["officer_rows_after"] = _heat_rows(heatmap.tab)
        seen["officer_tab_events"] = heatmap.tab.client_events
        restore = monday["hours"] or None
        if restore:
            await availability.tab.call(
                f"{A}.set_hours", {"day": 0, "value": restore}, until=lambda m: bool(m.events)
            )
        else:
            await availability.tab.call(
                f"{A}.clear_day", {"day": 0}, until=lambda m: bool(m.events)
            )
        for client in (schedule, heatmap, availability):
            await client.tab.close()
        seen["new_hours"] = new_hours
        return seen


def test_protocol_clients_toggle_a_filter_and_see_a_save_reach_an_officer(app_url: str):
    seen = _run(_three_tabs(app_url))
    assert seen["roles_after_toggle"] == ["tank"]
    monday = next(d for d in seen["saved_days"] if d["day"] == 0)
    assert monday["hours"] == seen["new_hours"]
    # the officer's heatmap was redrawn with the member's longer (or new) Monday evening
    assert seen["officer_rows_before"] and seen["officer_rows_after"] != seen["officer_rows_before"]
