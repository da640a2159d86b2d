"""Which browser tabs watch which topics, in this worker, and redrawing them when told.

A view subscribes in its load handler (`await subscribe(self, Topic.SCHEDULE)`) and defines
`async def _on_live(self, topics: list[str])`, which re-reads what it shows. When the listener
hears topics, the hub redraws only the tabs subscribed to them, each through Reflex's
`app.modify_state`, which sends that tab the changed fields. Redraws are at least a window
(50 ms) apart: a change heard when nothing was redrawn for a window shows at once, and the
changes heard within a window after a redraw are drawn together when it ends, so a burst of
saves costs each tab one redraw per window; a tab's several subscribed states (the officers'
heatmap and its clock-change warnings) redraw in one `modify_state`, one message. A redraw
takes its tabs a few at a time, so a
member's own click waits behind those few and not behind every open heatmap. Tabs that closed
or moved to another page are dropped on the way. A tab state that made a change itself and
already shows its result (the announcement names it as its origin, `tab_origin`) is not
redrawn for it, unless a change from elsewhere came in the same window.

What a redraw costs is paid only by the tabs it concerns: a notification touches the
subscribers of its topics and nothing else, forgetting a tab is a lookup, and the tabs of one
redraw share what they would each read the same (`once_per_redraw`, e.g. the guild's
schedules), so twenty officer views cost one database read, not twenty.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

import reflex as rx

log = logging.getLogger(__name__)

# 50 ms: with a redraw now a few changed rows, `make load` (raid night, 120 tabs) measured
# officers' redraw p95 133 ms against 175 ms at 150 ms, for about 15 % more CPU per event.
WINDOW_SECONDS = 0.05
# Tabs redrawn side by side: a member's own click waits behind these few, not behind all
# twenty officers' heatmaps of a redraw.
REDRAWS_AT_ONCE = 4

T = TypeVar("T")
Key = tuple[str, type]
# Reads the items of a batch at once: the items asked for → each one's answer.
ReadMany = Callable[[list[Any]], Awaitable[dict[Any, Any]]]

# The reads shared by the tabs of the redraw running in this task (None outside a redraw).
_redraw_reads: ContextVar[dict[Hashable, asyncio.Future[Any] | _Batch] | None] = ContextVar(
    "patt_live_redraw_reads", default=None
)


@dataclass(frozen=True)
class Subscriber:
    """One tab's view: its client token, the state class that redraws, the page it is on."""

    token: str
    state_cls: type[rx.State]
    path: str


class LiveHub:
    """The subscriptions of this worker process, and the fan-out (at most one redraw per window)."""

    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        self.window = window
        self.app: Any = None
        self.redraws = 0
        self._topics: dict[str, dict[Key, Subscriber]] = defaultdict(dict)
        self._by_token: dict[str, set[tuple[str, Key]]] = defaultdict(set)  # token → (topic, key)
        self._pending: dict[str, set[str | None]] = {}  # topic → its changes' origins
        self._flush: asyncio.Task[None] | None = None
        self._last_redraw = -math.inf  # loop time the last redraw began

    def subscribe(self, subscriber: Subscriber, topics: tuple[str, ...]) -> None:
        key = (subscriber.token, subscriber.state_cls)
        for topic in topics:
            self._topics[topic][key] = subscriber
            self._by_token[subscriber.token].add((topic, key))

    def drop(self, token: str, state_cls: type | None = None) -> None:
        """Forget a tab's subscriptions (those of `state_cls` only, when given)."""
        entries = self._by_token.get(token, set())
        for entry in [e for e in entries if state_cls in (None, e[1][1])]:
            topic, key = entry
            self._topics[topic].pop(key, None)
            entries.discard(entry)
        if not entries:
            self._by_token.pop(token, None)

    def subscribers(self, topic: str) -> list[Subscriber]:
        return list(self._topics.get(topic, {}).values())

    def received(self, topic: str, origin: str | None = None) -> None:
        """A topic was announced (from any worker): redraw its tabs now, or when the window
        of the last redraw ends. `origin`: the tab state that made the change, if named."""
        if topic not in self._topics:
            return
        self._pending.setdefault(topic, set()).add(origin)
        if self._flush is None or self._flush.done():
            self._flush = asyncio.get_running_loop().create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        """Redraw once the last redraw's window is over (at the next loop tick if it is, so
        the topics of one announcement go together); topics heard while redrawing get the
        next window's redraw (none is lost, none is doubled)."""
        loop = asyncio.get_running_loop()
        while self._pending:
            await asyncio.sleep(max(0.0, self._last_redraw + self.window - loop.time()))
            topics, self._pending = self._pending, {}
            self._last_redraw = loop.time()
            await self._redraw_topics(topics)

    async def _redraw_topics(self, topics: dict[str, set[str | None]]) -> None:
        by_tab: dict[str, dict[type, tuple[Subscriber, list[str]]]] = {}
        for topic in sorted(topics):
            origins = topics[topic]
            for (token, cls), sub in self._topics.get(topic, {}).items():
                if None not in origins and origins == {tab_origin(token, cls)}:
                    continue  # its own change, which it shows already
                by_tab.setdefault(token, {}).setdefault(cls, (sub, []))[1].append(topic)
        shared = _redraw_reads.set({})
        turns = asyncio.Semaphore(REDRAWS_AT_ONCE)

        async def in_turn(views: list[tuple[Subscriber, list[str]]]) -> None:
            async with turns:
                await self._redraw(views)

        try:
            await asyncio.gather(*(in_turn(list(views.values())) for views in by_tab.values()))
        finally:
            _redraw_reads.reset(shared)

    async def _redraw(self, views: list[tuple[Subscriber, list[str]]]) -> None:
        """Redraw one tab's subscribed states in one `modify_state` (one lock, one message)."""
        token = views[0][0].token
        if self.app is None:
            return
        if not _connected_here(self.app, token):
            self.drop(token)
            return
        try:
            state_token = rx.BaseStateToken(ident=token, cls=views[0][0].state_cls)
            async with self.app.modify_state(state_token) as root:
                for sub, topics in views:
                    await self._redraw_state(root, sub, topics)
        except Exception:
            log.exception("live redraw of %s failed", views[0][0].state_cls.__name__)

    async def _redraw_state(self, root: Any, sub: Subscriber, topics: list[str]) -> None:
        state = await root.get_state(sub.state_cls)
        if tab_path(state) != sub.path:
            self.drop(sub.token, sub.state_cls)  # the tab moved on to another page
            return
        try:
            await state._on_live(topics)
            self.redraws += 1
        except Exception:
            log.exception("live redraw of %s failed", sub.state_cls.__name__)


