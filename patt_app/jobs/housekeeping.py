"""The housekeeping jobs: each opens its own transaction and returns a one-line result."""

from __future__ import annotations

from datetime import datetime

from patt_app.db import call_in_session
from patt_app.services.accounts.login_throttle import purge_old_failures
from patt_app.services.operations.housekeeping import guild_pulse, purge_expired


def guild_pulse_job(now: datetime) -> str:
    return call_in_session(guild_pulse, now=now).summary()


def purge_expired_job(now: datetime) -> str:
    call_in_session(purge_old_failures, now=now)  # login counters untouched for a day
    return call_in_session(purge_expired, now=now).summary()
