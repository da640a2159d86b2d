"""Moves the clock of every Python process started with this folder on PYTHONPATH
(tests/child_process.py puts it there when PATT_TEST_NOW is set), so the app, a bot or a runner
a test starts agrees with the test's moved clock: PATT_TEST_CLOCK_OFFSET seconds ahead of the
real clock when the test passed it, else starting at PATT_TEST_NOW."""

import os

_when = os.environ.get("PATT_TEST_NOW", "").strip()
if _when:
    import time
    from datetime import UTC, datetime

    import time_machine

    _offset = os.environ.get("PATT_TEST_CLOCK_OFFSET", "").strip()
    _start = (
        datetime.fromtimestamp(time.time() + float(_offset), UTC)
        if _offset
        else datetime.fromisoformat(_when.replace("Z", "+00:00"))
    )
    time_machine.travel(_start, tick=True).start()
