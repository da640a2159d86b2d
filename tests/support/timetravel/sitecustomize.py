"""Moves the clock of every Python process started with this folder on PYTHONPATH: the e2e
suite puts it there for the app (and its server workers) when PATT_TEST_NOW is set, so the
browser flows that show dates can be tried in any week of the year, like the other suites."""

import os

_when = os.environ.get("PATT_TEST_NOW", "").strip()
if _when:
    from datetime import datetime

    import time_machine

    time_machine.travel(datetime.fromisoformat(_when.replace("Z", "+00:00")), tick=True).start()
