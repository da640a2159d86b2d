"""Answers and bodies of the campaign routes."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field

from patt_app.api.schemas.envelope import FromService, IsoDateTime


class CampaignListItem(FromService):
    id: int
    title: str
    status: str
    start_at: IsoDateTime
    end_at: IsoDateTime
    entry_count: int
    winner: str


class EntryItem(FromService):
    id: int
    name: str
    description: str
    image_url: str


class StandingItem(FromService):
    """One entry's place: points (3 / 2 / 1 for picks 1 / 2 / 3), first-place votes."""

    entry_id: int
    name: str
    points: int
    first_place_votes: int
    position: int


class CampaignDetail(FromService):
    id: int
    title: str
    description: str
    status: str
    picks_per_voter: int
    start_at: IsoDateTime
    end_at: IsoDateTime
    entries: list[EntryItem]
    my_ballot: list[int] | None
    can_vote: bool
    standings: list[StandingItem] | None


class BallotBody(BaseModel):
    entry_ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        description="Entry ids, your first pick first", max_length=50
    )


class BallotCast(BaseModel):
    campaign_id: int
    entry_ids: list[int]


class NewEntry(BaseModel):
    name: str
    description: str = ""
    image_url: str = ""


class NewCampaign(BaseModel):
    title: str
    description: str = ""
    picks_per_voter: int = 3
    min_rank_to_vote: int = 1
    min_rank_to_view: int | None = None
    start_at: AwareDatetime
    duration_hours: int = 168
    early_close: bool = True
    discord_channel_id: str = ""
    agent_enabled: bool = True
    agent_chattiness: str = "normal"
    entries: list[NewEntry] = []


class CreatedId(BaseModel):
    id: int


class StatusChange(BaseModel):
    id: int
    status: str