# A tab's token and page, read from the router's own fields as Reflex itself does:
# `state.router` builds a new RouterData at every access, which showed in a redraw's profile.
def tab_token(state: rx.State) -> str:
    """The client token of `state`'s tab ("" where it has no tab: a test, a script)."""
    return state.rx_router_session.client_token


def tab_path(state: rx.State) -> str:
    """The path of the page `state`'s tab is on."""
    return state.rx_router_url.path


def tab_origin(token: str, state_cls: type[rx.State]) -> str:
    """One tab's state, as an announcement names the origin of its change."""
    return f"{token}/{state_cls.get_full_name()}"


def origin_of(state: rx.State) -> str | None:
    """`state`'s own tab state as an origin (None where it has no tab: a test, a script)."""
    token = tab_token(state)
    return tab_origin(token, type(state)) if token else None


async def once_per_redraw(key: Hashable, read: Callable[[], Awaitable[T]]) -> T:
    """`await read()`, but only once per `key` among all the tabs of one live redraw (they
    get the same result); outside a redraw (a tab's own event) it simply reads."""
    reads = _redraw_reads.get()
    if reads is None:
        return await read()
    future = reads.get(key)
    if not isinstance(future, asyncio.Future):
        future = reads[key] = asyncio.ensure_future(read())
    result: T = await future
    return result


class _Batch:
    """The items tabs of one redraw asked for under one name, read together a loop tick or
    two after the first asked (later ones start the next batch)."""

    def __init__(self, read_many: ReadMany) -> None:
        self.read_many = read_many
        self.items: list[Hashable] = []
        self.started = False
        self.result: asyncio.Future[dict[Any, Any]] | None = None

    async def get(self, item: Hashable) -> Any:
        self.items.append(item)
        if self.result is None:
            self.result = asyncio.ensure_future(self._read())
        return (await self.result)[item]

    async def _read(self) -> dict[Any, Any]:
        for _ in range(3):  # let the other tabs of this redraw add their items
            await asyncio.sleep(0)
        self.started = True
        return await self.read_many(list(dict.fromkeys(self.items)))


async def batched_per_redraw(name: str, item: Hashable, read_many: ReadMany) -> Any:
    """`(await read_many([item]))[item]`, but the tabs of one live redraw asking under the
    same `name` share one `read_many` of all their items (e.g. every tab's viewer in one
    query); outside a redraw it reads just this item."""
    reads = _redraw_reads.get()
    if reads is None:
        return (await read_many([item]))[item]
    batch = reads.get(("batch", name))
    if not isinstance(batch, _Batch) or batch.started:
        batch = reads[("batch", name)] = _Batch(read_many)
    return await batch.get(item)


def _connected_here(app: Any, token: str) -> bool:
    """Whether this tab's websocket is held by this worker (else another worker redraws it)."""
    namespace = getattr(app, "event_namespace", None)
    manager = getattr(namespace, "_token_manager", None)
    if manager is None:
        return False
    record = manager.token_to_socket.get(token)
    return record is not None and record.instance_id == manager.instance_id


hub = LiveHub()


async def subscribe(state: rx.State, *topics: str) -> None:
    """Redraw this tab's `state` (its `_on_live`) whenever one of `topics` is announced."""
    token = tab_token(state)
    if token:
        hub.subscribe(Subscriber(token, type(state), tab_path(state)), topics)
