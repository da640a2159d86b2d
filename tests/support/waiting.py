"""Waiting for what a test expects to happen, on an event loop: polls `condition` until it
holds, failing after `seconds` (generous: a loaded CI machine is slow, never idle)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(condition: Callable[[], object], seconds: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"not within {seconds:g} s")
        await asyncio.sleep(0.01)
