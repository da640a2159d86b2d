"""/admin/players' promotion board: who is due for promotion and who has a warning, with the
numbers behind each; "Promote" (services/raids/promotion_view.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.raids.promotion_view import BoardLine, promote, promotion_board
from patt_app.states.form_values import record_id
from patt_app.states.officer import LoadsScreen, OfficerState, officer_only


class AdminPromotionBoardState(LoadsScreen, OfficerState):
    """The promotion board of /admin/players."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER,)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER, Topic.EVENTS)

    due: list[BoardLine] = []
    warnings: list[BoardLine] = []
    board_loaded: bool = False

    async def _reload(self) -> None:
        board = await run_in_session(promotion_board, now=datetime.now(UTC))
        self.due, self.warnings = board.due, board.warnings
        self.board_loaded = True

    @rx.event
    @officer_only
    async def promote(self, player_id: int, rule_id: int):
        said = await run_in_session(
            promote,
            player_id=record_id(player_id, "player"),
            rule_id=record_id(rule_id, "rule"),
            actor_player_id=self.actor.player_id,
            now=datetime.now(UTC),
        )
        return await self._confirm(said)
