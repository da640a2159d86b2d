"""Battle.net's limits kept: 100 a second (the send window lets 99 through in any 1.07 s,
counted at the write) and 36,000 an hour (a token bucket), measured on a fake clock so the
hourly test takes no hour and the stalls cost nothing."""

import asyncio

from patt_app.integrations.blizzard.rate_limit import BattleNetLimiter, SendWindow, TokenBucket


class FakeClock:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self):
        self.now = 0.0
        self.starts: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def _start_times(limiter, count, clock):
    async def go():
        for _ in range(count):
            await limiter.acquire()
            clock.starts.append(clock.now)

    asyncio.run(go())
    return clock.starts


def _most_in_any_window(starts, width):
    most, left = 0, 0
    for right, moment in enumerate(starts):
        while starts[left] <= moment - width:
            left += 1
        most = max(most, right - left + 1)
    return most


def _write_times(window, count, clock, stall):
    """`count` requests through `window`, 16 at a time; each is written `stall()` seconds of
    the fake clock after its permission (the loop busy elsewhere meanwhile)."""
    writes: list[float] = []

    async def one():
        await window.admit()
        await clock.sleep(stall())
        writes.append(clock.now)
        window.sent()

    async def go():
        gate = asyncio.Semaphore(16)

        async def gated():
            async with gate:
                await one()

        await asyncio.gather(*(gated() for _ in range(count)))

    asyncio.run(go())
    return sorted(writes)


def test_per_second_never_more_than_99_in_any_1_07_seconds_and_at_least_90_on_average():
    clock = FakeClock()
    window = BattleNetLimiter(clock=clock, sleep=clock.sleep).window
    writes = _write_times(window, 1000, clock, stall=lambda: 0.0005)
    assert _most_in_any_window(writes, 1.07) <= 99
    rate = (len(writes) - 1) / (writes[-1] - writes[0])
    assert 90 <= rate <= 99


def test_requests_let_through_on_time_but_written_late_together_still_count():
    """99 permissions at once, then the loop stalls and all 99 leave together 0.8 s later: the
    100th may not leave until a second (and the margin) after them, not after the permissions."""
    clock = FakeClock()
    window = SendWindow(limit=99, margin=0.07, clock=clock, sleep=clock.sleep)

    async def go():
        for _ in range(99):
            await window.admit()
        clock.now = 0.8  # the stall: every write happens now
        for _ in range(99):
            window.sent()
        await window.admit()
        return clock.now

    next_write = asyncio.run(go())
    assert next_write >= 0.8 + 1.07 - 1e-9


def test_per_hour_36000_then_it_waits_for_the_bucket_to_refill():
    clock = FakeClock()
    hour = TokenBucket(rate=36_000, per=3600, clock=clock, sleep=clock.sleep)
    starts = _start_times(hour, 36_010, clock)
    assert starts[35_999] == 0.0  # the whole hour's allowance is there
    assert abs(starts[36_000] - 0.1) < 1e-6  # then 10 a second: one every 0.1 s
    assert abs(starts[36_009] - 1.0) < 1e-6


def test_the_hourly_limit_holds_back_a_fast_client_over_two_hours():
    clock = FakeClock()
    limiter = BattleNetLimiter(clock=clock, sleep=clock.sleep)
    starts = _start_times(limiter, 80_000, clock)
    assert _most_in_any_window(starts, 3600.0) <= 72_000  # burst + one hour's refill at most
    after_first_hour = [s for s in starts if 3600 <= s < 7200]
    assert len(after_first_hour) <= 36_001


def test_concurrent_waiters_are_all_served():
    clock = FakeClock()
    bucket = TokenBucket(rate=10, clock=clock, sleep=clock.sleep)

    async def go():
        await asyncio.gather(*(bucket.acquire() for _ in range(25)))

    asyncio.run(go())
    assert abs(clock.now - 1.5) < 1e-6  # 10 at once, then 15 more at 10 a second
