"""The contest agent's decision table (each chattiness × each situation), its priorities,
de-duplication and lead_change repeats, and the variety of what it says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from patt_app.services.campaigns.agent_messages import TEMPLATES, Facts, choose_template, post_for
from patt_app.services.campaigns.agent_rules import (
    CHATTINESS_EVENTS,
    EVENT_LABELS,
    PRIORITY,
    Situation,
    decide,
)

NOW = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


def situation(*, voted=0, eligible=20, left=timedelta(days=3), status="live", leader=None):
    return Situation(
        status=status,
        end_at=NOW + left,
        eligible=eligible,
        voted=voted,
        leader_entry_id=leader,
        now=NOW,
    )


# Situations in which exactly one new event is due (everything more basic already posted).
BASICS = {"campaign_launch"}
SITUATIONS = {
    "campaign_launch": (situation(), set(), None),
    "first_vote": (situation(voted=1, leader=1), BASICS, None),
    "milestone_25": (situation(voted=5, leader=1), BASICS | {"first_vote"}, 1),
    "milestone_50": (situation(voted=10, leader=1), BASICS | {"first_vote", "milestone_25"}, 1),
    "milestone_75": (
        situation(voted=15, leader=1),
        BASICS | {"first_vote", "milestone_25", "milestone_50"},
        1,
    ),
    "final_stretch": (
        situation(voted=2, leader=1, left=timedelta(hours=20)),
        BASICS | {"first_vote"},
        1,
    ),
    "last_call": (
        situation(voted=2, leader=1, left=timedelta(minutes=40)),
        BASICS | {"first_vote", "final_stretch"},
        1,
    ),
    "lead_change": (situation(voted=3, leader=2), BASICS | {"first_vote"}, 1),
    "all_voted": (
        situation(voted=20, leader=1),
        BASICS | {"first_vote", "milestone_25", "milestone_50", "milestone_75"},
        1,
    ),
    "campaign_closed": (situation(voted=4, leader=1, status="closed"), BASICS | {"first_vote"}, 1),
}


@pytest.mark.parametrize("chattiness", ["quiet", "normal", "hype"])
@pytest.mark.parametrize("event", sorted(SITUATIONS))
def test_each_situation_posts_only_at_the_chattiness_that_includes_it(chattiness, event):
    state, posted, last_leader = SITUATIONS[event]
    decided = decide(
        situation=state, chattiness=chattiness, posted=set(posted), last_leader_entry_id=last_leader
    )
    if event in CHATTINESS_EVENTS[chattiness]:
        assert decided == event
    else:
        assert decided != event


def test_the_chattiness_sets_are_the_specs():
    assert CHATTINESS_EVENTS["quiet"] == {"campaign_launch", "campaign_closed"}
    assert CHATTINESS_EVENTS["normal"] == {
        "campaign_launch",
        "first_vote",
        "milestone_50",
        "final_stretch",
        "last_call",
        "all_voted",
        "campaign_closed",
    }
    assert CHATTINESS_EVENTS["hype"] == set(PRIORITY)
    assert set(EVENT_LABELS) == set(PRIORITY)  # every post has a label for /admin/jobs


def test_one_event_per_check_the_most_important_first():
    # Everything is due at once: launch, first vote, milestones, lead change, last call, all voted.
    state = situation(voted=20, leader=2, left=timedelta(minutes=30))
    posted: set[str] = set()
    said, last_leader = [], 1
    for _ in range(12):
        event = decide(
            situation=state, chattiness="hype", posted=posted, last_leader_entry_id=last_leader
        )
        if event is None:
            break
        said.append(event)
        posted.add(event)
        last_leader = state.leader_entry_id  # each post records the leader of its moment
    # The first post names the new leader, so no separate lead change; milestones and the
    # first vote are overtaken by "everyone voted", the final stretch by the last call.
    assert said == ["all_voted", "last_call", "campaign_launch"]


def test_lead_change_comes_before_the_clock_and_the_milestones():
    state = situation(voted=15, leader=2, left=timedelta(minutes=30))
    assert (
        decide(
            situation=state, chattiness="hype", posted={"campaign_launch"}, last_leader_entry_id=1
        )
        == "lead_change"
    )
    assert (
        decide(
            situation=state, chattiness="hype", posted={"campaign_launch"}, last_leader_entry_id=2
        )
        == "last_call"
    )
    assert (
        decide(
            situation=situation(voted=15, leader=2),
            chattiness="hype",
            posted={"campaign_launch"},
            last_leader_entry_id=2,
        )
        == "milestone_75"
    )


def test_closed_beats_everything_but_all_voted_and_ends_the_conversation():
    state = situation(voted=20, leader=1, status="closed")
    assert (
        decide(situation=state, chattiness="normal", posted=set(), last_leader_entry_id=None)
        == "all_voted"
    )
    assert (
        decide(
            situation=state, chattiness="normal", posted={"all_voted"}, last_leader_entry_id=None
        )
        == "campaign_closed"
    )
    assert (
        decide(
            situation=state,
            chattiness="hype",
            posted={"all_voted", "campaign_closed"},
            last_leader_entry_id=None,
        )
        is None
    )


def test_each_event_is_posted_once():
    state = situation(voted=1, leader=1)
    assert (
        decide(
            situation=state,
            chattiness="normal",
            posted={"campaign_launch", "first_vote"},
            last_leader_entry_id=1,
        )
        is None
    )


def test_lead_change_repeats_whenever_the_leader_differs_from_the_last_post():
    posted = {"campaign_launch", "first_vote", "lead_change"}
    assert (
        decide(
            situation=situation(voted=3, leader=1),
            chattiness="hype",
            posted=posted,
            last_leader_entry_id=2,
        )
        == "lead_change"
    )
    assert (
        decide(
            situation=situation(voted=3, leader=2),
            chattiness="hype",
            posted=posted,
            last_leader_entry_id=2,
        )
        is None
    )
    assert (
        decide(
            situation=situation(voted=3, leader=2),
            chattiness="normal",
            posted={"campaign_launch", "first_vote"},
            last_leader_entry_id=1,
        )
        is None
    )


def test_time_events_need_time_to_be_short_and_the_vote_live():
    posted = {"campaign_launch"}
    assert (
        decide(
            situation=situation(left=timedelta(hours=25)),
            chattiness="normal",
            posted=posted,
            last_leader_entry_id=None,
        )
        is None
    )
    assert (
        decide(
            situation=situation(left=timedelta(hours=24)),
            chattiness="normal",
            posted=posted,
            last_leader_entry_id=None,
        )
        == "final_stretch"
    )
    assert (
        decide(
            situation=situation(left=timedelta(hours=1)),
            chattiness="normal",
            posted=posted,
            last_leader_entry_id=None,
        )
        == "last_call"
    )
    assert (
        decide(
            situation=situation(left=timedelta(hours=20)),
            chattiness="normal",
            posted=posted | {"last_call"},
            last_leader_entry_id=None,
        )
        is None
    )


def test_milestones_count_eligible_voters_and_nobody_eligible_is_no_milestone():
    assert (
        decide(
            situation=situation(voted=4, eligible=20),
            chattiness="hype",
            posted={"campaign_launch", "first_vote"},
            last_leader_entry_id=None,
        )
        is None
    )
    assert (
        decide(
            situation=situation(voted=0, eligible=0),
            chattiness="hype",
            posted={"campaign_launch"},
            last_leader_entry_id=None,
        )
        is None
    )


FACTS = Facts(
    title="Transmog Contest",
    voted=7,
    eligible=12,
    leader="Hexxy's look",
    hours_left=5,
    link="http://guild.example/vote/3",
)


def test_posts_are_gold_embeds_to_the_campaigns_channel_or_the_default():
    post = post_for("lead_change", FACTS, channel_id="123456789012345678", campaign_id=3)
    assert post.colour == "#D4A84B" and post.channel_id == "123456789012345678"
    assert "Hexxy's look" in post.description and "Transmog Contest" in post.title
    assert post_for("campaign_launch", FACTS, channel_id=None).channel_id is None
    assert post_for("campaign_launch", FACTS, channel_id="").channel_id is None


@pytest.mark.parametrize("event", PRIORITY)
def test_every_event_has_a_varied_pool_that_renders(event):
    pool = TEMPLATES[event]
    assert len(pool) >= 3 and len(set(pool)) == len(pool)
    texts = {
        post_for(event, FACTS, channel_id=None, campaign_id=1, occurrence=n).description
        for n in range(len(pool))
    }
    assert len(texts) == len(pool)  # walking the pool never says the same thing twice
    assert all("{" not in text for text in texts)


def test_repeats_rotate_and_campaigns_open_differently():
    first, second = (choose_template("lead_change", campaign_id=9, occurrence=n) for n in (0, 1))
    assert first != second
    openings = {choose_template("campaign_launch", campaign_id=c, occurrence=0) for c in range(12)}
    assert len(openings) >= 3
    assert choose_template("campaign_launch", campaign_id=4, occurrence=0) == choose_template(
        "campaign_launch", campaign_id=4, occurrence=0
    )


def test_closing_post_names_the_winner_or_says_nobody_voted():
    won = post_for("campaign_closed", FACTS, channel_id=None)
    assert "Hexxy's look" in won.description
    empty = Facts(title="T", voted=0, eligible=5, leader="", hours_left=0, link="/vote/1")
    assert "Nobody voted" in post_for("campaign_closed", empty, channel_id=None).description
