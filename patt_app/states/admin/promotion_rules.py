"""The promotion and warning rules on /admin/reference-tables: officers add, change and delete
them (services/reference/promotion_rule_table.py)."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.reference import promotion_rule_table as rule_table
from patt_app.services.reference.reference_tables import list_ranks
from patt_app.states.form_values import choice, optional_id, record_id, whole_number
from patt_app.states.officer import LoadsScreen, OfficerState, officer_only


def _rule_input(form_data: dict[str, Any]) -> rule_table.RuleInput:
    return rule_table.RuleInput(
        kind=choice(form_data.get("kind"), "Kind", ("promotion", "warning")),
        from_rank_id=optional_id(form_data.get("from_rank_id"), "rank"),
        to_rank_id=optional_id(form_data.get("to_rank_id"), "rank"),
        weeks=whole_number(form_data.get("weeks"), "Weeks", low=1, high=26),
        min_raids=whole_number(form_data.get("min_raids"), "Raids", low=0, high=100),
        min_percent=whole_number(form_data.get("min_percent"), "Attendance %", low=0, high=100),
        no_shows=whole_number(form_data.get("no_shows"), "No-shows", low=0, high=100),
    )


def _load(*, session: Any) -> tuple[list[rule_table.RuleRow], list[list[str]]]:
    ranks = [[str(r.id), r.name] for r in list_ranks(session=session)]
    return rule_table.list_rules(session=session), ranks


class AdminPromotionRulesState(LoadsScreen, OfficerState):
    """The rules section of /admin/reference-tables."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER,)
    live_topics: ClassVar[tuple[str, ...]] = ()

    rules: list[rule_table.RuleRow] = []
    rank_options: list[list[str]] = []  # [id, name]

    async def _reload(self) -> None:
        self.rules, self.rank_options = await run_in_session(_load)

    @rx.event
    @officer_only
    async def save_rule(self, form_data: dict):
        return await self._apply(
            rule_table.update_rule,
            "Rule saved.",
            rule_id=record_id(form_data.get("rule_id"), "rule"),
            rule=_rule_input(form_data),
        )

    @rx.event
    @officer_only
    async def add_rule(self, form_data: dict):
        return await self._apply(rule_table.add_rule, "Rule added.", rule=_rule_input(form_data))

    @rx.event
    @officer_only
    async def delete_rule(self, rule_id: int):
        return await self._apply(
            rule_table.delete_rule, "Rule deleted.", rule_id=record_id(rule_id, "rule")
        )
