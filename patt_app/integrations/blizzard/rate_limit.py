"""Staying under Battle.net's limits on purpose, counting what actually leaves.

Battle.net allows 100 requests a second and 36,000 an hour per client.

The per-second limit is kept by `SendWindow`, asked immediately before a request's bytes are
written (the client hooks it into httpcore's "send_request_headers" step). A request counts
from that moment until one second plus `margin` after its write is known done; one still being
written counts as if it were written now. A request may go only while fewer than `limit` count.
Whatever the event loop does meanwhile (a stall between the permission and the write, requests
piling up behind a blocked loop and leaving together), no one-second window of writes can hold
more than `limit` (99): the last request of any such window was let through while all the
others in it were counted. The margin (70 ms) is for the way to the server: requests whose
arrival is delayed unevenly (a busy machine, the network) by up to that still arrive at most
99 in any second. On a quiet machine that is about 92 a second.

Token buckets, taken before that (and not at the write), were not enough: requests took their
tokens on time, then left together after the loop stalled, and the server saw over 100.

The hourly limit is a token bucket (36,000, refilling at 10/s), taken when a request is about
to start. Clocks and sleeps are injectable so both are tested without waiting.
"""

from __future__ import annotations

import asyncio
import bisect
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


class SendWindow:
    """At most `limit` requests written in any `1 + margin` seconds, counting each from its
    permission (`admit`) until its write is known done (`sent`) plus the window."""

    def __init__(
        self,
        *,
        limit: int,
        margin: float = 0.07,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        poll: float = 0.002,
    ) -> None:
        if limit < 1:
            raise ValueError("a window needs room for one request")
        self.limit, self.span = limit, 1.0 + margin
        self._clock, self._sleep, self._poll = clock, sleep, poll
        self._writing = 0  # let through, write not known done yet
        self._written: list[float] = []  # when writes were known done, oldest first
        self._lock = asyncio.Lock()

    def _counted(self, now: float) -> int:
        cut = bisect.bisect_right(self._written, now - self.span)
        del self._written[:cut]
        return self._writing + len(self._written)

    async def admit(self) -> None:
        """Wait until one more request may be written now; it counts from here."""
        async with self._lock:
            while self._counted(now := self._clock()) >= self.limit:
                oldest = self._written[0] + self.span - now if self._written else self._poll
                await self._sleep(max(oldest, self._poll))
            self._writing += 1

    def sent(self) -> None:
        """The write of a request `admit` let through is done (or gave up)."""
        self._writing -= 1
        bisect.insort(self._written, self._clock())


class BattleNetLimiter:
    """Both of Battle.net's limits, plus a cap on requests in flight at once."""

    PER_SECOND = 99
    MARGIN = 0.07
    PER_HOUR = 36_000

    def __init__(
        self,
        *,
        per_second: int = PER_SECOND,
        margin: float = MARGIN,
        per_hour: float = PER_HOUR,
        concurrency: int = 16,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.window = SendWindow(limit=per_second, margin=margin, clock=clock, sleep=sleep)
        self.hour = TokenBucket(rate=per_hour, per=3600, clock=clock, sleep=sleep)
        self.in_flight = asyncio.Semaphore(concurrency)

    async def acquire(self) -> None:
        """Wait until a request may start under the hourly limit (the per-second one is
        `window`, asked at the write)."""
        await self.hour.acquire()
