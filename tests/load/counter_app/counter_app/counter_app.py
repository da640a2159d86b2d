"""A counter: the smallest Reflex page with a state and an event, the baseline for `make load`.

With COUNTER_DATABASE_URL set it also keeps each tab's count in PostgreSQL: `save` writes one
row (an upsert in its own transaction, on a thread off the event loop, as the PATT app runs its
database calls), the baseline for a member's save or sign-up.

`save_and_tell` also redraws every tab open on /watch, in every worker (the baseline for
officers watching the heatmap): the save's transaction sends a PostgreSQL NOTIFY, each worker's
LISTEN connection hears it, and each watcher's `saves_seen` is set through `app.modify_state`,
at most once per 50 ms window and four tabs at a time — as the PATT app announces a change and
its live hub redraws the tabs, but with nothing to read or compute for them.
"""

import asyncio
import math
import os

import psycopg
import reflex as rx
from sqlalchemy import Engine, create_engine, make_url, text

CREATE = "CREATE TABLE IF NOT EXISTS counter_clicks (tab text PRIMARY KEY, clicks integer NOT NULL)"
SAVE = text(
    "INSERT INTO counter_clicks (tab, clicks) VALUES (:tab, 1) ON CONFLICT (tab) "
    "DO UPDATE SET clicks = counter_clicks.clicks + 1 RETURNING clicks"
)
CHANNEL = "counter_saves"
TELL = text(f"SELECT pg_notify('{CHANNEL}', '')")
WINDOW_SECONDS = 0.05  # the PATT hub's window between redraws
REDRAWS_AT_ONCE = 4  # and how many tabs it redraws side by side


def _engine() -> Engine | None:
    url = os.environ.get("COUNTER_DATABASE_URL")
    if not url:
        return None
    engine = create_engine(url, pool_pre_ping=True)
    with engine.begin() as conn:
        conn.execute(text(CREATE))
    return engine


ENGINE = _engine()


def _save_click(tab: str, tell: bool = False) -> int:
    assert ENGINE is not None, "set COUNTER_DATABASE_URL for the saving counter"
    with ENGINE.begin() as conn:
        clicks = conn.execute(SAVE, {"tab": tab}).scalar_one()
        if tell:
            conn.execute(TELL)  # sent when the save commits, to every worker
        return clicks


async def hear_saves() -> None:
    """Lifespan task of each worker: every told save, from any worker, redraws the watchers
    this worker holds."""
    url = os.environ.get("COUNTER_DATABASE_URL")
    if not url:
        return
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    async with await psycopg.AsyncConnection.connect(libpq, autocommit=True) as conn:
        await conn.execute(f"LISTEN {CHANNEL}")
        async for _ in conn.notifies():
            WATCHERS.tell()


class _Watchers:
    """The tabs on /watch, redrawn after saves: a save heard within a window of the last
    redraw is drawn when the window ends, with any others heard meanwhile."""

    def __init__(self) -> None:
        self.tokens: set[str] = set()
        self.saves = 0
        self._due = False
        self._flush: asyncio.Task | None = None
        self._last = -math.inf

    def tell(self) -> None:
        self.saves += 1
        self._due = True
        if self._flush is None or self._flush.done():
            self._flush = asyncio.get_running_loop().create_task(self._redraw_soon())

    async def _redraw_soon(self) -> None:
        loop = asyncio.get_running_loop()
        while self._due:
            await asyncio.sleep(max(0.0, self._last + WINDOW_SECONDS - loop.time()))
            self._due, self._last = False, loop.time()
            turns = asyncio.Semaphore(REDRAWS_AT_ONCE)
            await asyncio.gather(*(self._redraw(token, turns) for token in list(self.tokens)))

    async def _redraw(self, token: str, turns: asyncio.Semaphore) -> None:
        async with turns:
            state_token = rx.BaseStateToken(ident=token, cls=CounterState)
            async with app.modify_state(state_token) as root:
                (await root.get_state(CounterState)).saves_seen = self.saves


WATCHERS = _Watchers()


class CounterState(rx.State):
    count: int = 0
    watching: bool = False
    saves_seen: int = 0

    @rx.event
    def increment(self):
        self.count += 1

    @rx.event
    async def save(self):
        self.count = await asyncio.to_thread(_save_click, self.router.session.client_token)

    @rx.event
    async def save_and_tell(self):
        token = self.router.session.client_token
        self.count = await asyncio.to_thread(_save_click, token, True)

    @rx.event
    def watch(self):
        WATCHERS.tokens.add(self.router.session.client_token)
        self.watching = True


def index() -> rx.Component:
    return rx.hstack(rx.text(CounterState.count), rx.button("+1", on_click=CounterState.increment))


def watch() -> rx.Component:
    return rx.text(CounterState.saves_seen)


app = rx.App()
app.register_lifespan_task(hear_saves)
app.add_page(index, route="/")
app.add_page(watch, route="/watch", on_load=CounterState.watch)
