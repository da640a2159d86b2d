"""The campaign lifecycle as a pure rule: draft → live → closed, from the clock and the turnout."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from patt_app.services.campaigns.scoring import VoteStats

STATUS_ORDER = {"live": 0, "draft": 1, "closed": 2, "archived": 3}


class _HasStatus(Protocol):
    @property
    def status(self) -> str: ...


C = TypeVar("C", bound=_HasStatus)


def by_status(campaigns: Iterable[C]) -> list[C]:
    """Live first, then drafts, closed and archived; the order given kept within each."""
    return sorted(campaigns, key=lambda c: STATUS_ORDER.get(c.status, 9))


def end_of(start_at: datetime, duration_hours: int) -> datetime:
    return start_at + timedelta(hours=duration_hours)


def next_status(
    *,
    status: str,
    start_at: datetime,
    duration_hours: int,
    early_close: bool,
    stats: VoteStats,
    now: datetime,
) -> str | None:
    """The status the campaign should move to now, or None to stay as it is.

    draft whose start has come → live; live past its end → closed; live with every eligible voter
    voted and early close on → closed. Closed and archived campaigns never move by themselves."""
    if status == "draft":
        return "live" if now >= start_at else None
    if status != "live":
        return None
    if now >= end_of(start_at, duration_hours):
        return "closed"
    if early_close and stats.everyone_voted:
        return "closed"
    return None
