"""The reference tables screen: ranks, roles, raid seasons (editable); classes and specs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services import reference_tables as ref
from patt_app.services.errors import InvalidInput
from patt_app.states.officer import OfficerState, officer_only


@dataclass
class RoleRow:
    id: int
    name: str
    key: str
    colour: str


def _int(value, label: str, *, optional: bool = False) -> int | None:
    text = str(value if value is not None else "").strip()
    if optional and text == "":
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{label} must be a whole number.") from None


def _date(value) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput("Give the start date as YYYY-MM-DD.") from None


class ReferenceTablesState(OfficerState):
    """State of /admin/reference-tables."""

    ranks: list[ref.RankRow] = []
    roles: list[RoleRow] = []
    seasons: list[ref.SeasonRow] = []
    classes: list[ref.ClassRow] = []

    async def _reload(self) -> None:
        today = datetime.now(UTC).date()
        self.ranks = await run_in_session(ref.list_ranks)
        roles = await run_in_session(ref.list_roles)
        self.roles = [RoleRow(id=r.id, name=r.name, key=r.key, colour=r.colour) for r in roles]
        self.seasons = await run_in_session(ref.list_seasons, today=today)
        if not self.classes:
            self.classes = await run_in_session(ref.list_classes)

    async def _change(self, fn, message: str, **kwargs):
        await run_in_session(fn, **kwargs)
        await self._reload()
        return rx.toast.success(message)

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()

    @rx.event
    @officer_only
    async def save_rank(self, rank_id: int, form_data: dict):
        return await self._change(
            ref.update_rank,
            "Rank saved.",
            rank_id=_int(rank_id, "Id"),
            name=str(form_data.get("name", "")),
            level=_int(form_data.get("level"), "Level"),
            scheduling_weight=_int(form_data.get("scheduling_weight"), "Scheduling weight"),
            description=str(form_data.get("description", "")),
            discord_role_id=str(form_data.get("discord_role_id", "")),
            wow_rank_index=_int(
                form_data.get("wow_rank_index"), "In-game rank index", optional=True
            ),
        )

    @rx.event
    @officer_only
    async def save_role(self, role_id: int, form_data: dict):
        return await self._change(
            ref.update_role,
            "Role saved.",
            role_id=_int(role_id, "Id"),
            name=str(form_data.get("name", "")),
            colour=str(form_data.get("colour", "")),
        )

    @rx.event
    @officer_only
    async def create_season(self, form_data: dict):
        return await self._change(
            ref.create_season,
            "Season created.",
            name=str(form_data.get("name", "")),
            start_date=_date(form_data.get("start_date", "")),
        )

    @rx.event
    @officer_only
    async def rename_season(self, season_id: int, form_data: dict):
        return await self._change(
            ref.rename_season,
            "Season renamed.",
            season_id=_int(season_id, "Id"),
            name=str(form_data.get("name", "")),
        )

    @rx.event
    @officer_only
    async def set_season_active(self, season_id: int, active: bool):
        message = "Season activated." if active else "Season deactivated."
        return await self._change(
            ref.set_season_active, message, season_id=_int(season_id, "Id"), active=bool(active)
        )
