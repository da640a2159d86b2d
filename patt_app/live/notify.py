"""`notify(topic)`: tell every open view about a change, in every worker process.

Call it after a change is committed — from a Reflex handler, an API route, a job or the bot;
or, inside the change's own transaction, `announce(session, topic)`, sent when it commits.
It sends a PostgreSQL NOTIFY on one channel; each worker's listener (live/listener.py) hears it
and redraws the browser tabs subscribed to that topic (live/hub.py). No extra server is needed.

The topics are declared in live/topics.py (`Topic`, `signups_topic`, `campaign_topic`), with
what each one covers; a name not declared there is refused here too.

An announcement may name its origin, the tab state that made the change and already shows its
result (`announce(session, topic, origin=origin_of(state))`, live/hub.py): the hub then skips
that one state unless someone else changed the same topic in the same window.
"""

from __future__ import annotations

import asyncio
import logging
import re
from functools import lru_cache

from sqlalchemy import TextClause, text
from sqlmodel import Session

from patt_app.db import get_engine
from patt_app.live.topics import is_declared

log = logging.getLogger(__name__)

CHANNEL = "patt_live"
_TOPIC = re.compile(r"^[a-z][a-z0-9_-]*(:[A-Za-z0-9_-]+)?$")
_ORIGIN_MARK = "@"  # "<topic>@<origin>": never part of a topic name


def topic_and_origin(payload: str) -> tuple[str, str | None]:
    """A notification's payload → (topic, origin or None)."""
    topic, marked, origin = payload.partition(_ORIGIN_MARK)
    return topic, (origin if marked else None)


def _checked(topics: tuple[str, ...]) -> list[str]:
    for topic in topics:
        if not _TOPIC.match(topic):
            raise ValueError(f"not a topic name: {topic!r}")
        if not is_declared(topic):
            raise ValueError(f"not a declared topic (live/topics.py): {topic!r}")
    return sorted(str(topic) for topic in set(topics))


def send(*topics: str) -> None:
    """Send the NOTIFY now, on this thread (blocking; a pooled connection, about a millisecond)."""
    names = _checked(topics)
    if not names:
        return
    with get_engine().connect() as conn:
        # a notification needs no durable commit (it is gone after delivery anyway): don't
        # make every save wait for a second disk flush
        conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
        for name in names:
            conn.execute(
                text("SELECT pg_notify(:channel, :topic)"), {"channel": CHANNEL, "topic": name}
            )
        conn.commit()


def announce(session: Session, *topics: str, origin: str | None = None) -> None:
    """Announce `topics` as part of `session`'s transaction: PostgreSQL sends them when it
    commits (and never if it rolls back), with no connection or thread of their own. `origin`:
    the tab state (`hub.tab_origin`) that shows this transaction's result already."""
    mark = f"{_ORIGIN_MARK}{origin}" if origin else ""
    names = _checked(topics)
    if names:
        params = {f"t{n}": name + mark for n, name in enumerate(names)}
        session.execute(_notify_all(len(names)), {"channel": CHANNEL, **params})


@lru_cache(maxsize=8)
def _notify_all(count: int) -> TextClause:
    """One statement sending `count` topics (`:t0`, `:t1`, …): a sign-up announces two."""
    calls = ", ".join(f"pg_notify(:channel, :t{n})" for n in range(count))
    return text(f"SELECT {calls}")


def notify(*topics: str) -> None:
    """Announce that what `topics` show has changed. Never blocks an event loop: on a loop's
    thread the NOTIFY goes out from a worker thread; elsewhere it is sent before returning.
    A failure to notify is logged, never raised: the change itself is already saved."""
    names = _checked(topics)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None:
        _send_logged(names)
        return
    future = loop.run_in_executor(None, _send_logged, names)
    future.add_done_callback(lambda _f: None)


def _send_logged(names: list[str]) -> None:
    try:
        send(*names)
    except Exception:
        log.exception("could not notify %s", ", ".join(names))
