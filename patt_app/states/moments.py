"""How a state hands a moment to the page: an ISO 8601 instant that the browser formats in
the viewer's zone and style (components/local_time.py). States never format times themselves."""

from __future__ import annotations

from datetime import datetime


def instant(moment: datetime | None) -> str:
    """The instant for the page ("" when there is none; the page shows its `empty` text)."""
    return moment.isoformat() if moment else ""
