"""Battle.net's 100 requests a second are kept even when this process is starved: a thread
hogging the interpreter lock and the event loop blocked a quarter second at a time, so
requests that were allowed on time would leave in bunches. The fake Battle.net runs as a
process of its own (its clock and its count are not starved with ours) and must answer no 429.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from patt_app.integrations.blizzard.client import BattleNetClient
from tests.support.fake_battlenet import CLIENT_ID, CLIENT_SECRET, STATS_PATH, make_guild

MEMBERS = 300


@pytest.fixture
def fake_process() -> Iterator[str]:
    """`python -m tests.support.fake_battlenet` on a free port; its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.fake_battlenet", "--members", str(MEMBERS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()  # "fake Battle.net on http://127.0.0.1:PORT"
        assert "http://" in line, line
        yield line.split(" on ", 1)[1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


def _hog(stop: threading.Event) -> None:
    """Pure Python work that competes for the interpreter lock until told to stop."""
    while not stop.is_set():
        sum(i * i for i in range(2_000))


async def _block_the_loop(period: float, blocked: float) -> None:
    """Block the event loop (as a careless synchronous call would) again and again."""
    while True:
        await asyncio.sleep(period)
        time.sleep(blocked)


async def _fetch_every_profile(url: str) -> list[dict | None]:
    guild = make_guild(MEMBERS)
    async with BattleNetClient(
        api_url=url, token_url=f"{url}/token", client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    ) as client:
        blocker = asyncio.create_task(_block_the_loop(period=0.4, blocked=0.2))
        try:
            return await asyncio.gather(
                *(client.character_profile(c.realm_slug, c.name) for c in guild)
            )
        finally:
            blocker.cancel()


def test_a_starved_process_still_sends_no_more_than_100_requests_in_any_second(fake_process):
    stop = threading.Event()
    hog = threading.Thread(target=_hog, args=(stop,), daemon=True)
    hog.start()
    try:
        profiles = asyncio.run(_fetch_every_profile(fake_process))
    finally:
        stop.set()
        hog.join()
    seen = httpx.get(fake_process + STATS_PATH).json()
    assert sum(1 for p in profiles if p) == MEMBERS
    assert seen["throttled"] == 0 and seen["busiest_second"] <= 100, seen
    assert seen["profile_requests"] == MEMBERS, seen
