"""The race helper itself: a thread's exception or a missing outcome fails the test."""

import pytest

from tests.integration import racing


def test_results_come_back_in_order():
    assert racing.run_together(lambda: 1, lambda: 2) == [1, 2]


def test_a_thread_that_raises_fails_the_test():
    def boom():
        raise RuntimeError("lost update")

    with pytest.raises(AssertionError, match="lost update"):
        racing.run_together(lambda: 1, boom)


def test_a_thread_that_never_finishes_fails_the_test(monkeypatch):
    import threading

    monkeypatch.setattr(racing, "TIMEOUT_SECONDS", 0.2)
    release = threading.Event()
    try:
        with pytest.raises(AssertionError, match="did not finish"):
            racing.run_together(lambda: 1, lambda: release.wait(5))
    finally:
        release.set()
