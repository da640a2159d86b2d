"""Guild votes: campaigns, entries, ballots, results and the contest agent's log (schema patt)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, SmallInteger, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    IDENTITY,
    PATT,
    created_at_field,
    id_field,
    known_values,
    moment_field,
    updated_at_field,
)

CAMPAIGN_STATUSES = ("draft", "live", "closed", "archived")
CHATTINESS = ("quiet", "normal", "hype")


class Campaign(SQLModel, table=True):
    """A guild vote with a ranked-choice ballot."""

    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("type IN ('ranked_choice')", name="type_known"),
        known_values("status", CAMPAIGN_STATUSES),
        known_values("agent_chattiness", CHATTINESS, name="chattiness_known"),
        CheckConstraint("picks_per_voter BETWEEN 1 AND 10", name="picks_range"),
        CheckConstraint("duration_hours > 0", name="duration_positive"),
        {"schema": PATT},
    )

    id: int = id_field()
    title: str = Field(max_length=150)
    description: str | None = Field(default=None, sa_type=Text)
    type: str = Field(default="ranked_choice", max_length=20)
    picks_per_voter: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    min_rank_to_vote: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    min_rank_to_view: int | None = None
    start_at: datetime = moment_field(nullable=False)
    duration_hours: int = Field(default=168)
    status: str = Field(default="draft", max_length=10, index=True)
    early_close_if_all_voted: bool = Field(
        default=True, sa_column_kwargs={"server_default": "true"}
    )
    discord_channel_id: str | None = Field(default=None, max_length=32)
    agent_enabled: bool = Field(default=True, sa_column_kwargs={"server_default": "true"})
    agent_chattiness: str = Field(
        default="normal", max_length=10, sa_column_kwargs={"server_default": "normal"}
    )
    created_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    closed_at: datetime | None = moment_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class CampaignEntry(SQLModel, table=True):
    """Something to vote for."""

    __tablename__ = "campaign_entries"
    __table_args__ = ({"schema": PATT},)

    id: int = id_field()
    campaign_id: int = Field(foreign_key=f"{PATT}.campaigns.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=150)
    description: str | None = Field(default=None, sa_type=Text)
    image_url: str | None = Field(default=None, max_length=500)
    associated_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    sort_order: int = 0
    created_at: datetime = created_at_field()


class Vote(SQLModel, table=True):
    """One ranked pick on a player's ballot."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("campaign_id", "player_id", "rank"),
        UniqueConstraint("campaign_id", "player_id", "entry_id"),
        CheckConstraint("rank BETWEEN 1 AND 10", name="rank_range"),
        {"schema": PATT},
    )

    id: int = id_field()
    campaign_id: int = Field(foreign_key=f"{PATT}.campaigns.id", index=True, ondelete="CASCADE")
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", ondelete="CASCADE")
    entry_id: int = Field(foreign_key=f"{PATT}.campaign_entries.id", ondelete="CASCADE")
    rank: int = Field(sa_type=SmallInteger)
    created_at: datetime = created_at_field()


class CampaignResult(SQLModel, table=True):
    """An entry's final tally once a campaign closes."""

    __tablename__ = "campaign_results"
    __table_args__ = (UniqueConstraint("campaign_id", "entry_id"), {"schema": PATT})

    id: int = id_field()
    campaign_id: int = Field(foreign_key=f"{PATT}.campaigns.id", ondelete="CASCADE")
    entry_id: int = Field(foreign_key=f"{PATT}.campaign_entries.id", ondelete="CASCADE")
    first_place_count: int = 0
    second_place_count: int = 0
    third_place_count: int = 0
    weighted_score: int = 0
    final_rank: int
    calculated_at: datetime = created_at_field()


class ContestAgentLog(SQLModel, table=True):
    """A post the contest agent decided on, with what its embed needs (title, colour, channel;
    a null channel means the guild's default announcement channel). Recorded even when the
    Discord bot is off; `discord_message_id` is filled once a post went out."""

    __tablename__ = "contest_agent_log"
    __table_args__ = ({"schema": PATT},)

    id: int = id_field()
    campaign_id: int = Field(foreign_key=f"{PATT}.campaigns.id", index=True, ondelete="CASCADE")
    event_type: str = Field(max_length=30)
    title: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    message: str = Field(sa_type=Text)
    colour: str = Field(
        default="#D4A84B", max_length=7, sa_column_kwargs={"server_default": "#D4A84B"}
    )
    channel_id: str | None = Field(default=None, max_length=32)
    leader_entry_id: int | None = Field(
        default=None, foreign_key=f"{PATT}.campaign_entries.id", ondelete="SET NULL"
    )
    discord_message_id: str | None = Field(default=None, max_length=32)
    posted_at: datetime = moment_field(nullable=False)


class RaidTimeVote(SQLModel, table=True):
    """A campaign opened by the raid-time studio: which candidate schedule each entry is
    (`specs`, one per line in entry order, as `tue,thu@21:00/America/New_York/180`), and when
    an officer applied the winner."""

    __tablename__ = "raid_time_votes"
    __table_args__ = ({"schema": PATT},)

    campaign_id: int = Field(
        foreign_key=f"{PATT}.campaigns.id", primary_key=True, ondelete="CASCADE"
    )
    specs: str = Field(sa_type=Text)
    applied_at: datetime | None = moment_field()
    applied_from: date | None = None
    applied_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    created_at: datetime = created_at_field()
