"""Profile-fetch throughput against the fake Battle.net (100 req/s enforced): the client's
pacing (a send window counted at the write) versus the naive method (batches of 10, then a
0.5 s pause). Prints requests/s, the busiest second the fake saw and 429 counts; asserts only
that both fetched every profile.

Run with `make bench`.
"""

from __future__ import annotations

import asyncio
import time

from patt_app.integrations.blizzard.client import BattleNetClient
from tests.support.fake_battlenet import CLIENT_ID, CLIENT_SECRET, FakeBattleNet, make_guild

PROFILES = 1000


def _client(fake: FakeBattleNet) -> BattleNetClient:
    return BattleNetClient(
        api_url=fake.url,
        token_url=f"{fake.url}/token",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )


async def _paced(fake: FakeBattleNet) -> tuple[int, float, int]:
    async with _client(fake) as client:
        await client.tokens.token()
        started = time.perf_counter()
        found = await asyncio.gather(
            *(client.character_profile(c.realm_slug, c.name) for c in fake.characters)
        )
        return sum(1 for f in found if f), time.perf_counter() - started, client.requests


async def _naive(fake: FakeBattleNet) -> tuple[int, float, int]:
    async with _client(fake) as client:
        await client.tokens.token()
        started, found = time.perf_counter(), 0
        for start in range(0, len(fake.characters), 10):
            batch = fake.characters[start : start + 10]
            found += sum(
                1
                for f in await asyncio.gather(
                    *(client.character_profile(c.realm_slug, c.name) for c in batch)
                )
                if f
            )
            await asyncio.sleep(0.5)
        return found, time.perf_counter() - started, client.requests


def test_paced_client_against_naive_batches():
    results = {}
    for name, method in (("send window (ours)", _paced), ("batches of 10 + 0.5 s", _naive)):
        fake = FakeBattleNet(characters=make_guild(PROFILES)).start()
        try:
            found, seconds, requests = asyncio.run(method(fake))
        finally:
            fake.stop()
        results[name] = found
        print(
            f"\n{name:>24}: {found} profiles, {requests} requests in {seconds:.1f} s = "
            f"{requests / seconds:.1f} requests/s, busiest second {fake.busiest_second}, "
            f"{fake.throttled} answered 429"
        )
    assert set(results.values()) == {PROFILES}
