"""/admin/raid-times: the raid-time studio. Candidates typed or brought from the finder
(`?candidate=…`), compared side by side; "Ask the raiders" opens the vote; "Apply" puts a
closed vote's winner in place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.campaigns.officer_view import officer_campaigns
from patt_app.services.campaigns.raid_time_vote import (
    apply_raid_time_vote,
    open_raid_time_vote,
    studio_votes,
)
from patt_app.services.errors import InvalidInput
from patt_app.services.raids.raid_time_candidates import MAX_CANDIDATES, MIN_CANDIDATES
from patt_app.services.raids.raid_time_compare import CandidateResult, Mover
from patt_app.services.raids.raid_time_studio import compare_raid_times
from patt_app.states.form_values import date_value, whole_number
from patt_app.states.officer import OfficerState, officer_only

STARTERS = [  # what a new row starts with, for the officer to edit
    "tue,thu@20:00/America/Chicago/180",
    "wed,sun@20:00/America/Chicago/180",
    "mon,thu@21:00/America/New_York/180",
    "sat@19:00/America/Chicago/240",
]


def _with_starters(candidates: list[str], count: int) -> list[str]:
    """`candidates` filled up to `count` rows with starters not among them."""
    spare = [s for s in STARTERS if s not in candidates]
    return candidates + spare[: max(0, count - len(candidates))]


@dataclass
class StudioWeekRow:
    week: str  # "8 Mar"
    night_iso: str  # the weakest night's start (shown in the officer's zone)
    expected: str
    spread: str  # "16–21"
    roles: str
    needs: str


@dataclass
class StudioCard:
    spec: str
    label: str
    weeks: list[StudioWeekRow]
    gains: list[str]
    losses: list[str]
    dst: list[str]


@dataclass
class StudioVoteRow:
    id: int
    status: str
    ends_iso: str
    winner: str
    applied: str  # "" or "applied from 14 Dec 2026"


def _mover(m: Mover) -> str:
    return (
        f"{m.name} ({m.zone}; {m.covered_now}/{m.raids_now} now → {m.covered_then}/{m.raids_then})"
    )


def _card(result: CandidateResult) -> StudioCard:
    def role_text(roles: dict[str, float]) -> str:
        return (
            f"T {roles['tank']:.1f} · H {roles['healer']:.1f} · "
            f"DPS {roles['melee'] + roles['ranged']:.1f}"
        )

    return StudioCard(
        spec=result.candidate.spec,
        label=result.candidate.label,
        weeks=[
            StudioWeekRow(
                week=f"{w.week_start.day} {w.week_start:%b}",
                night_iso=w.night.start.isoformat(),
                expected=f"{w.night.expected:.1f}",
                spread=f"{w.night.low}–{w.night.high}",
                roles=role_text(w.night.by_role),
                needs="; ".join(w.night.needs),
            )
            for w in result.weeks
        ],
        gains=[_mover(m) for m in result.gains],
        losses=[_mover(m) for m in result.losses],
        dst=result.dst,
    )


class AdminRaidTimesState(OfficerState):
    """State of /admin/raid-times."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.CAMPAIGNS, Topic.EVENTS)

    officer_zone: str = "UTC"
    candidates: list[str] = []
    cards: list[StudioCard] = []
    span: str = ""  # "8 weeks from Mon 7 Dec 2026; the current schedule has 16 raids in them"
    problem: str = ""
    ranks: list[list[str]] = []  # [level, name]
    votes: list[StudioVoteRow] = []

    async def _reload(self) -> None:
        view = await run_in_session(officer_campaigns, player_id=self.actor.player_id)
        self.officer_zone = view.timezone
        self.ranks = [[str(level), name] for level, name in view.ranks]
        rows = await run_in_session(studio_votes)
        self.votes = [
            StudioVoteRow(
                id=v.campaign_id,
                status=v.status,
                ends_iso=v.ends_at.isoformat(),
                winner=v.winner,
                applied=f"applied from {v.applied_from:%d %b %Y}" if v.applied_from else "",
            )
            for v in rows
        ]

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()
        asked = self.router.url.query_parameters.get("candidate")
        brought = [asked] if isinstance(asked, str) else list(asked or [])
        brought = [str(c)[:200] for c in brought][:MAX_CANDIDATES]
        self.candidates = _with_starters(brought, MIN_CANDIDATES)
        self.cards, self.problem = [], ""

    @rx.event
    @officer_only
    async def set_candidate(self, index: int, value: str):
        if 0 <= int(index) < len(self.candidates):
            self.candidates[int(index)] = str(value)[:200]

    @rx.event
    @officer_only
    async def add_candidate(self):
        if len(self.candidates) < MAX_CANDIDATES:
            self.candidates = _with_starters(self.candidates, len(self.candidates) + 1)

    @rx.event
    @officer_only
    async def remove_candidate(self, index: int):
        if len(self.candidates) > MIN_CANDIDATES and 0 <= int(index) < len(self.candidates):
            self.candidates.pop(int(index))

    @rx.event
    @officer_only
    async def compare(self):
        try:
            result = await run_in_session(
                compare_raid_times, candidates=list(self.candidates), now=datetime.now(UTC)
            )
        except InvalidInput as refused:
            self.problem, self.cards = str(refused), []
            return None
        self.problem = ""
        self.cards = [_card(c) for c in result.candidates]
        self.span = (
            f"8 weeks from Monday {result.from_day.day} {result.from_day:%B %Y}; the current "
            f"schedule has {result.current_raids} raids in them."
        )
        return None

    @rx.event
    @officer_only
    async def ask_raiders(self, form_data: dict):
        campaign = await run_in_session(
            open_raid_time_vote,
            candidates=list(self.candidates),
            min_rank_to_vote=whole_number(form_data.get("min_rank"), "Minimum rank", low=0, high=9),
            duration_hours=24
            * whole_number(form_data.get("days"), "Days the vote stays open", low=1, high=30),
            now=datetime.now(UTC),
            created_by_player_id=self.actor.player_id,
        )
        return await self._confirm(f"The vote is open: /vote/{campaign.id}")

    @rx.event
    @officer_only
    async def apply_vote(self, form_data: dict):
        from_day = date_value(form_data.get("from_day"), "First day of the new schedule")
        applied = await run_in_session(
            apply_raid_time_vote,
            campaign_id=whole_number(form_data.get("campaign_id"), "Vote", low=1, high=2**31 - 1),
            from_day=from_day,
            weeks=whole_number(form_data.get("weeks"), "Weeks", low=1, high=26),
            title=" ".join(str(form_data.get("title") or "Raid night").split())[:120],
            now=datetime.now(UTC),
            applied_by_player_id=self.actor.player_id,
        )
        return await self._confirm(
            f"{applied.schedule}: {applied.created} raids created, "
            f"{applied.cancelled} old raids cancelled."
        )
