"""The worker's read caches: used only while the listener is connected, emptied by their
topics, never keeping an answer a change overtook, one read for all who ask at once."""

from __future__ import annotations

import asyncio

import pytest

from patt_app.live import read_cache
from patt_app.live.read_cache import ReadCache


class Source:
    """A stand-in for the database: counts reads, answers its current value."""

    def __init__(self) -> None:
        self.value, self.reads = "v1", 0
        self.gate: asyncio.Event | None = None

    async def read(self) -> str:
        self.reads += 1
        answer = self.value
        if self.gate is not None:
            await self.gate.wait()
        return answer


@pytest.fixture
def cache():
    made = ReadCache(("schedule",), max_age=60.0)
    read_cache.set_listening(True)
    yield made
    read_cache.set_listening(False)
    read_cache._caches.remove(made)


def test_kept_between_reads_until_its_topic_is_heard(cache):
    source = Source()

    async def scenario():
        first = await cache.read("all", source.read)
        second = await cache.read("all", source.read)
        assert (first.value, second.value, source.reads) == ("v1", "v1", 1)
        assert first.read_number == second.read_number is not None
        read_cache.heard("roster")  # not this cache's topic
        assert (await cache.read("all", source.read)).value == "v1"
        assert source.reads == 1
        source.value = "v2"
        read_cache.heard("schedule")
        third = await cache.read("all", source.read)
        assert (third.value, source.reads) == ("v2", 2)
        assert third.read_number != first.read_number  # memos built on the old read are stale

    asyncio.run(scenario())


def test_not_used_while_the_listener_is_not_connected(cache):
    source = Source()
    read_cache.set_listening(False)

    async def scenario():
        first = await cache.read("all", source.read)
        await cache.read("all", source.read)
        assert source.reads == 2
        assert first.read_number is None

    asyncio.run(scenario())


def test_a_lost_listener_connection_empties_the_cache(cache):
    source = Source()

    async def scenario():
        await cache.read("all", source.read)
        read_cache.set_listening(False)  # changes may be missed from now on
        read_cache.set_listening(True)
        source.value = "v2"
        assert (await cache.read("all", source.read)).value == "v2"
        assert source.reads == 2

    asyncio.run(scenario())


def test_a_read_overtaken_by_a_change_is_not_kept(cache):
    source = Source()

    async def scenario():
        source.gate = asyncio.Event()
        reading = asyncio.ensure_future(cache.read("all", source.read))
        await asyncio.sleep(0)
        read_cache.heard("schedule")  # committed while the read was under way
        source.gate.set()
        overtaken = await reading
        assert overtaken.read_number is None
        source.gate, source.value = None, "v2"
        assert (await cache.read("all", source.read)).value == "v2"
        assert source.reads == 2

    asyncio.run(scenario())


def test_those_asking_at_once_share_one_read(cache):
    source = Source()

    async def scenario():
        source.gate = asyncio.Event()
        asking = [asyncio.ensure_future(cache.read("all", source.read)) for _ in range(20)]
        await asyncio.sleep(0)
        source.gate.set()
        answers = await asyncio.gather(*asking)
        assert source.reads == 1
        assert {a.value for a in answers} == {"v1"}
        assert len({a.read_number for a in answers}) == 1

    asyncio.run(scenario())


def test_an_answer_is_kept_at_most_max_age(cache, monkeypatch):
    source = Source()
    clock = [1000.0]
    monkeypatch.setattr(read_cache.time, "monotonic", lambda: clock[0])

    async def scenario():
        await cache.read("all", source.read)
        clock[0] += 59
        await cache.read("all", source.read)
        assert source.reads == 1
        clock[0] += 2
        await cache.read("all", source.read)
        assert source.reads == 2

    asyncio.run(scenario())


def test_keys_are_kept_apart(cache):
    async def scenario():
        a = await cache.read("a", lambda: asyncio.sleep(0, result="A"))
        b = await cache.read("b", lambda: asyncio.sleep(0, result="B"))
        assert (a.value, b.value) == ("A", "B")
        assert cache.peek("a").value == "A"
        assert cache.peek("c") is None

    asyncio.run(scenario())


def test_one_item_changed_is_read_again_alone_and_remembered_since_each_read():
    """A player's save ("schedule:7") re-reads that player only; the answer says what changed
    since the earlier reads (memos patch from them); a plain topic still reads everything."""
    guild = {"5": "a", "7": "b", "9": "c"}
    refreshed: list[frozenset[str]] = []
    full_reads = []

    async def read_all() -> dict:
        full_reads.append(1)
        return dict(guild)

    async def refresh(old: dict, items: frozenset[str]) -> dict:
        refreshed.append(items)
        return {**old, **{i: guild[i] for i in items}}

    cache = ReadCache(("schedule",), max_age=60.0, refresh=refresh)
    read_cache.set_listening(True)

    async def scenario():
        first = await cache.read("all", read_all)
        guild["7"] = "B"
        read_cache.heard("schedule:7")
        second = await cache.read("all", read_all)
        assert second.value == {"5": "a", "7": "B", "9": "c"} and refreshed == [{"7"}]
        assert second.since == {first.read_number: {"7"}}
        guild["9"] = "C"
        read_cache.heard("schedule:9")
        third = await cache.read("all", read_all)
        assert third.value["9"] == "C" and refreshed[-1] == {"9"}
        assert third.since == {first.read_number: {"7", "9"}, second.read_number: {"9"}}
        read_cache.heard("schedule")  # everyone: a full read, nothing to patch from
        fourth = await cache.read("all", read_all)
        assert len(full_reads) == 2 and fourth.since == {}

    try:
        asyncio.run(scenario())
    finally:
        read_cache.set_listening(False)
        read_cache._caches.remove(cache)
