"""Only what changed goes to the browser.

Reflex sends a tab every field a handler set, whether or not its value changed. A live redraw
re-reads what a page shows, and most of it is the same as before (a ballot changes the
standings, not the entries and their descriptions; a Discord member sync changes nothing on
the public roster): `assign_changed` sets only the fields whose value differs, so the tab is
sent just those.
"""

from __future__ import annotations

from typing import Any


def assign_changed(state: Any, **values: Any) -> None:
    """Give `state` these field values, setting only those that differ from what it holds."""
    for name, value in values.items():
        if getattr(state, name) != value:
            setattr(state, name, value)
