"""Staying under Battle.net's limits on purpose: async token buckets, not sleeps between batches.

Battle.net allows 100 requests a second and 36,000 an hour per client. `BattleNetLimiter` holds
one bucket for each, and a request goes out only when both have a token. The per-second bucket
refills at 93/s with room for a burst of 3, so no one-second window (as the server counts it,
give or take network jitter) sees more than about 96; the hourly bucket holds 36,000 and refills
at 10/s. The clock and the sleep are injectable so the hourly limit is tested without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class TokenBucket:
    """`rate` tokens per `per` seconds, holding at most `capacity`; starts full. Waiters are
    served in arrival order (one asyncio.Lock), so nobody starves."""

    def __init__(
        self,
        *,
        rate: float,
        per: float = 1.0,
        capacity: float | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0 or per <= 0:
            raise ValueError("a bucket needs a positive rate")
        self.refill_per_second = rate / per
        self.capacity = float(capacity if capacity is not None else rate)
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.capacity
        self._updated = clock()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self._clock()
        elapsed = max(0.0, now - self._updated)
        self._tokens = min(self.capacity, self._tokens + elapsed * self.refill_per_second)
        self._updated = now

    def wait_time(self) -> float:
        """Seconds until one token is available (0 when one is there now)."""
        self._refill()
        missing = 1.0 - self._tokens
        # (a hair short of a token counts as one: float rounding must not spin forever)
        return 0.0 if missing <= 1e-9 else missing / self.refill_per_second

    async def acquire(self) -> None:
        """Take one token, waiting for it if the bucket is empty."""
        async with self._lock:
            while (delay := self.wait_time()) > 0:
                await self._sleep(delay)
            self._tokens -= 1.0


class BattleNetLimiter:
    """Both of Battle.net's limits, plus a cap on requests in flight at once."""

    PER_SECOND = 93
    BURST = 3
    PER_HOUR = 36_000

    def __init__(
        self,
        *,
        per_second: float = PER_SECOND,
        burst: float = BURST,
        per_hour: float = PER_HOUR,
        concurrency: int = 16,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.second = TokenBucket(rate=per_second, capacity=burst, clock=clock, sleep=sleep)
        self.hour = TokenBucket(rate=per_hour, per=3600, clock=clock, sleep=sleep)
        self.in_flight = asyncio.Semaphore(concurrency)

    async def acquire(self) -> None:
        """Wait until a request may start under both limits (the hourly one first, so a
        request held back by it does not waste a per-second token)."""
        await self.hour.acquire()
        await self.second.acquire()
