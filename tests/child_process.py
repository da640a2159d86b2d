"""The environment of a program a test starts (the app, a bot, a runner): the test's own, with
its clock moved too when the session runs with PATT_TEST_NOW (tests/conftest.py), so a child
and the test agree on what "now" is."""

from __future__ import annotations

import os
import time
from pathlib import Path

TIME_TRAVEL = Path(__file__).resolve().parent / "support" / "timetravel"


def child_env(**extra: str) -> dict[str, str]:
    """`os.environ` with `extra`; with PATT_TEST_NOW set, the child's clock runs the same
    distance ahead of the real one as the test's (support/timetravel/sitecustomize.py), so
    children started at different moments, however slowly, agree with the test and each other."""
    env = {**os.environ, **extra}
    if env.get("PATT_TEST_NOW", "").strip():
        from time_machine import escape_hatch  # the session is travelling: the real clock

        env["PATT_TEST_CLOCK_OFFSET"] = repr(time.time() - escape_hatch.time.time())
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(TIME_TRAVEL), env.get("PYTHONPATH", "")) if p
        )
    return env
