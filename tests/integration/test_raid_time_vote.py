"""The raid-time studio's vote: opened live with the comparison as the entries' descriptions,
reminders to non-voters two days before it closes, and "Apply" replacing the old raids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import (
    Campaign,
    CampaignEntry,
    DiscordPost,
    Player,
    RaidEvent,
    RaidTimeVote,
    Vote,
)
from patt_app.services.campaigns.officer_changes import close_now
from patt_app.services.campaigns.raid_time_reminders import remind_non_voters
from patt_app.services.campaigns.raid_time_vote import (
    apply_raid_time_vote,
    open_raid_time_vote,
    studio_votes,
)
from patt_app.services.errors import Conflict

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)
EVENING = "tue,thu@20:00/America/Chicago/180"
LATER = "wed,fri@21:30/America/New_York/150"


@pytest.fixture
def demo(seeded) -> Session:
    seed_demo_guild(session=seeded, now=NOW)
    seeded.flush()
    return seeded


def _open(session: Session) -> Campaign:
    return open_raid_time_vote(
        session=session,
        candidates=[EVENING, LATER],
        min_rank_to_vote=2,
        duration_hours=72,
        now=NOW,
        created_by_player_id=None,
    )


def _entries(session: Session, campaign: Campaign) -> list[CampaignEntry]:
    return list(
        session.exec(
            select(CampaignEntry)
            .where(CampaignEntry.campaign_id == campaign.id)
            .order_by(CampaignEntry.sort_order)
        )
    )


def test_the_vote_opens_live_with_the_comparison_in_each_entry(demo):
    campaign = _open(demo)
    assert campaign.status == "live" and campaign.min_rank_to_vote == 2
    assert campaign.picks_per_voter == 2
    entries = _entries(demo, campaign)
    assert [e.name for e in entries] == [
        "Tue, Thu 20:00–23:00 America/Chicago",
        "Wed, Fri 21:30–00:00 America/New_York",
    ]
    assert all("Expected turnout over 8 weeks" in e.description for e in entries)
    assert demo.get(RaidTimeVote, campaign.id).specs == f"{EVENING}\n{LATER}"


def test_non_voters_with_discord_are_reminded_once_two_days_before_the_close(demo):
    campaign = _open(demo)
    assert remind_non_voters(session=demo, now=NOW, base_url="https://x") == 0  # 3 days left
    later = NOW + timedelta(hours=25)
    first = remind_non_voters(session=demo, now=later, base_url="https://x")
    assert first > 0
    assert (
        remind_non_voters(session=demo, now=later + timedelta(hours=1), base_url="https://x") == 0
    )
    dms = demo.exec(
        select(DiscordPost).where(DiscordPost.dedupe_key.like("raid-time-vote:%"))
    ).all()
    assert len(dms) == first
    assert f"https://x/vote/{campaign.id}" in str(dms[0].payload)


def test_apply_creates_the_winner_and_cancels_the_old_raids_from_that_day(demo):
    campaign = _open(demo)
    evening, later = _entries(demo, campaign)
    voters = demo.exec(select(Player.id).where(Player.is_active).limit(3)).all()
    for player_id in voters:
        demo.add(Vote(campaign_id=campaign.id, player_id=player_id, entry_id=later.id, rank=1))
        demo.add(Vote(campaign_id=campaign.id, player_id=player_id, entry_id=evening.id, rank=2))
    demo.flush()
    with pytest.raises(Conflict, match="still open"):
        apply_raid_time_vote(
            session=demo,
            campaign_id=campaign.id,
            from_day=NOW.date() + timedelta(days=7),
            weeks=4,
            title="Raid night",
            now=NOW,
            applied_by_player_id=None,
        )
    close_now(session=demo, campaign_id=campaign.id, now=NOW)
    from_day = NOW.date() + timedelta(days=7)
    cut = datetime(from_day.year, from_day.month, from_day.day, 6, tzinfo=UTC)
    old = demo.exec(
        select(RaidEvent).where(RaidEvent.start_time_utc >= cut, RaidEvent.cancelled_at.is_(None))
    ).all()
    assert old
    applied = apply_raid_time_vote(
        session=demo,
        campaign_id=campaign.id,
        from_day=from_day,
        weeks=4,
        title="Raid night",
        now=NOW,
        applied_by_player_id=None,
    )
    assert applied.created == 8 and applied.cancelled >= len(old)
    assert all(demo.get(RaidEvent, e.id).cancelled_at is not None for e in old)
    new = demo.exec(
        select(RaidEvent).where(RaidEvent.start_time_utc >= cut, RaidEvent.cancelled_at.is_(None))
    ).all()
    assert len(new) == 8
    assert {e.event_date.weekday() for e in new} == {2, 4}
    assert all(e.end_time_utc - e.start_time_utc == timedelta(minutes=150) for e in new)
    assert demo.exec(select(DiscordPost).where(DiscordPost.dedupe_key.like("raid-times:%"))).one()
    [row] = studio_votes(session=demo)
    assert row.winner == "Wed, Fri 21:30–00:00 America/New_York" and row.applied_from == from_day
    with pytest.raises(Conflict, match="applied already"):
        apply_raid_time_vote(
            session=demo,
            campaign_id=campaign.id,
            from_day=from_day,
            weeks=4,
            title="Raid night",
            now=NOW,
            applied_by_player_id=None,
        )
