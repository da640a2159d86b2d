"""A counter: the smallest Reflex page with a state and an event, the baseline for `make load`.

With COUNTER_DATABASE_URL set it also keeps each tab's count in PostgreSQL: `save` writes one
row (an upsert in its own transaction, on a thread off the event loop, as the PATT app runs its
database calls), the baseline for a member's save or sign-up.
"""

import asyncio
import os

import reflex as rx
from sqlalchemy import Engine, create_engine, text

CREATE = "CREATE TABLE IF NOT EXISTS counter_clicks (tab text PRIMARY KEY, clicks integer NOT NULL)"
SAVE = text(
    "INSERT INTO counter_clicks (tab, clicks) VALUES (:tab, 1) ON CONFLICT (tab) "
    "DO UPDATE SET clicks = counter_clicks.clicks + 1 RETURNING clicks"
)


def _engine() -> Engine | None:
    url = os.environ.get("COUNTER_DATABASE_URL")
    if not url:
        return None
    engine = create_engine(url, pool_pre_ping=True)
    with engine.begin() as conn:
        conn.execute(text(CREATE))
    return engine


ENGINE = _engine()


def _save_click(tab: str) -> int:
    assert ENGINE is not None, "set COUNTER_DATABASE_URL for the saving counter"
    with ENGINE.begin() as conn:
        return conn.execute(SAVE, {"tab": tab}).scalar_one()


class CounterState(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1

    @rx.event
    async def save(self):
        self.count = await asyncio.to_thread(_save_click, self.router.session.client_token)


def index() -> rx.Component:
    return rx.hstack(rx.text(CounterState.count), rx.button("+1", on_click=CounterState.increment))


app = rx.App()
app.add_page(index, route="/")
