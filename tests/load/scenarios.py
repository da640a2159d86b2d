"""The people of each scenario, as protocol clients, for the PATT app and for the counter.

(a) members on /schedule toggling a role filter; (b) raid night: members saving availability
and signing up while officers watch /admin/schedule; (c) anonymous visitors sorting /roster;
(d) saturation: the roster sort as fast as answers come. Each has a counter-app twin doing the
same number of events at the same pace; raid night's members have a second twin that writes
one row in PostgreSQL at each click ("counter+db"), the least a save can cost, and a third
whose every other save also redraws the officers' twins on /watch ("counter+db+live").
"""

from __future__ import annotations

import itertools

from patt_app.states.availability import AvailabilityState
from patt_app.states.events import EventsState
from patt_app.states.roster import SORT_KEYS, RosterState
from patt_app.states.schedule import ScheduleState
from patt_app.states.week_view import ROLE_KEYS
from tests.load.accounts import Account
from tests.load.protocol import Message, Tab, state_name
from tests.load.steps import Action, Client

SCHEDULE = state_name(ScheduleState)
AVAILABILITY = state_name(AvailabilityState)
EVENTS = state_name(EventsState)
ROSTER = state_name(RosterState)
COUNTER = "reflex___state____state.counter_app___counter_app____counter_state"
SORTS = tuple(SORT_KEYS)


def _changes(state: str, var: str):
    return lambda m: m.changes(state, var)


def _loaded(state: str):
    """The page's load handler has answered (the first full state still says loaded=False)."""
    return lambda m: m.value(state, "loaded") is True


def _toast(message: Message) -> bool:
    """A member's own save is answered with a toast (saved, or why not); live redraws of the
    same page carry none."""
    return bool(message.events)


def counter_client(base_url: str, event: str = "increment") -> Client:
    """A counter tab clicking `increment` (in memory), `save` (one row written in
    PostgreSQL: the baseline for a member's save) or `save_and_tell` (that, and every
    counter watcher redrawn: the baseline for a save officers' heatmaps show)."""

    def click(tab: Tab, n: int) -> Action:
        told = event == "save_and_tell"
        return Action(f"{COUNTER}.{event}", {}, _changes(COUNTER, "count"), saves=told)

    return Client(Tab(base_url, "/"), lambda m: COUNTER in m.delta, click)


def counter_watcher(base_url: str) -> Client:
    """A counter tab on /watch, only watching `saves_seen` redraw (an officer's twin)."""
    tab = Tab(base_url, "/watch")
    ready = lambda m: m.value(COUNTER, "watching") is True  # noqa: E731
    return Client(tab, ready, _never, _changes(COUNTER, "saves_seen"))


def schedule_member(base_url: str, token: str) -> Client:
    """A member on /schedule, toggling the role filters in turn."""

    def toggle(tab: Tab, n: int) -> Action:
        role = ROLE_KEYS[(n // 2) % len(ROLE_KEYS)]
        return Action(f"{SCHEDULE}.toggle_role", {"role": role}, _changes(SCHEDULE, "roles"))

    return Client(Tab(base_url, "/schedule", token), _loaded(SCHEDULE), toggle)


def heatmap_redraw(message: Message) -> bool:
    """A redraw of the heatmap: some of its rows (`heat_00` …) or its day summary changed."""
    changed = message.delta.get(SCHEDULE, {})
    return any(name.startswith(("heat_", "summary")) for name in changed)


def officer_view(base_url: str, token: str) -> Client:
    """An officer with /admin/schedule open, only watching the heatmap redraw."""
    tab = Tab(base_url, "/admin/schedule", token)
    return Client(tab, _loaded(SCHEDULE), _never, heatmap_redraw)


def _never(tab: Tab, n: int) -> Action:
    raise AssertionError("officer views only watch")


def availability_saver(base_url: str, token: str, day: int) -> Client:
    """A member on /availability changing one evening's length back and forth."""

    def save(tab: Tab, n: int) -> Action:
        hours = "3.5" if n % 2 == 0 else "3"
        return Action(
            f"{AVAILABILITY}.set_hours",
            {"day": day, "value": hours},
            _toast,
            saves=True,
        )

    tab = Tab(base_url, "/availability", token)
    return Client(tab, _loaded(AVAILABILITY), save)


def event_signer(base_url: str, token: str) -> Client:
    """A member on /events signing up for the next raid, then withdrawing, and so on."""

    def sign(tab: Tab, n: int) -> Action:
        event_id = _next_raid(tab)
        if event_id is None:  # nothing to sign up for: behave like a saver instead
            return Action(f"{EVENTS}.reset_calendar", {}, _toast)
        name = "sign_up" if n % 2 == 0 else "withdraw"
        return Action(f"{EVENTS}.{name}", {"event_id": event_id}, _toast)

    return Client(Tab(base_url, "/events", token), _loaded(EVENTS), sign)


def _next_raid(tab: Tab) -> int | None:
    upcoming = tab.value(EVENTS, "upcoming") or []
    return next((e["id"] for e in upcoming if e.get("can_change")), None)


def roster_visitor(base_url: str) -> Client:
    """An anonymous visitor sorting the public roster by each column in turn."""

    def sort(tab: Tab, n: int) -> Action:
        key = SORTS[n % len(SORTS)]
        return Action(f"{ROSTER}.sort", {"key": key}, lambda m: ROSTER in m.delta)

    return Client(Tab(base_url, "/roster"), _loaded(ROSTER), sort)


def raid_night(
    base_url: str, members: list[tuple[Account, str]], officers: list[tuple[Account, str]]
) -> list[Client]:
    """Half the members save availability, half sign up; the officers watch the heatmap."""
    days = itertools.cycle(range(7))
    clients = [
        availability_saver(base_url, token, next(days))
        if i % 2 == 0
        else event_signer(base_url, token)
        for i, (_, token) in enumerate(members)
    ]
    return clients + [officer_view(base_url, token) for _, token in officers]
