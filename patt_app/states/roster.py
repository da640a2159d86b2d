"""State of the public roster page: the rows, and how the visitor sorts and filters them."""

from __future__ import annotations

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.topics import Topic
from patt_app.services.players.roster import RosterEntry, list_roster
from patt_app.states.changed_fields import assign_changed

ALL = "all"
SORT_KEYS = {
    "name": lambda r: (r.display_name.casefold(),),
    "class": lambda r: (r.class_name, r.spec_name),
    "role": lambda r: (r.role_name,),
    "item_level": lambda r: (r.item_level or 0,),
    "rank": lambda r: (r.rank_level,),
}


class RosterState(rx.State):
    """The public roster."""

    rows: list[RosterEntry] = []
    loaded: bool = False
    sort_by: str = "rank"
    sort_descending: bool = True
    role_filter: str = ALL
    class_filter: str = ALL
    search: str = ""

    @rx.event
    async def load(self):
        """Read the roster from the database."""
        self.rows = await run_in_session(list_roster)
        self.loaded = True
        await subscribe(self, Topic.ROSTER)

    async def _on_live(self, topics: list[str]) -> None:
        """Players, characters or ranks changed somewhere: re-read the roster (sent to the
        browser only if a row changed)."""
        assign_changed(self, rows=await run_in_session(list_roster))

    @rx.event
    def sort(self, key: str):
        """Sort by a column; choosing the same column again flips the direction."""
        if key not in SORT_KEYS:
            return
        if key == self.sort_by:
            self.sort_descending = not self.sort_descending
        else:
            self.sort_by = key
            self.sort_descending = key in ("item_level", "rank")

    @rx.event
    def set_role_filter(self, value: str):
        self.role_filter = value

    @rx.event
    def set_class_filter(self, value: str):
        self.class_filter = value

    @rx.event
    def set_search(self, value: str):
        self.search = value.strip()[:40]

    @rx.event
    def clear_filters(self):
        self.role_filter = ALL
        self.class_filter = ALL
        self.search = ""

    @rx.var
    def class_options(self) -> list[str]:
        """The classes present on the roster, for the class filter."""
        return [ALL, *sorted({r.class_name for r in self.rows})]

    @rx.var
    def visible_order(self) -> list[int]:
        """Which rows show, in what order: indices into `rows`, after filters and sorting (ties
        keep rank then name order). Sorting or filtering sends only this short list, not the
        rows again: the browser already has them."""
        needle = self.search.casefold()
        # the plain list, not Reflex's change-tracking proxy of it: reading through the proxy
        # wraps every row and field on each access (most of a sort's cost, measured)
        rows = getattr(self.rows, "__wrapped__", self.rows)
        role, klass = self.role_filter, self.class_filter
        shown = [
            i
            for i, r in enumerate(rows)
            if (role == ALL or r.role_key == role)
            and (klass == ALL or r.class_name == klass)
            and (
                not needle
                or needle in r.display_name.casefold()
                or needle in r.character_name.casefold()
            )
        ]
        key = SORT_KEYS.get(self.sort_by, SORT_KEYS["rank"])
        shown.sort(key=lambda i: rows[i].display_name.casefold())
        return sorted(shown, key=lambda i: key(rows[i]), reverse=self.sort_descending)

    @property
    def visible_rows(self) -> list[RosterEntry]:
        """The rows as shown (for code and tests; the page uses `visible_order`)."""
        return [self.rows[i] for i in self.visible_order]

    @rx.var
    def count_label(self) -> str:
        shown, total = len(self.visible_order), len(self.rows)
        return f"{total} raiders" if shown == total else f"{shown} of {total} raiders"
