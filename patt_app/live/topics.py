"""Every live-update topic, declared once: `notify`, `announce`, `subscribe`, the officer
screens' `changes_topics` / `live_topics` and the worker caches name them from here, so a
misspelt topic is an AttributeError when its module is imported (and a mypy error), not a
screen that silently never redraws. tests/unit/test_live_topics.py checks that no call site
names a topic as a bare string.

A topic is a `Topic` (what every view of a kind of data hears) or one of `signups_topic` /
`campaign_topic` (what the views of one member's sign-ups, or of one campaign, hear).
"""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    """The topics of the whole guild's data. Their values are what PostgreSQL carries."""

    # Announced by the database itself: triggers on their tables send them when a change
    # commits (migration 0013), so no code notifies them; they also empty the worker caches.
    SCHEDULE = "schedule"  # availability, away periods, players, ranks, specs, roles
    VIEWERS = "viewers"  # sessions, accounts, players, ranks: who is behind a session token
    # Sent with `notify` / `announce` after a change.
    ROSTER = "roster"  # players, characters, ranks
    EVENTS = "events"  # raid events, attendance, anything every member's raid list shows
    SIGNUPS = "signups"  # a sign-up changed: the officers' event and attendance screens
    JOBS = "jobs"  # background job runs
    SYNC = "sync"  # Battle.net sync progress and runs
    DISCORD = "discord"  # the bot's status, its posts and DMs, its member syncs
    CAMPAIGNS = "campaigns"  # a campaign opened, closed, was created or edited: the lists
    APPEALS = "appeals"  # a member appealed their record, or an officer answered


# The topics about one thing, "<kind>:<id>".
SCOPED_KINDS = frozenset({"signups", "campaign", "schedule"})
# Kinds whose scoped topics every view of the kind hears: "schedule:<player id>", announced by
# the database when one player's availability or away periods change (migration 0024),
# redraws every schedule view, while the worker caches re-read that one player.
HEARD_BY_THE_KIND = frozenset({"schedule"})


def signups_topic(player_id: int) -> str:
    """The topic of one member's own sign-ups (their other tabs redraw; nobody else's)."""
    return f"signups:{int(player_id)}"


def campaign_topic(campaign_id: int) -> str:
    """The topic of one campaign: its ballots, entries, status and the agent's log."""
    return f"campaign:{int(campaign_id)}"


def heard_as(topic: str) -> str:
    """The topic the views subscribed to hear `topic` under: "schedule:<id>" → "schedule";
    any other topic is itself."""
    kind, scoped, _ = topic.partition(":")
    return kind if scoped and kind in HEARD_BY_THE_KIND else topic


def is_declared(topic: str) -> bool:
    """A `Topic`'s value, or "<scoped kind>:<id>"."""
    kind, scoped, _ = topic.partition(":")
    return kind in SCOPED_KINDS if scoped else topic in Topic.__members__.values()
