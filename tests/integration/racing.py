"""Run functions at the same moment on threads, and make every thread's outcome count."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

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
