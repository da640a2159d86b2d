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
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Kept(Generic[T]):
    """An answer, and which read of the cache it is (for memos built on it)."""

    value: T
    read_number: int | None  # None: not kept (the cache was off or the read was overtaken)
    # For an answer patched from earlier ones (`refresh`): earlier read number → the items
    # changed since it, so a memo of an earlier read can be patched too (week_view's runs).
    since: Mapping[int, frozenset[str]] = field(default_factory=dict)


@dataclass
class _Entry(Generic[T]):
    kept_at: float
    value: T
    number: int
    since: dict[int, frozenset[str]]
    stale: set[str] = field(default_factory=set)  # items announced changed since


SINCE_KEPT = 8  # how many earlier reads an answer remembers what changed since


class ReadCache(Generic[T]):
    """Answers per key, dropped when one of `topics` is announced or after `max_age` s.

    With `refresh`, a scoped topic of a watched kind ("schedule:<id>") does not drop an
    answer: the next read calls `refresh(answer, items changed)` instead of reading it all."""

    def __init__(
        self,
        topics: tuple[str, ...],
        max_age: float,
        refresh: Callable[[T, frozenset[str]], Awaitable[T]] | None = None,
    ) -> None:
        self.topics, self.max_age, self.refresh = topics, max_age, refresh
        self.generation = 0  # bumped by every announcement: a read overtaken by one is dropped
        self._reads = 0
        self._kept: dict[Hashable, _Entry[T]] = {}
        self._reading: dict[tuple[int, Hashable], asyncio.Future[T]] = {}
        _caches.append(self)

    def clear(self) -> None:
        self.generation += 1
        self._kept.clear()
        self._reading.clear()

    def changed(self, item: str) -> None:
        """One item of the kept answers changed: refresh it at the next read (or, without
        `refresh`, drop everything)."""
        if self.refresh is None:
            self.clear()
            return
        self.generation += 1
        self._reading.clear()
        for entry in self._kept.values():
            entry.stale.add(item)

    def _entry(self, key: Hashable) -> _Entry[T] | None:
        """The kept entry for `key`, if the cache is on and it is not too old."""
        if not _listening:
            return None
        entry = self._kept.get(key)
        if entry is not None and time.monotonic() - entry.kept_at > self.max_age:
            del self._kept[key]
            return None
        return entry

    def peek(self, key: Hashable) -> Kept[T] | None:
        """The kept answer for `key`, if there is a fresh one and the cache is on."""
        entry = self._entry(key)
        if entry is None or entry.stale:
            return None
        return Kept(entry.value, entry.number, entry.since)

    def keep(
        self,
        key: Hashable,
        value: T,
        generation: int,
        patched: _Entry[T] | None = None,
        items: frozenset[str] = frozenset(),
    ) -> Kept[T]:
        """Keep `value`, read in `generation` (or refreshed from `patched`, its `items` read
        again), unless a change was announced since."""
        since: dict[int, frozenset[str]] = {}
        if patched is not None:
            since = {n: s | items for n, s in patched.since.items()} | {patched.number: items}
            since = dict(sorted(since.items())[-SINCE_KEPT:])
        if not _listening or generation != self.generation:
            return Kept(value, None, since)  # not kept, but still patched from `since`
        self._reads += 1
        # a patched answer is as old as the full read it grew from: max_age still holds
        kept_at = patched.kept_at if patched is not None else time.monotonic()
        self._kept[key] = _Entry(kept_at, value, self._reads, since)
        return Kept(value, self._reads, since)

    async def read(self, key: Hashable, read: Callable[[], Awaitable[T]]) -> Kept[T]:
        """The kept answer for `key`, or `await read()` — or `refresh` of the kept one when
        only some of its items changed — (once for all who ask at the same time) and keep it."""
        found = self.peek(key)
        if found is not None:
            return found
        generation = self.generation
        entry = self._entry(key)
        patched = entry if entry is not None and self.refresh is not None else None
        items = frozenset(patched.stale) if patched is not None else frozenset()
        if patched is not None and self.refresh is not None:
            read = partial(self.refresh, patched.value, items)
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
        return self.keep(key, value, generation, patched, items)


_caches: list[ReadCache[Any]] = []
_listening = False


def heard(topic: str) -> None:
    """The listener heard `topic`: drop what the caches watching it hold (for "<kind>:<id>"
    of a watched kind: that item changed)."""
    kind, scoped, item = topic.partition(":")
    for cache in _caches:
        if topic in cache.topics:
            cache.clear()
        elif scoped and kind in cache.topics:
            cache.changed(item)


def set_listening(listening: bool) -> None:
    """The listener connected (True) or lost its connection (False): either way what the
    caches hold may be stale, so they start afresh."""
    global _listening
    _listening = listening
    for cache in _caches:
        cache.clear()
