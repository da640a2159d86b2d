"""Each worker's LISTEN connection: hears every `notify(topic)` on the database (and the
tables' own announcements, see live/read_cache.py), empties this worker's caches of those
topics and hands the topics to its hub. Reconnects by itself when the database goes away."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import psycopg

from patt_app.db import libpq_url
from patt_app.live import read_cache
from patt_app.live.hub import hub
from patt_app.live.notify import CHANNEL, topic_and_origin
from patt_app.live.topics import heard_as

log = logging.getLogger(__name__)

IDLE_CHECK_SECONDS = 15.0
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0)


async def listen_for_changes(app: Any = None) -> None:
    """Lifespan task of every worker: LISTEN until cancelled, reconnecting on failure."""
    hub.app = app
    failures = 0
    while True:
        try:
            url = await asyncio.to_thread(libpq_url)
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                failures = 0
                read_cache.set_listening(True)
                log.info("listening for live updates")
                await _pump(conn)
        except asyncio.CancelledError:
            read_cache.set_listening(False)
            raise
        except Exception as error:
            read_cache.set_listening(False)
            delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
            failures += 1
            log.warning("live updates: connection lost (%s); retrying in %.0f s", error, delay)
            await asyncio.sleep(delay)


async def _pump(conn: psycopg.AsyncConnection) -> None:
    while True:
        async for note in conn.notifies(timeout=IDLE_CHECK_SECONDS):
            topic, origin = topic_and_origin(note.payload)
            read_cache.heard(topic)  # before any redraw reads
            hub.received(heard_as(topic), origin)
        await conn.execute("SELECT 1")  # a dead connection raises here, not silently
