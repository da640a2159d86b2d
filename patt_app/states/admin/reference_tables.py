"""The reference tables screen: ranks, roles, raid seasons (editable); classes and specs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.reference import reference_tables as ref
from patt_app.services.reference.reference_tables import RoleRow
from patt_app.states.form_values import date_value, flag, record_id, whole_number
from patt_app.states.officer import LoadsScreen, OfficerState, officer_only


class AdminReferenceTablesState(LoadsScreen, OfficerState):
    """State of /admin/reference-tables."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER, Topic.EVENTS)
    live_topics: ClassVar[tuple[str, ...]] = ()

    ranks: list[ref.RankRow] = []
    roles: list[RoleRow] = []
    seasons: list[ref.SeasonRow] = []
    classes: list[ref.ClassRow] = []

    async def _reload(self) -> None:
        tables = await run_in_session(
            ref.load_reference_tables,
            today=datetime.now(UTC).date(),
            with_classes=not self.classes,
        )
        self.ranks, self.roles, self.seasons = tables.ranks, tables.roles, tables.seasons
        if tables.classes:
            self.classes = tables.classes

    @rx.event
    @officer_only
    async def save_rank(self, form_data: dict):
        return await self._apply(
            ref.update_rank,
            "Rank saved.",
            rank_id=record_id(form_data.get("rank_id"), "rank"),
            name=str(form_data.get("name", "")),
            level=whole_number(form_data.get("level"), "Level", low=1, high=10),
            scheduling_weight=whole_number(
                form_data.get("scheduling_weight"), "Scheduling weight", low=0, high=1000
            ),
            description=str(form_data.get("description", "")),
            discord_role_id=str(form_data.get("discord_role_id", "")),
            wow_rank_index=whole_number(
                form_data.get("wow_rank_index"), "In-game rank index", low=0, high=9, optional=True
            ),
            actor_level=self.actor.rank_level,
        )

    @rx.event
    @officer_only
    async def save_role(self, form_data: dict):
        return await self._apply(
            ref.update_role,
            "Role saved.",
            role_id=record_id(form_data.get("role_id"), "role"),
            name=str(form_data.get("name", "")),
            colour=str(form_data.get("colour", "")),
        )

    @rx.event
    @officer_only
    async def create_season(self, form_data: dict):
        return await self._apply(
            ref.create_season,
            "Season created.",
            name=str(form_data.get("name", "")),
            start_date=date_value(form_data.get("start_date", ""), "Start date"),
        )

    @rx.event
    @officer_only
    async def rename_season(self, form_data: dict):
        return await self._apply(
            ref.rename_season,
            "Season renamed.",
            season_id=record_id(form_data.get("season_id"), "season"),
            name=str(form_data.get("name", "")),
        )

    @rx.event
    @officer_only
    async def set_season_active(self, season_id: int, active: bool):
        active = flag(active, "Active")
        message = "Season activated." if active else "Season deactivated."
        return await self._apply(
            ref.set_season_active,
            message,
            season_id=record_id(season_id, "season"),
            active=active,
        )
