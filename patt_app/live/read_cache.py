"""Reads kept in this worker until the database says they changed.

A view that reads the same thing on every click (the guild's schedules, the viewer behind a
session token) keeps it in a `ReadCache` watching the topics that announce its changes. The
database itself announces them: triggers on the tables behind each topic send the NOTIFY when
a change commits (migration 0013), so no write path can forget to, and every worker's listener
(live/listener.py) empties the caches of the topics it hears before it redraws any tab.

A cache is only used while this worker's listener is connected: before it has connected, and
from a lost connection until it is back, every read goes to the database (it could have missed
a change). A read that started before a change was announced is not kept (its answer may
predate the change). `max_age` bounds how long an answer is kept in any case.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Kept(Generic[T]):
    """An answer, and which read of the cache it is (for memos built on it)."""

    value: T
    read_number: int | None  # None: not kept (the cache was off or the read was overtaken)


class ReadCache(Generic[T]):
    """Answers per key, dropped when one of `topics` is announced or after `max_age` s."""

    def __init__(self, topics: tuple[str, ...], max_age: float) -> None:
        self.topics, self.max_age = topics, max_age
        self.generation = 0  # bumped by every announcement: a read overtaken by one is dropped
        self._reads = 0
        self._kept: dict[Hashable, tuple[float, T, int]] = {}
        self._reading: dict[tuple[int, Hashable], asyncio.Future[T]] = {}
        _caches.append(self)

    def clear(self) -> None:
        self.generation += 1
        self._kept.clear()
        self._reading.clear()

    def peek(self, key: Hashable) -> Kept[T] | None:
        """The kept answer for `key`, if there is a fresh one and the cache is on."""
        if not _listening:
            return None
        entry = self._kept.get(key)
        if entry is None:
            return None
        kept_at, value, number = entry
        if time.monotonic() - kept_at > self.max_age:
            del self._kept[key]
            return None
        return Kept(value, number)

    def keep(self, key: Hashable, value: T, generation: int) -> int | None:
        """Keep `value`, read in `generation`, unless a change was announced since; returns
        the read's number (None: not kept)."""
        if not _listening or generation != self.generation:
            return None
        self._reads += 1
        self._kept[key] = (time.monotonic(), value, self._reads)
        return self._reads

    async def read(self, key: Hashable, read: Callable[[], Awaitable[T]]) -> Kept[T]:
        """The kept answer for `key`, or `await read()` (once for all who ask at the same
        time) and keep it."""
        found = self.peek(key)
        if found is not None:
            return found
        generation = self.generation
        flight = (generation, key)
        future = self._reading.get(flight) if _listening else None
        if future is None:
            future = asyncio.ensure_future(read())
            if _listening:
                self._reading[flight] = future
                future.add_done_callback(lambda _f: self._reading.pop(flight, None))
        value = await future
        found = self.peek(key)  # kept already by another who waited for the same read
        if found is not None and found.value is value:
            return found
        return Kept(value, self.keep(key, value, generation))


_caches: list[ReadCache[Any]] = []
_listening = False


def heard(topic: str) -> None:
    """The listener heard `topic`: drop what the caches watching it hold."""
    for cache in _caches:
        if topic in cache.topics:
            cache.clear()


def set_listening(listening: bool) -> None:
    """The listener connected (True) or lost its connection (False): either way what the
    caches hold may be stale, so they start afresh."""
    global _listening
    _listening = listening
    for cache in _caches:
        cache.clear()
