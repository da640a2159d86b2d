"""`notify(topic)` crosses processes through PostgreSQL: a worker's listener hears topics sent
from any connection, from sync code or from inside an event loop, and survives a lost
connection; `announce` sends them with a transaction's commit."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from patt_app.live import listener, read_cache
from patt_app.live.hub import hub
from patt_app.live.notify import announce, notify
from tests.support.waiting import until


@pytest.fixture
def heard(committed: Engine, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    topics: list[str] = []
    monkeypatch.setattr(hub, "received", lambda topic, origin=None: topics.append(topic))
    monkeypatch.setattr(listener, "IDLE_CHECK_SECONDS", 0.5)
    monkeypatch.setattr(listener, "RETRY_SECONDS", (0.2,))
    return topics


def test_topics_sent_from_threads_and_from_the_loop_reach_the_listener(heard: list[str]):
    async def scenario():
        task = asyncio.create_task(listener.listen_for_changes())
        await asyncio.sleep(0.5)  # LISTEN is in place
        thread = threading.Thread(target=notify, args=("schedule",))
        thread.start()
        thread.join()
        notify("campaign:7", "roster")  # on the loop's thread: sent from a worker thread
        await until(lambda: {"schedule", "campaign:7", "roster"} <= set(heard))
        task.cancel()

    asyncio.run(scenario())


def test_the_listener_reconnects_after_losing_its_connection(heard: list[str], committed: Engine):
    async def scenario():
        task = asyncio.create_task(listener.listen_for_changes())
        await asyncio.sleep(0.5)
        with committed.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
                    " AND datname = current_database()"
                )
            ).scalar_one()
        assert killed == 1
        await asyncio.sleep(1.5)  # noticed at the idle check, then reconnected
        await asyncio.to_thread(notify, "events")
        await until(lambda: "events" in heard)
        task.cancel()

    asyncio.run(scenario())


def test_bad_topic_names_are_refused():
    with pytest.raises(ValueError):
        notify("Schedule; DROP")


def test_topics_announced_in_a_transaction_are_sent_at_its_commit_and_never_if_it_fails(
    committed: Engine, announced
):
    with Session(committed) as session:
        announce(session, "signups", "signups:7")
        assert announced() == set()  # not before the commit
        session.commit()
    assert announced() == {"signups", "signups:7"}
    with Session(committed) as session:
        announce(session, "signups")
        session.rollback()
    assert announced() == set()
    with Session(committed) as session, pytest.raises(ValueError):
        announce(session, "Signups; DROP")


def test_the_origin_of_a_change_reaches_the_hub_with_its_topic(
    committed: Engine, monkeypatch: pytest.MonkeyPatch
):
    """The tab that made a change is named on the way (the hub skips it); the worker caches and
    every other tab still hear the plain topic."""
    received: list[tuple[str, str | None]] = []
    cleared: list[str] = []
    monkeypatch.setattr(
        hub, "received", lambda topic, origin=None: received.append((topic, origin))
    )
    monkeypatch.setattr(read_cache, "heard", cleared.append)

    async def scenario():
        task = asyncio.create_task(listener.listen_for_changes())
        await until(lambda: read_cache._listening)
        with Session(committed) as session:
            announce(session, "signups", "signups:7", origin="tab-1/events_state")
            announce(session, "events")
            session.commit()
        await until(lambda: len(received) == 3)
        task.cancel()

    asyncio.run(scenario())
    assert sorted(received, key=lambda r: r[0]) == [
        ("events", None),
        ("signups", "tab-1/events_state"),
        ("signups:7", "tab-1/events_state"),
    ]
    assert sorted(cleared) == ["events", "signups", "signups:7"]
