"""The housekeeping jobs: each opens its own transaction and returns a one-line result."""

from __future__ import annotations

from datetime import datetime

from patt_app.db import call_in_session
from patt_app.services.operations.housekeeping import guild_pulse, purge_expired


def guild_pulse_job(now: datetime) -> str:
    return call_in_session(guild_pulse, now=now).summary()


def purge_expired_job(now: datetime) -> str:
    return call_in_session(purge_expired, now=now).summary()
