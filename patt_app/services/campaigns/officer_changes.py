"""What officers do to campaigns: create, edit, entries (only while draft), activate, close."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from patt_app.models import Campaign, CampaignEntry, GuildRank, Player
from patt_app.models.campaigns import CHATTINESS
from patt_app.services.campaigns.entry_images import check_image_url
from patt_app.services.campaigns.tallies import close_campaign
from patt_app.services.errors import Conflict, InvalidInput, NotFound
from patt_app.services.text_input import one_line

CHANNEL_ID = re.compile(r"^\d{15,21}$")
MAX_DURATION_HOURS = 24 * 60
MAX_DESCRIPTION = 2000
MAX_ENTRIES = 50
NO_SUCH_CAMPAIGN = "That campaign does not exist."


@dataclass(frozen=True)
class CampaignDetails:
    """What an officer fills in (start_at already converted from the officer's zone)."""

    title: str
    description: str
    picks_per_voter: int
    min_rank_to_vote: int
    min_rank_to_view: int | None
    start_at: datetime
    duration_hours: int
    early_close: bool = True
    discord_channel_id: str = ""
    agent_enabled: bool = True
    agent_chattiness: str = "normal"


@dataclass(frozen=True)
class EntryDetails:
    name: str
    description: str = ""
    image_url: str = ""
    associated_player_id: int | None = None


def campaign_or_404(session: Session, campaign_id: int, *, lock: bool = False) -> Campaign:
    """The campaign; with `lock` its row is locked for update and read afresh (waiting for the
    ballots in flight and for a lifecycle run that holds it)."""
    campaign = session.get(
        Campaign, campaign_id, with_for_update=True if lock else None, populate_existing=lock
    )
    if campaign is None:
        raise NotFound(NO_SUCH_CAMPAIGN)
    return campaign


def _checked(session: Session, details: CampaignDetails) -> dict[str, Any]:
    title = one_line(
        details.title, longest=150, refusal="Give the campaign a title (up to 150 characters)."
    )
    description = details.description.strip()
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(f"The description is limited to {MAX_DESCRIPTION} characters.")
    if not 1 <= details.picks_per_voter <= 10:
        raise InvalidInput("Picks per voter must be between 1 and 10.")
    levels = set(session.exec(select(col(GuildRank.level))).all())
    if details.min_rank_to_vote not in levels:
        raise InvalidInput("Minimum rank to vote: choose one of the guild's ranks.")
    if details.min_rank_to_view is not None and details.min_rank_to_view not in levels:
        raise InvalidInput("Minimum rank to view: choose a rank, or public.")
    if details.min_rank_to_view is not None and details.min_rank_to_view > details.min_rank_to_vote:
        raise InvalidInput(
            "The rank to view can't be above the rank to vote: those who may vote must be able "
            "to see the campaign. Lower the rank to view, or raise the rank to vote."
        )
    if details.start_at.tzinfo is None:
        raise InvalidInput("The start time needs a time zone.")
    if not 1 <= details.duration_hours <= MAX_DURATION_HOURS:
        raise InvalidInput(f"The duration is 1 to {MAX_DURATION_HOURS} hours (60 days).")
    channel = details.discord_channel_id.strip()
    if channel and not CHANNEL_ID.fullmatch(channel):
        raise InvalidInput("A Discord channel id is a number of 15 to 21 digits.")
    if details.agent_chattiness not in CHATTINESS:
        raise InvalidInput("Chattiness is quiet, normal or hype.")
    return {
        "title": title,
        "description": description or None,
        "picks_per_voter": details.picks_per_voter,
        "min_rank_to_vote": details.min_rank_to_vote,
        "min_rank_to_view": details.min_rank_to_view,
        "start_at": details.start_at,
        "duration_hours": details.duration_hours,
        "early_close_if_all_voted": details.early_close,
        "discord_channel_id": channel or None,
        "agent_enabled": details.agent_enabled,
        "agent_chattiness": details.agent_chattiness,
    }


# Fixed once voting has started: changing them would change the meaning of cast ballots.
FIXED_WHEN_LIVE = ("picks_per_voter", "min_rank_to_vote", "start_at")


def create_campaign(
    *,
    session: Session,
    details: CampaignDetails,
    entries: Sequence[EntryDetails] = (),
    created_by_player_id: int | None,
) -> Campaign:
    """A new draft campaign, with its entries in the given order."""
    if len(entries) > MAX_ENTRIES:
        raise InvalidInput(f"A campaign has at most {MAX_ENTRIES} entries.")
    campaign = Campaign(**_checked(session, details), created_by_player_id=created_by_player_id)
    session.add(campaign)
    session.flush()
    for order, entry in enumerate(entries):
        session.add(
            CampaignEntry(campaign_id=campaign.id, sort_order=order, **_entry(session, entry))
        )
    session.flush()
    return campaign


def update_campaign(*, session: Session, campaign_id: int, details: CampaignDetails) -> Campaign:
    """Edit a draft freely; a live one keeps its picks, voters and start; a closed one is final."""
    campaign = campaign_or_404(session, campaign_id)
    if campaign.status in ("closed", "archived"):
        raise Conflict("This campaign is closed; its settings are final.")
    values = _checked(session, details)
    for key, value in values.items():
        if campaign.status == "live" and key in FIXED_WHEN_LIVE:
            continue
        setattr(campaign, key, value)
    session.add(campaign)
    session.flush()
    return campaign


def _draft(session: Session, campaign_id: int) -> Campaign:
    campaign = campaign_or_404(session, campaign_id)
    if campaign.status != "draft":
        raise Conflict("Entries can only be changed while the campaign is a draft.")
    return campaign


def _entry(session: Session, entry: EntryDetails) -> dict[str, Any]:
    name = one_line(
        entry.name, longest=150, refusal="Give the entry a name (up to 150 characters)."
    )
    description = entry.description.strip()
    if len(description) > 1000:
        raise InvalidInput("An entry's description is limited to 1000 characters.")
    image_url = check_image_url(entry.image_url)
    player_id = entry.associated_player_id
    if player_id is not None and session.get(Player, player_id) is None:
        raise InvalidInput("The associated player does not exist.")
    return {
        "name": name,
        "description": description or None,
        "image_url": image_url,
        "associated_player_id": player_id,
    }


def _entries(session: Session, campaign_id: int) -> list[CampaignEntry]:
    return list(
        session.exec(
            select(CampaignEntry)
            .where(col(CampaignEntry.campaign_id) == campaign_id)
            .order_by(col(CampaignEntry.sort_order), col(CampaignEntry.id))
        )
    )


def add_entry(*, session: Session, campaign_id: int, entry: EntryDetails) -> CampaignEntry:
    _draft(session, campaign_id)
    existing = _entries(session, campaign_id)
    if len(existing) >= MAX_ENTRIES:
        raise InvalidInput(f"A campaign has at most {MAX_ENTRIES} entries.")
    row = CampaignEntry(campaign_id=campaign_id, sort_order=len(existing), **_entry(session, entry))
    session.add(row)
    session.flush()
    return row


def _entry_of(session: Session, campaign_id: int, entry_id: int) -> CampaignEntry:
    row = session.get(CampaignEntry, entry_id)
    if row is None or row.campaign_id != campaign_id:
        raise NotFound("That entry does not exist.")
    return row


def update_entry(
    *, session: Session, campaign_id: int, entry_id: int, entry: EntryDetails
) -> CampaignEntry:
    _draft(session, campaign_id)
    row = _entry_of(session, campaign_id, entry_id)
    for key, value in _entry(session, entry).items():
        setattr(row, key, value)
    session.add(row)
    session.flush()
    return row


def remove_entry(*, session: Session, campaign_id: int, entry_id: int) -> None:
    _draft(session, campaign_id)
    session.delete(_entry_of(session, campaign_id, entry_id))
    session.flush()
    _renumber(session, _entries(session, campaign_id))


def _renumber(session: Session, rows: list[CampaignEntry]) -> None:
    for order, row in enumerate(rows):
        row.sort_order = order
        session.add(row)
    session.flush()


def move_entry(*, session: Session, campaign_id: int, entry_id: int, to_position: int) -> None:
    """Put an entry at `to_position` (0 = first; clamped to the list), the others shifting."""
    _draft(session, campaign_id)
    rows = _entries(session, campaign_id)
    row = _entry_of(session, campaign_id, entry_id)
    rows = [r for r in rows if r.id != row.id]
    rows.insert(max(0, min(to_position, len(rows))), row)
    _renumber(session, rows)


def activate_now(*, session: Session, campaign_id: int, now: datetime) -> Campaign:
    """Open the vote at once: the duration counts from now."""
    campaign = campaign_or_404(session, campaign_id)
    if campaign.status != "draft":
        raise Conflict(f"This campaign is already {campaign.status}.")
    check_ready(session=session, campaign=campaign)
    campaign.status = "live"
    campaign.start_at = now
    session.add(campaign)
    session.flush()
    return campaign


def close_now(*, session: Session, campaign_id: int, now: datetime) -> Campaign:
    """End a live vote at once; its final standings are stored. The campaign is locked first,
    so the ballots in flight are counted and a close that raced this one is seen."""
    campaign = campaign_or_404(session, campaign_id, lock=True)
    if campaign.status != "live":
        raise Conflict(f"Only a live campaign can be closed; this one is {campaign.status}.")
    close_campaign(session=session, campaign=campaign, now=now)
    return campaign


def check_ready(*, session: Session, campaign: Campaign) -> None:
    """Refuse to open a vote that cannot be filled in: fewer entries than picks."""
    count = len(_entries(session, campaign.id))
    needed = max(2, campaign.picks_per_voter)
    if count < needed:
        raise InvalidInput(
            f"Add at least {needed} entries before voting opens "
            f"(each ballot ranks {campaign.picks_per_voter}); there are {count}."
        )
