"""The contest agent's decision, pure: which one event (if any) to post about a campaign now.

Events by importance (the agent posts at most one per check, the most important one):
all_voted > campaign_closed > lead_change > last_call (≤ 1 h left) > final_stretch (≤ 24 h left)
> milestone_75 > milestone_50 > milestone_25 > first_vote > campaign_launch.

Each event is posted once per campaign, except lead_change, which posts again whenever the
leader differs from the one named in the agent's latest post. The chattiness says which events
the agent posts at all. An event overtaken by a later one of its kind is not posted any more
(no "halfway there" after "75 % have voted", no "24 hours left" after the last call, no
"first vote" after a milestone), and nothing follows the closing post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

PRIORITY: tuple[str, ...] = (
    "all_voted",
    "campaign_closed",
    "lead_change",
    "last_call",
    "final_stretch",
    "milestone_75",
    "milestone_50",
    "milestone_25",
    "first_vote",
    "campaign_launch",
)

# What each post announces, as officers read it on /admin/jobs.
EVENT_LABELS: dict[str, str] = {
    "all_voted": "everyone has voted",
    "campaign_closed": "voting closed",
    "lead_change": "a new leader",
    "last_call": "last call",
    "final_stretch": "the final stretch",
    "milestone_75": "three quarters have voted",
    "milestone_50": "half have voted",
    "milestone_25": "a quarter have voted",
    "first_vote": "the first vote",
    "campaign_launch": "voting opened",
}

CHATTINESS_EVENTS: dict[str, frozenset[str]] = {
    "quiet": frozenset({"campaign_launch", "campaign_closed"}),
    "normal": frozenset(
        {
            "campaign_launch",
            "first_vote",
            "milestone_50",
            "final_stretch",
            "last_call",
            "all_voted",
            "campaign_closed",
        }
    ),
    "hype": frozenset(PRIORITY),
}

# Once the key has been posted, the events in its value are stale.
OVERTAKES: dict[str, frozenset[str]] = {
    "all_voted": frozenset({"milestone_75", "milestone_50", "milestone_25", "first_vote"}),
    "milestone_75": frozenset({"milestone_50", "milestone_25", "first_vote"}),
    "milestone_50": frozenset({"milestone_25", "first_vote"}),
    "milestone_25": frozenset({"first_vote"}),
    "last_call": frozenset({"final_stretch"}),
    "campaign_closed": frozenset(PRIORITY),
}

LAST_CALL = timedelta(hours=1)
FINAL_STRETCH = timedelta(hours=24)


@dataclass(frozen=True)
class Situation:
    """What the agent sees about one campaign at a check."""

    status: str  # "live" or "closed"
    end_at: datetime
    eligible: int
    voted: int
    leader_entry_id: int | None  # the entry in front (None before any vote)
    now: datetime

    @property
    def percent(self) -> float:
        return self.voted * 100 / self.eligible if self.eligible else 0.0


def happening(situation: Situation, last_leader_entry_id: int | None) -> set[str]:
    """Every event whose condition holds now (before chattiness and de-duplication)."""
    s = situation
    events = {"campaign_launch"}
    if s.status == "closed":
        events.add("campaign_closed")
    if s.eligible and s.voted >= s.eligible:
        events.add("all_voted")
    if s.voted >= 1:
        events.add("first_vote")
    for threshold in (25, 50, 75):
        if s.eligible and s.percent >= threshold:
            events.add(f"milestone_{threshold}")
    if s.status == "live":
        left = s.end_at - s.now
        if timedelta(0) < left <= LAST_CALL:
            events.add("last_call")
        elif LAST_CALL < left <= FINAL_STRETCH:
            events.add("final_stretch")
        if (
            s.leader_entry_id is not None
            and last_leader_entry_id is not None
            and s.leader_entry_id != last_leader_entry_id
        ):
            events.add("lead_change")
    return events


def decide(
    *,
    situation: Situation,
    chattiness: str,
    posted: set[str],
    last_leader_entry_id: int | None,
) -> str | None:
    """The one event to post now, or None. `posted` holds the event types already in the log;
    `last_leader_entry_id` is the leader recorded with the agent's latest post."""
    allowed = CHATTINESS_EVENTS.get(chattiness, CHATTINESS_EVENTS["normal"])
    stale = set().union(*(OVERTAKES.get(event, frozenset()) for event in posted))
    candidates = happening(situation, last_leader_entry_id) & allowed
    for event in PRIORITY:
        if event not in candidates or event in stale:
            continue
        if event in posted and event != "lead_change":
            continue
        return event
    return None
