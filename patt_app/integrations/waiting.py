"""Waiting for a wake-up or a timeout, whichever comes first, without losing a cancellation.

The runner and the Discord bot loop on "wait until woken, at most N seconds". Written with
`asyncio.wait_for(event.wait(), N)`, Python 3.11 loses a cancellation that arrives as the
event is set: `wait_for` returns the event's result instead of raising, and the loop goes on
forever — a runner that never stops when told (seen as a test hanging). `asyncio.timeout`
does not lose it.
"""

from __future__ import annotations

import asyncio


async def woken_within(event: asyncio.Event, seconds: float) -> bool:
    """Wait until `event` is set (True) or `seconds` have passed (False); a cancellation of
    the waiting task always propagates."""
    try:
        async with asyncio.timeout(seconds):
            await event.wait()
    except TimeoutError:
        return False
    return True
