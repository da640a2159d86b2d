"""The lifecycle and the contest agent against a real database, with a fake clock: drafts
open, votes close at their end or early when everyone voted, results land in
campaign_results, and the agent logs one post per check; entries are fixed once live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import (
    Campaign,
    CampaignEntry,
    CampaignResult,
    ContestAgentLog,
    DiscordPost,
    Player,
    User,
    Vote,
)
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.campaigns import officer_changes as changes
from patt_app.services.campaigns.contest_agent import run_contest_agent
from patt_app.services.campaigns.entry_images import MAX_IMAGE_BYTES, store_image, stored_image
from patt_app.services.campaigns.lifecycle import advance_campaigns
from patt_app.services.campaigns.officer_view import campaign_detail
from patt_app.services.campaigns.tallies import (
    current_standings,
    eligible_voter_ids,
    live_standings,
    stored_results,
    vote_stats,
)
from patt_app.services.campaigns.voting import campaign_page, cast_ballot
from patt_app.services.errors import Conflict, InvalidInput, NotFound

NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def guild(seeded: Session) -> Session:
    seed_demo_guild(session=seeded, now=NOW)
    for campaign in seeded.exec(select(Campaign)).all():  # the demo's own vote stays out of it
        campaign.status = "archived"
        seeded.add(campaign)
    seeded.flush()
    return seeded


def _campaign(
    db: Session,
    *,
    start=NOW + timedelta(hours=1),
    hours=48,
    early=True,
    chattiness="normal",
    entries=4,
) -> Campaign:
    details = changes.CampaignDetails(
        title="Farm night",
        description="",
        picks_per_voter=3,
        min_rank_to_vote=2,
        min_rank_to_view=None,
        start_at=start,
        duration_hours=hours,
        early_close=early,
        agent_chattiness=chattiness,
    )
    names = ["Sunday", "Monday", "Wednesday", "Friday", "Saturday"][:entries]
    return changes.create_campaign(
        session=db,
        details=details,
        entries=[changes.EntryDetails(n) for n in names],
        created_by_player_id=None,
    )


def _viewer(db: Session, player_id: int) -> Viewer:
    player = db.get(Player, player_id)
    return Viewer(
        user_id=player.website_user_id,
        session_id=0,
        username="x",
        player_id=player.id,
        display_name=player.display_name,
        rank_level=2,
        rank_name="Member",
    )


def _vote_all(db: Session, campaign: Campaign, now: datetime, voters: list[int] | None = None):
    page = campaign_page(session=db, campaign_id=campaign.id, viewer=None, now=now)
    ids = [e.id for e in page.entries]
    voters = sorted(eligible_voter_ids(db, campaign)) if voters is None else voters
    for n, player_id in enumerate(voters):
        picks = [ids[n % 4], ids[(n + 1) % 4], ids[(n + 2) % 4]]
        cast_ballot(
            session=db,
            campaign_id=campaign.id,
            viewer=_viewer(db, player_id),
            entry_ids=picks,
            now=now,
        )
    return voters


def test_a_draft_opens_at_its_start_and_closes_at_its_end_with_results(guild):
    campaign = _campaign(guild, early=False)
    assert advance_campaigns(session=guild, now=NOW).changed == []
    assert advance_campaigns(session=guild, now=NOW + timedelta(hours=1)).opened == [campaign.id]
    assert campaign.status == "live"
    _vote_all(guild, campaign, NOW + timedelta(hours=2))  # everyone, but early close is off
    assert advance_campaigns(session=guild, now=NOW + timedelta(hours=3)).changed == []
    run = advance_campaigns(session=guild, now=NOW + timedelta(hours=49))
    assert run.closed == [campaign.id] and campaign.status == "closed"
    results = guild.exec(
        select(CampaignResult)
        .where(CampaignResult.campaign_id == campaign.id)
        .order_by(CampaignResult.final_rank)
    ).all()
    assert [r.final_rank for r in results] == [1, 2, 3, 4]
    assert results[0].weighted_score >= results[1].weighted_score
    assert sum(r.first_place_count for r in results) == len(eligible_voter_ids(guild, campaign))
    assert {r.calculated_at for r in results} == {NOW + timedelta(hours=49)}  # when it closed


def test_early_close_as_soon_as_every_eligible_voter_has_voted(guild):
    campaign = _campaign(guild, start=NOW)
    advance_campaigns(session=guild, now=NOW)
    voters = sorted(eligible_voter_ids(guild, campaign))
    _vote_all(guild, campaign, NOW + timedelta(minutes=5), voters[:-1])
    assert advance_campaigns(session=guild, now=NOW + timedelta(minutes=6)).closed == []
    _vote_all(guild, campaign, NOW + timedelta(minutes=7), voters[-1:])
    assert advance_campaigns(session=guild, now=NOW + timedelta(minutes=8)).closed == [campaign.id]
    assert campaign.closed_at == NOW + timedelta(minutes=8)


def test_a_draft_short_of_entries_stays_a_draft(guild):
    campaign = _campaign(guild, start=NOW, entries=2)
    run = advance_campaigns(session=guild, now=NOW)
    assert run.not_ready == [campaign.id] and campaign.status == "draft"
    assert "short of entries" in run.summary()


def test_entries_are_fixed_once_live_and_closed_settings_are_final(guild):
    campaign = _campaign(guild)
    with pytest.raises(NotFound):  # a draft: for officers only
        campaign_page(session=guild, campaign_id=campaign.id, viewer=None, now=NOW)
    changes.activate_now(session=guild, campaign_id=campaign.id, now=NOW)
    with pytest.raises(Conflict, match="draft"):
        changes.add_entry(
            session=guild, campaign_id=campaign.id, entry=changes.EntryDetails("Late")
        )
    with pytest.raises(Conflict):
        changes.activate_now(session=guild, campaign_id=campaign.id, now=NOW)
    changes.close_now(session=guild, campaign_id=campaign.id, now=NOW + timedelta(hours=1))
    with pytest.raises(Conflict, match="final"):
        changes.update_campaign(
            session=guild,
            campaign_id=campaign.id,
            details=changes.CampaignDetails(
                title="New",
                description="",
                picks_per_voter=3,
                min_rank_to_vote=2,
                min_rank_to_view=None,
                start_at=NOW,
                duration_hours=5,
            ),
        )


def test_reordering_entries_while_draft(guild):
    campaign = _campaign(guild)
    ids = [e.id for e in campaign_detail(session=guild, campaign_id=campaign.id).entries]
    changes.move_entry(session=guild, campaign_id=campaign.id, entry_id=ids[3], to_position=0)
    changes.remove_entry(session=guild, campaign_id=campaign.id, entry_id=ids[1])
    page = campaign_detail(session=guild, campaign_id=campaign.id)
    assert [e.name for e in page.entries] == ["Friday", "Sunday", "Wednesday"]
    with pytest.raises(NotFound):  # a draft is the officers' work in progress
        campaign_page(session=guild, campaign_id=campaign.id, viewer=None, now=NOW)


def test_the_agent_logs_one_gold_post_per_check_even_without_a_bot(guild):
    campaign = _campaign(guild, start=NOW, chattiness="normal")
    campaign.discord_channel_id = "123456789012345678"
    advance_campaigns(session=guild, now=NOW)
    first = run_contest_agent(session=guild, now=NOW, base_url="http://guild.example")
    assert [(p.campaign_id, p.post.event_type) for p in first.posts] == [
        (campaign.id, "campaign_launch")
    ]
    assert first.summary() == f"“{campaign.title}”: voting opened"  # what /admin/jobs shows
    assert (
        run_contest_agent(
            session=guild, now=NOW + timedelta(minutes=5), base_url="http://guild.example"
        ).posts
        == []
    )
    _vote_all(
        guild, campaign, NOW + timedelta(minutes=6), sorted(eligible_voter_ids(guild, campaign))[:1]
    )
    second = run_contest_agent(
        session=guild, now=NOW + timedelta(minutes=10), base_url="http://guild.example"
    )
    assert [p.post.event_type for p in second.posts] == ["first_vote"]
    log = guild.exec(
        select(ContestAgentLog)
        .where(ContestAgentLog.campaign_id == campaign.id)
        .order_by(ContestAgentLog.id)
    ).all()
    assert [row.event_type for row in log] == ["campaign_launch", "first_vote"]
    assert {row.colour for row in log} == {"#D4A84B"}
    assert {row.channel_id for row in log} == {"123456789012345678"}
    assert f"http://guild.example/vote/{campaign.id}" in log[0].message
    assert log[1].leader_entry_id is not None and log[0].discord_message_id is None
    changes.close_now(session=guild, campaign_id=campaign.id, now=NOW + timedelta(minutes=11))
    closing = run_contest_agent(
        session=guild, now=NOW + timedelta(minutes=15), base_url="http://guild.example"
    )
    assert [p.post.event_type for p in closing.posts] == ["campaign_closed"]
    assert (
        run_contest_agent(
            session=guild, now=NOW + timedelta(minutes=20), base_url="http://guild.example"
        ).posts
        == []
    )


def test_with_discord_set_up_each_agent_post_is_queued_for_the_bot_once(guild):
    campaign = _campaign(guild, start=NOW, chattiness="normal")
    advance_campaigns(session=guild, now=NOW)
    quiet = run_contest_agent(session=guild, now=NOW, base_url="http://guild.example")
    assert [p.post.event_type for p in quiet.posts] == ["campaign_launch"]
    assert guild.exec(select(DiscordPost)).all() == []  # no bot: logged only
    _vote_all(
        guild, campaign, NOW + timedelta(minutes=6), sorted(eligible_voter_ids(guild, campaign))[:1]
    )
    for minutes in (10, 15):  # the second check has nothing new to say
        run_contest_agent(
            session=guild,
            now=NOW + timedelta(minutes=minutes),
            base_url="http://guild.example",
            to_discord=True,
        )
    queued = guild.exec(select(DiscordPost)).all()
    assert len(queued) == 1
    post = queued[0]
    embed = post.payload["embed"]
    assert (post.kind, post.status, post.channel_id) == ("channel", "queued", None)
    assert (
        embed["colour"] == 0xD4A84B and embed["url"] == f"http://guild.example/vote/{campaign.id}"
    )
    assert "First vote" in embed["title"] and post.not_after == NOW + timedelta(minutes=70)


def test_uploaded_pictures_are_checked_by_content_and_size(tmp_path):
    url = store_image(data=PNG, directory=tmp_path)
    name = url.rsplit("/", 1)[1]
    assert url.startswith("/api/v1/campaign-images/") and name.endswith(".png")
    assert stored_image(name=name, directory=tmp_path)[1] == "image/png"
    with pytest.raises(InvalidInput, match="not a picture"):
        store_image(data=b"<svg onload=alert(1)>", directory=tmp_path)
    with pytest.raises(InvalidInput, match="limit is 2 MB"):
        store_image(data=PNG + b"\x00" * MAX_IMAGE_BYTES, directory=tmp_path)
    for kind, head in (
        ("jpg", b"\xff\xd8\xff\xe0"),
        ("gif", b"GIF89a"),
        ("webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "),
    ):
        assert store_image(data=head + b"\x01" * 32, directory=tmp_path).endswith(kind)
    assert len(list(tmp_path.iterdir())) == 4  # the same picture twice is one file
    store_image(data=PNG, directory=tmp_path)
    assert len(list(tmp_path.iterdir())) == 4


def test_each_viewer_gets_the_page_state_the_spec_names(guild):
    campaign = _campaign(guild, start=NOW)
    campaign.min_rank_to_vote, campaign.min_rank_to_view = 3, 2
    voter = sorted(eligible_voter_ids(guild, campaign))[0]
    member_id = guild.exec(
        select(Player.id).where(Player.website_user_id.is_not(None)).order_by(Player.id)
    ).all()
    low = next(p for p in member_id if p not in eligible_voter_ids(guild, campaign))
    veteran, member = _viewer(guild, voter), _viewer(guild, low)
    veteran = Viewer(**{**veteran.__dict__, "rank_level": 3})

    def state(viewer, now=NOW):
        return campaign_page(session=guild, campaign_id=campaign.id, viewer=viewer, now=now)

    for outsider in (None, member):  # a draft: for officers only
        with pytest.raises(NotFound):
            state(outsider)
    changes.activate_now(session=guild, campaign_id=campaign.id, now=NOW)
    assert state(veteran).page_state == "can_vote" and state(veteran).standings is None
    too_low = state(member)
    assert too_low.page_state == "rank_too_low" and too_low.standings is None
    assert too_low.entries and too_low.vote_rank_name == "Veteran"
    outsider = state(None)
    assert outsider.page_state == "visitor" and outsider.entries == []  # members only
    ids = [e.id for e in state(veteran).entries]
    cast_ballot(session=guild, campaign_id=campaign.id, viewer=veteran, entry_ids=ids[:3], now=NOW)
    voted = state(veteran)
    assert voted.page_state == "voted" and voted.my_ballot == ids[:3]
    assert voted.standings[0].entry_id == ids[0] and voted.standings[0].points == 3
    changes.close_now(session=guild, campaign_id=campaign.id, now=NOW + timedelta(hours=1))
    closed = state(member)
    assert closed.page_state == "closed" and closed.standings[0].entry_id == ids[0]
    assert state(None).standings is None and not state(None).may_view


def test_a_closed_vote_shows_its_results_as_they_stood_at_the_close(guild):
    """After the close the stored results are what everyone sees, place votes included, even
    if a ballot disappears later (a voter's player removed from the database)."""
    campaign = _campaign(guild, early=False)
    advance_campaigns(session=guild, now=NOW + timedelta(hours=1))
    voters = _vote_all(guild, campaign, NOW + timedelta(hours=2))
    advance_campaigns(session=guild, now=NOW + timedelta(hours=49))
    at_close = current_standings(guild, campaign)
    assert at_close == live_standings(guild, campaign)
    assert sum(s.second_place_votes for s in at_close) == len(voters)
    assert sum(s.third_place_votes for s in at_close) == len(voters)
    guild.execute(delete(Vote).where(Vote.campaign_id == campaign.id, Vote.player_id == voters[0]))
    guild.flush()
    assert live_standings(guild, campaign) != at_close
    assert current_standings(guild, campaign) == at_close
    campaign.status = "archived"  # the spec's last step (closed → archived) keeps them too
    guild.add(campaign)
    guild.flush()
    assert current_standings(guild, campaign) == at_close


def test_a_vote_nobody_has_picked_yet_lists_its_entries_in_the_officers_order(guild):
    campaign = _campaign(guild, start=NOW)
    entries = guild.exec(
        select(CampaignEntry)
        .where(CampaignEntry.campaign_id == campaign.id)
        .order_by(CampaignEntry.id)
    ).all()
    for entry, order in zip(entries, (2, 0, 3, 1), strict=True):  # not the order of creation
        entry.sort_order = order
        guild.add(entry)
    guild.flush()
    table = live_standings(guild, campaign)
    assert [s.name for s in table] == ["Monday", "Friday", "Sunday", "Wednesday"]
    assert [s.position for s in table] == [1, 2, 3, 4]


def test_a_deactivated_player_or_a_disabled_account_neither_votes_nor_counts_in_the_turnout(
    guild,
):
    campaign = _campaign(guild, start=NOW)
    eligible = sorted(eligible_voter_ids(guild, campaign))
    deactivated, disabled = guild.get(Player, eligible[0]), guild.get(Player, eligible[1])
    deactivated.is_active = False
    account = guild.get(User, disabled.website_user_id)
    account.is_active = False
    guild.add_all([deactivated, account])
    guild.flush()
    assert eligible_voter_ids(guild, campaign) == set(eligible[2:])
    assert vote_stats(guild, campaign).eligible == len(eligible) - 2


def test_closing_one_vote_leaves_the_results_of_earlier_votes_alone(guild):
    # the demo guild's vote, closed with its results
    earlier = guild.exec(
        select(Campaign).where(Campaign.title == "Name the Tuesday raid team")
    ).one()
    kept = stored_results(guild, earlier.id)
    assert kept
    campaign = _campaign(guild, early=False)
    advance_campaigns(session=guild, now=NOW + timedelta(hours=1))
    _vote_all(guild, campaign, NOW + timedelta(hours=2))
    advance_campaigns(session=guild, now=NOW + timedelta(hours=49))
    assert stored_results(guild, campaign.id)
    assert stored_results(guild, earlier.id) == kept
