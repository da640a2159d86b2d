"""Members and visitors: who may see and vote, casting a ballot, and what each one is shown.

One ballot per player: a ballot is cast under a transaction lock on (campaign, player), so of
two ballots sent at the same moment the second waits, then finds the first and is refused as
"already voted". The unique constraints on votes stay as the backstop. Without the lock the two
multi-row inserts could each wait on the other's rows, one in the rank index and one in the
entry index, and PostgreSQL would end one of them as a deadlock, not as "already voted".

A ballot reads its campaign with a share lock, held until it is stored. Closing the vote (the
officer's "Close now" or the lifecycle run) locks the campaign for update, so it waits for the
ballots in flight and counts them, and a ballot that waited on a close finds the vote closed
and is refused: no voter is told their ballot counted while the results leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from patt_app.models import Campaign, CampaignEntry, GuildRank, Player, Vote
from patt_app.services.accounts.permissions import require_member
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.campaigns.lifecycle_rules import end_of
from patt_app.services.campaigns.officer_changes import NO_SUCH_CAMPAIGN
from patt_app.services.campaigns.scoring import Standing, VoteStats
from patt_app.services.campaigns.tallies import current_standings, vote_stats
from patt_app.services.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotLoggedIn
from patt_app.services.statements import hold_lock

# What the vote page shows (the spec's six states; "hidden" = not for this viewer at all).
PAGE_STATES = ("can_vote", "voted", "rank_too_low", "visitor", "not_live", "closed")


@dataclass(frozen=True)
class EntryView:
    id: int
    name: str
    description: str
    image_url: str
    player_name: str


@dataclass(frozen=True)
class CampaignPage:
    id: int
    title: str
    description: str
    status: str
    picks_per_voter: int
    start_at: datetime
    end_at: datetime
    closed_at: datetime | None
    page_state: str
    may_view: bool
    can_vote: bool
    entries: list[EntryView]
    my_ballot: list[int] | None
    standings: list[Standing] | None
    stats: VoteStats
    vote_rank_name: str
    view_rank_name: str  # "" when public


def may_view(campaign: Campaign, viewer: Viewer | None) -> bool:
    """Public campaigns to all; the others to that rank and above (officers always)."""
    if campaign.min_rank_to_view is None:
        return True
    if viewer is None or viewer.player_id is None:
        return False
    return viewer.is_officer or viewer.rank_level >= campaign.min_rank_to_view


def may_vote(campaign: Campaign, viewer: Viewer | None) -> bool:
    """Members of the vote rank and above, who may also see the campaign."""
    return (
        viewer is not None
        and viewer.player_id is not None
        and viewer.rank_level >= campaign.min_rank_to_vote
        and may_view(campaign, viewer)
    )


def shown_campaign(
    session: Session, campaign_id: int, viewer: Viewer | None, *, share_lock: bool = False
) -> Campaign:
    """The campaign, except a draft to anyone but an officer: that one is "not found", as an
    unknown id is (its title, text and start time stay private until it opens). With
    `share_lock` its row is read afresh and no close can change it until the transaction ends."""
    lock = {"read": True} if share_lock else None
    campaign = session.get(
        Campaign, campaign_id, with_for_update=lock, populate_existing=share_lock
    )
    if campaign is None or (
        campaign.status == "draft" and (viewer is None or not viewer.is_officer)
    ):
        raise NotFound(NO_SUCH_CAMPAIGN)
    return campaign


def my_ballot(session: Session, campaign_id: int, player_id: int | None) -> list[int] | None:
    if player_id is None:
        return None
    ids = session.exec(
        select(col(Vote.entry_id))
        .where(col(Vote.campaign_id) == campaign_id, col(Vote.player_id) == player_id)
        .order_by(col(Vote.rank))
    ).all()
    return list(ids) or None


def _rank_name(session: Session, level: int | None) -> str:
    if level is None:
        return ""
    return (
        session.exec(select(col(GuildRank.name)).where(col(GuildRank.level) == level)).first() or ""
    )


def entry_views(session: Session, campaign_id: int) -> list[EntryView]:
    rows = session.exec(
        select(CampaignEntry, col(Player.display_name))
        .outerjoin(Player, col(Player.id) == col(CampaignEntry.associated_player_id))
        .where(col(CampaignEntry.campaign_id) == campaign_id)
        .order_by(col(CampaignEntry.sort_order), col(CampaignEntry.id))
    ).all()
    return [
        EntryView(e.id, e.name, e.description or "", e.image_url or "", name or "")
        for e, name in rows
    ]


def _page_state(campaign: Campaign, viewer: Viewer | None, ballot: list[int] | None) -> str:
    if campaign.status == "draft":
        return "not_live"
    if campaign.status in ("closed", "archived"):
        return "closed"
    if viewer is None:
        return "visitor"
    if ballot:
        return "voted"
    if not may_vote(campaign, viewer):
        return "rank_too_low"
    return "can_vote"


def campaign_page(
    *, session: Session, campaign_id: int, viewer: Viewer | None, now: datetime
) -> CampaignPage:
    """Everything the vote page (and the API) shows this viewer. Live standings only to those
    who voted (and officers); final standings to everyone who may view the campaign."""
    campaign = shown_campaign(session, campaign_id, viewer)
    visible = may_view(campaign, viewer)
    ballot = my_ballot(session, campaign.id, viewer.player_id if viewer else None)
    state = _page_state(campaign, viewer, ballot)
    shows_entries = state != "not_live" or (viewer is not None and viewer.is_officer)
    shows_standings = visible and (
        state == "closed"
        or (
            state in ("voted", "rank_too_low", "can_vote")
            and (ballot or (viewer is not None and viewer.is_officer))
        )
    )
    return CampaignPage(
        id=campaign.id,
        title=campaign.title,
        description=(campaign.description or "") if visible else "",
        status=campaign.status,
        picks_per_voter=campaign.picks_per_voter,
        start_at=campaign.start_at,
        end_at=end_of(campaign.start_at, campaign.duration_hours),
        closed_at=campaign.closed_at,
        page_state=state,
        may_view=visible,
        can_vote=state == "can_vote" and now < end_of(campaign.start_at, campaign.duration_hours),
        entries=entry_views(session, campaign.id) if visible and shows_entries else [],
        my_ballot=ballot,
        standings=current_standings(session, campaign) if shows_standings else None,
        stats=vote_stats(session, campaign),
        vote_rank_name=_rank_name(session, campaign.min_rank_to_vote),
        view_rank_name=_rank_name(session, campaign.min_rank_to_view),
    )


def cast_ballot(
    *,
    session: Session,
    campaign_id: int,
    viewer: Viewer | None,
    entry_ids: list[int],
    now: datetime,
) -> list[int]:
    """Store a viewer's ballot (entry ids, first pick first); returns it."""
    if viewer is None:
        raise NotLoggedIn("Log in to vote.")
    member = require_member(viewer)
    campaign = shown_campaign(session, campaign_id, member, share_lock=True)
    if not may_view(campaign, member):  # as if it did not exist: nothing to learn by voting
        raise NotFound(NO_SUCH_CAMPAIGN)
    if not may_vote(campaign, member):
        rank = _rank_name(session, campaign.min_rank_to_vote)
        raise NotAllowed(f"Only {rank} rank and above can vote in this campaign.")
    end = end_of(campaign.start_at, campaign.duration_hours)
    if campaign.status != "live" or not campaign.start_at <= now < end:
        raise Conflict("Voting is not open for this campaign.")
    voter = member.player_id
    assert voter is not None  # a member's account is linked to a player
    _refuse_a_second_ballot(session, campaign.id, voter)
    _check_picks(session, campaign, entry_ids)
    try:
        with session.begin_nested():
            for place, entry_id in enumerate(entry_ids, start=1):
                session.add(
                    Vote(
                        campaign_id=campaign.id,
                        player_id=voter,
                        entry_id=entry_id,
                        rank=place,
                    )
                )
            session.flush()
    except IntegrityError:
        raise Conflict("You have already voted in this campaign.") from None
    return list(entry_ids)


def _refuse_a_second_ballot(session: Session, campaign_id: int, player_id: int) -> None:
    """Take this player's ballot lock for the campaign (held until the transaction ends,
    so a ballot sent at the same moment waits here), then refuse if a ballot is in."""
    hold_lock(session, campaign_id, player_id)
    if my_ballot(session, campaign_id, player_id):
        raise Conflict("You have already voted in this campaign.")


def _check_picks(session: Session, campaign: Campaign, entry_ids: list[int]) -> None:
    picks = campaign.picks_per_voter
    if not isinstance(entry_ids, list) or any(
        not isinstance(i, int) or isinstance(i, bool) for i in entry_ids
    ):
        raise InvalidInput("entry_ids must be a list of entry ids.")
    if len(entry_ids) != picks:
        raise InvalidInput(f"Pick exactly {picks} entries, your favourite first.")
    if len(set(entry_ids)) != len(entry_ids):
        raise InvalidInput("Each entry can be picked only once.")
    own = set(
        session.exec(
            select(col(CampaignEntry.id)).where(col(CampaignEntry.campaign_id) == campaign.id)
        ).all()
    )
    if not set(entry_ids) <= own:  # another campaign's entry tells nothing about that one
        raise NotFound(NO_SUCH_CAMPAIGN)
