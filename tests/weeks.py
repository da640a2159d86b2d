"""Weeks tests name relative to the (possibly moved, see conftest) clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def next_week() -> str:
    """Monday of next week (ISO): a week whose nights are all still ahead."""
    today = datetime.now(UTC).date()
    return (today + timedelta(days=7 - today.weekday())).isoformat()
