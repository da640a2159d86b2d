"""The runner's and the bot's "wait until woken or N seconds" never loses a cancellation: with
`asyncio.wait_for`, a task cancelled as its event was set went on looping (a runner that did
not stop when told; a test hung on it)."""

from __future__ import annotations

import asyncio

from patt_app.integrations.waiting import woken_within


def test_woken_or_timed_out():
    async def scenario():
        event = asyncio.Event()
        assert await woken_within(event, 0.01) is False
        event.set()
        assert await woken_within(event, 10) is True

    asyncio.run(scenario())


def test_a_loop_cancelled_as_it_is_woken_stops():
    async def scenario() -> bool:
        event = asyncio.Event()

        async def wake_loop() -> None:
            while True:
                await woken_within(event, 10)
                event.clear()

        task = asyncio.create_task(wake_loop())
        await asyncio.sleep(0.01)
        event.set()  # woken…
        await asyncio.sleep(0)
        task.cancel()  # …and told to stop, at once
        done, _ = await asyncio.wait({task}, timeout=5)
        if not done:
            task.cancel()
        return bool(done)

    assert asyncio.run(scenario()), "the loop lost its cancellation and kept running"
