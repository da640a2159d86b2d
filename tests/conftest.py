"""Suite-wide settings.

PATT_TEST_NOW=2027-03-20T18:00:00Z runs the whole session with the clock moved to that instant
(time-machine, ticking from there), so the suite can be tried in any week of the year:
`make timetravel` runs unit + integration once per date in TIMETRAVEL_DATES. The database
server's own clock is not moved; the app always passes `now` from Python.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime

import pytest
import time_machine

from patt_app.services.accounts import passwords

# Passwords in the suite are hashed with the cheapest argon2 parameters: about 1 ms a login
# instead of 0.2 s, which the login-limit tests (dozens of logins each) and `make mutate` (the
# account tests again for every mutant) spend thousands of times. The app keeps its own
# parameters: tests/unit/test_passwords.py checks them in a fresh process.
passwords._context.update(argon2__memory_cost=1024, argon2__rounds=1, argon2__parallelism=1)

TEST_NOW = os.environ.get("PATT_TEST_NOW", "").strip()
_travel: time_machine.travel | None = None


def travel_destination() -> datetime | None:
    """The instant the session was moved to, if any."""
    return datetime.fromisoformat(TEST_NOW.replace("Z", "+00:00")) if TEST_NOW else None


def pytest_configure(config: pytest.Config) -> None:
    global _travel
    destination = travel_destination()
    if destination is not None and _travel is None:
        _travel = time_machine.travel(destination, tick=True)
        _travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _travel
    if _travel is not None:
        _travel.stop()
        _travel = None


def pytest_report_header(config: pytest.Config) -> str | None:
    return f"clock moved to {TEST_NOW} (PATT_TEST_NOW)" if TEST_NOW else None


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start every session with empty lru caches in the services. `make mutate` forks each
    mutant's test run from a process that has already run the tests: a result cached there
    (local_to_utc, week_grid, …) would hide the mutant."""
    for name, module in list(sys.modules.items()):
        if name.startswith("patt_app.services.") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
