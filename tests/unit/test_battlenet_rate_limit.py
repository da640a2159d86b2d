"""The token buckets keep Battle.net's limits: 100 a second (we aim at 93 with a burst of 3)
and 36,000 an hour, measured on a fake clock so the hourly test takes no hour."""

import asyncio

from patt_app.integrations.blizzard.rate_limit import BattleNetLimiter, TokenBucket


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


def test_per_second_never_more_than_100_in_any_second_and_at_least_90_on_average():
    clock = FakeClock()
    limiter = BattleNetLimiter(clock=clock, sleep=clock.sleep)
    starts = _start_times(limiter, 1000, clock)
    assert _most_in_any_window(starts, 1.0) <= 96
    rate = (len(starts) - 1) / (starts[-1] - starts[0])
    assert 90 <= rate <= 93.5


def test_per_hour_36000_then_it_waits_for_the_bucket_to_refill():
    clock = FakeClock()
    hour = TokenBucket(rate=36_000, per=3600, clock=clock, sleep=clock.sleep)
    starts = _start_times(hour, 36_010, clock)
    assert starts[35_999] == 0.0  # the whole hour's allowance is there
    assert abs(starts[36_000] - 0.1) < 1e-6  # then 10 a second: one every 0.1 s
    assert abs(starts[36_009] - 1.0) < 1e-6


def test_the_hourly_limit_holds_back_a_fast_client_over_two_hours():
    clock = FakeClock()
    limiter = BattleNetLimiter(per_second=1000, burst=1000, clock=clock, sleep=clock.sleep)
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
