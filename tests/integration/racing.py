"""Run functions at the same moment on threads, or one while another's transaction is held
open, and make every thread's outcome count."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session

TIMEOUT_SECONDS = 30


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Start `calls` on threads released together; return their results in order.

    A thread that raises fails the test with its exception; one that does not finish in time
    fails it too (no outcome may go missing)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException | None] = [None] * len(calls)
    finished = [False] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=TIMEOUT_SECONDS)
            results[index] = call()
        except BaseException as error:  # reported to the test below
            errors[index] = error
        finally:
            finished[index] = True

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT_SECONDS)
    stuck = [i for i, thread in enumerate(threads) if thread.is_alive() or not finished[i]]
    assert not stuck, f"threads {stuck} did not finish within {TIMEOUT_SECONDS} s"
    for error in errors:
        if error is not None:
            raise AssertionError(f"a racing thread raised {error!r}") from error
    return results


def waiting_on_a_lock(engine: Engine, kind: str | None = None) -> bool:
    """Whether a connection to the test database waits on a lock (a row, an index entry, an
    advisory lock; only of `kind`, e.g. "advisory", when given)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND (CAST(:kind AS text) IS NULL OR wait_event = :kind)"
    )
    with engine.connect() as conn:
        return bool(conn.execute(query, {"kind": kind}).scalar_one())


def until_one_waits_on_a_lock(
    engine: Engine, thread: threading.Thread | None, outcome: object, kind: str | None = None
) -> None:
    """Poll until a connection waits on a lock (`waiting_on_a_lock`). Fails after
    TIMEOUT_SECONDS, or when `thread` (the one expected to wait, if the test has it) ended
    first: `outcome`, what it left behind, is in the message."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not waiting_on_a_lock(engine, kind):
        assert time.monotonic() < deadline, f"nothing waited on a lock: {outcome}"
        assert thread is None or thread.is_alive(), f"it did not wait: {outcome}"
        time.sleep(0.05)


def second_waits_for_first(
    engine: Engine,
    first: Callable[[Session], Any],
    second: Callable[[], Any],
    kind: str | None = None,
) -> object:
    """`first(session)` in a transaction held open; `second()` on a thread, which must come to
    wait on a lock; then the first commits. Returns what the second returned or raised."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["second"] = second()
        except Exception as error:  # what the person would have been shown
            outcome["second"] = error

    with Session(engine) as session:
        first(session)
        thread = threading.Thread(target=run)
        thread.start()
        until_one_waits_on_a_lock(engine, thread, outcome, kind)
        session.commit()
    thread.join(TIMEOUT_SECONDS)
    assert not thread.is_alive()
    return outcome["second"]
