"""What the contest agent says: a pool of playful templates per event, and the embed to post.

`post_for(...)` is pure and returns a plain `AgentPost` (title, description, colour, channel):
whatever posts to Discord takes it as it is. A null channel means the guild's default
announcement channel.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

GOLD = "#D4A84B"


@dataclass(frozen=True)
class Facts:
    """What the templates may mention."""

    title: str
    voted: int
    eligible: int
    leader: str  # "" before any vote
    hours_left: int
    link: str  # the vote page, absolute when the site's address is known

    @property
    def percent(self) -> int:
        return self.voted * 100 // self.eligible if self.eligible else 0


@dataclass(frozen=True)
class AgentPost:
    """A Discord embed as plain data."""

    event_type: str
    title: str
    description: str
    colour: str
    channel_id: str | None


TITLES: dict[str, str] = {
    "campaign_launch": "🗳️ Voting is open: {title}",
    "first_vote": "✨ First vote is in — {title}",
    "milestone_25": "📈 A quarter of the guild has voted — {title}",
    "milestone_50": "⚖️ Halfway there — {title}",
    "milestone_75": "🔥 Three quarters in — {title}",
    "final_stretch": "⏳ Final stretch — {title}",
    "last_call": "🚨 Last call — {title}",
    "lead_change": "👑 New leader — {title}",
    "all_voted": "🎉 Everyone has voted — {title}",
    "campaign_closed": "🏆 The votes are counted — {title}",
}

TEMPLATES: dict[str, tuple[str, ...]] = {
    "campaign_launch": (
        "The ballot box is open! Rank your favourites for **{title}** and make your voice heard: {link}",
        "Gather round, adventurers — **{title}** is live. Three picks, one ballot, eternal glory. {link}",
        "Polish your monocles: voting for **{title}** has begun. Choose wisely! {link}",
        "Hear ye, hear ye! **{title}** is open for votes. The guild awaits your verdict: {link}",
        "New vote just dropped: **{title}**. Grab a flask and cast your ballot. {link}",
    ),
    "first_vote": (
        "Someone couldn't wait — the first ballot for **{title}** is in! Who's next? {link}",
        "And we're off! First vote cast in **{title}**. Don't let them have all the fun: {link}",
        "The first brave soul has voted in **{title}**. The pull timer is running… {link}",
        "Ballot number one is in the box for **{title}**. Your turn! {link}",
    ),
    "milestone_25": (
        "{voted} of {eligible} have voted in **{title}** — a quarter of the raid is buffed. {link}",
        "25 % turnout for **{title}**! The trash pack is down, now for the boss. {link}",
        "A quarter of you have spoken on **{title}** ({voted}/{eligible}). Keep it coming! {link}",
    ),
    "milestone_50": (
        "Halfway! {voted} of {eligible} ballots are in for **{title}**. {leader_line} {link}",
        "50 % of the guild has voted on **{title}** — phase two begins. {leader_line} {link}",
        "The boss is at half health: {voted}/{eligible} votes in **{title}**. {leader_line} {link}",
        "Half the guild has weighed in on **{title}**. Where's the other half? {link}",
    ),
    "milestone_75": (
        "{percent} % turnout for **{title}**! Three quarters in — stragglers, this is your cue. {link}",
        "{voted} of {eligible} have voted on **{title}**. Execute phase: the last few, go go go! {link}",
        "Three quarters of the guild has voted in **{title}**. {leader_line} {link}",
    ),
    "final_stretch": (
        "About {hours_left} hours left to vote in **{title}**. Don't be the one who forgot! {link}",
        "The hourglass is turning: **{title}** closes in about {hours_left} hours. {link}",
        "Final stretch for **{title}** — {voted} of {eligible} have voted. Are you one of them? {link}",
        "Less than a day to go on **{title}**. Get your ballot in before the doors close! {link}",
    ),
    "last_call": (
        "LAST CALL! **{title}** closes within the hour. Vote now or forever hold your peace: {link}",
        "Under an hour left on **{title}**. This is the enrage timer — vote! {link}",
        "Tick tock: **{title}** closes very soon. {voted} of {eligible} have voted. {link}",
        "Final minutes for **{title}**! Hearthstone to the ballot box: {link}",
    ),
    "lead_change": (
        "Plot twist! **{leader}** just took the lead in **{title}**. {link}",
        "The throne changes hands: **{leader}** is now in front in **{title}**! {link}",
        "Aggro swap! **{leader}** has pulled ahead in **{title}**. {link}",
        "Hold the phone — **{leader}** leads **{title}** now. It's anyone's game. {link}",
        "A new challenger leads: **{leader}** is on top of **{title}**! {link}",
    ),
    "all_voted": (
        "Every eligible voter has voted in **{title}** — {voted} of {eligible}! Full raid, full turnout. 🎉",
        "100 % turnout for **{title}**! Not a single slacker in the guild. Proud of you all.",
        "All {eligible} ballots are in for **{title}**. That's a guild-first kill! Results soon.",
    ),
    "campaign_closed": (
        "Voting for **{title}** has closed. {winner_line} See the full standings: {link}",
        "The dust settles on **{title}**… {winner_line} Full results: {link}",
        "That's a wrap on **{title}**! {winner_line} {link}",
        "Ballots are sealed and counted for **{title}**. {winner_line} Podium and points: {link}",
    ),
}


def _lines(event: str, facts: Facts) -> dict[str, str]:
    leader_line = f"**{facts.leader}** leads for now." if facts.leader else ""
    if facts.leader:
        winner_line = f"Congratulations to **{facts.leader}**! 🏆"
    else:
        winner_line = "Nobody voted this time — maybe next round!"
    return {"leader_line": leader_line, "winner_line": winner_line}


def choose_template(event: str, *, campaign_id: int, occurrence: int) -> str:
    """A template for the `occurrence`-th post (0, 1, …) of `event` about a campaign: each
    campaign walks the pool in its own shuffled order, so repeats (lead_change) don't say the
    same thing twice in a row and different campaigns open differently."""
    order = list(TEMPLATES[event])
    random.Random(f"{campaign_id}:{event}").shuffle(order)
    return order[occurrence % len(order)]


def render(template: str, event: str, facts: Facts) -> str:
    values = {
        "title": facts.title,
        "voted": facts.voted,
        "eligible": facts.eligible,
        "percent": facts.percent,
        "leader": facts.leader or "nobody yet",
        "hours_left": max(facts.hours_left, 1),
        "link": facts.link,
        **_lines(event, facts),
    }
    return " ".join(template.format(**values).split())


def post_for(
    event: str,
    facts: Facts,
    *,
    channel_id: str | None,
    campaign_id: int = 0,
    occurrence: int = 0,
) -> AgentPost:
    """The embed for `event`: gold, to the campaign's channel (None: the default channel)."""
    template = choose_template(event, campaign_id=campaign_id, occurrence=occurrence)
    return AgentPost(
        event_type=event,
        title=TITLES[event].format(title=facts.title)[:200],
        description=render(template, event, facts),
        colour=GOLD,
        channel_id=channel_id or None,
    )
