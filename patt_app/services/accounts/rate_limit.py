"""A sliding-window counter of failed attempts, per key (a client address or a username)."""

from __future__ import annotations

import threading
from collections import defaultdict, deque


class AttemptLimiter:
    """Allows at most `limit` recorded failures per key within `window_seconds`.

    Pure bookkeeping: the caller passes `now` (seconds, monotonic or epoch) every time.
    Thread-safe, kept in memory: counts are per web process.
    """

    def __init__(self, *, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def blocked(self, keys: list[str], now: float) -> bool:
        """True when any key has used up its attempts."""
        with self._lock:
            return any(len(self._trim(key, now)) >= self.limit for key in keys)

    def record_failure(self, keys: list[str], now: float) -> None:
        """Count one failed attempt against every key."""
        with self._lock:
            for key in keys:
                self._trim(key, now).append(now)

    def reset(self, keys: list[str]) -> None:
        """Forget a key's failures (after a successful login)."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
