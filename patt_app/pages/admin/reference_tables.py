"""/admin/reference-tables: ranks, roles, raid seasons; classes and specs read-only."""

from __future__ import annotations

import reflex as rx

from patt_app.components.badges import class_dot
from patt_app.components.grid_rows import grid_header, grid_row
from patt_app.components.kit import card_section, note, soft_button
from patt_app.components.layout import officer_page
from patt_app.components.local_time import calendar_date
from patt_app.components.promotion_rules import promotion_rules_section
from patt_app.components.row_form import row_form
from patt_app.services.reference.reference_tables import ClassRow, RankRow, SeasonRow
from patt_app.states.admin.promotion_rules import AdminPromotionRulesState
from patt_app.states.admin.reference_tables import AdminReferenceTablesState as S
from patt_app.states.admin.reference_tables import RoleRow


def _cell_input(name: str, value, width: str = "100%", **props) -> rx.Component:
    return rx.input(name=name, default_value=value, key=value, size="1", width=width, **props)


RANK_COLUMNS = "60px 140px 80px 80px 170px 1fr 60px"
RANK_LABELS = ("Level", "Name", "Weight", "In-game index", "Discord role id", "Description")


def _rank_row(rank: RankRow) -> rx.Component:
    inputs = (
        _cell_input("level", rank.level.to_string(), type="number", min=1, max=10),
        _cell_input("name", rank.name),
        _cell_input("scheduling_weight", rank.scheduling_weight.to_string(), type="number", min=0),
        _cell_input("wow_rank_index", rank.wow_rank_index, type="number", min=0, max=9),
        _cell_input("discord_role_id", rank.discord_role_id, placeholder="role id"),
        _cell_input("description", rank.description),
    )
    return row_form(
        grid_row(
            list(zip(RANK_LABELS, inputs, strict=True)),
            rx.button("Save", size="1", type="submit"),
            RANK_COLUMNS,
            min_width="760px",
        ),
        id_field="rank_id",
        row_id=rank.id,
        on_submit=S.save_rank,
        class_name="rank-row",
    )


def _ranks() -> rx.Component:
    return card_section(
        "Ranks",
        note(
            "Higher level = higher rank; officers are level 4 and up. The scheduling weight "
            "counts in the heatmap. In-game index: 0 is the guild master."
        ),
        rx.box(
            rx.vstack(
                grid_header([*RANK_LABELS, ""], RANK_COLUMNS, min_width="760px"),
                rx.foreach(S.ranks, _rank_row),
                spacing="2",
            ),
            overflow_x="auto",
            width="100%",
        ),
        spacing="3",
    )


def _role_row(role: RoleRow) -> rx.Component:
    return row_form(
        rx.hstack(
            rx.box(width="1rem", height="1rem", border_radius="4px", background=role.colour),
            _cell_input("name", role.name, width="160px"),
            _cell_input("colour", role.colour, width="100px"),
            note(role.key, size="1", width="60px"),
            rx.button("Save", size="1", type="submit"),
            align="center",
        ),
        id_field="role_id",
        row_id=role.id,
        on_submit=S.save_role,
    )


def _season_row(season: SeasonRow) -> rx.Component:
    return rx.hstack(
        row_form(
            rx.hstack(
                _cell_input("name", season.name, width="300px"),
                soft_button("Rename", type="submit"),
            ),
            id_field="season_id",
            row_id=season.id,
            on_submit=S.rename_season,
        ),
        note("starts ", calendar_date(season.start_date)),
        rx.cond(season.is_current, rx.badge("current", color_scheme="amber")),
        rx.cond(season.is_active, rx.fragment(), rx.badge("inactive", color_scheme="gray")),
        rx.spacer(),
        rx.cond(
            season.is_active,
            soft_button(
                "Deactivate", color_scheme="gray", on_click=S.set_season_active(season.id, False)
            ),
            soft_button("Activate", on_click=S.set_season_active(season.id, True)),
        ),
        align="center",
        width="100%",
        wrap="wrap",
        class_name="season-row",
    )


def _seasons() -> rx.Component:
    return card_section(
        "Raid seasons",
        note("The current season is the active one with the latest start date on or before today."),
        rx.foreach(S.seasons, _season_row),
        rx.form(
            rx.hstack(
                rx.input(
                    name="name", placeholder="Season 3 - …", width="300px", id="new-season-name"
                ),
                rx.input(name="start_date", type="date", id="new-season-start"),
                rx.button("Create season", type="submit"),
                wrap="wrap",
            ),
            on_submit=S.create_season,
            reset_on_submit=True,
        ),
        spacing="3",
    )


def _class_card(cls: ClassRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            class_dot(cls.colour),
            rx.text(cls.name, color=cls.colour, weight="bold"),
            align="center",
        ),
        note(cls.specs.join(", ")),
        spacing="1",
    )


def _roles() -> rx.Component:
    return card_section("Roles", rx.foreach(S.roles, _role_row), spacing="2")


def _classes() -> rx.Component:
    return card_section(
        "Classes and specializations",
        note("Game data, read-only."),
        rx.grid(
            rx.foreach(S.classes, _class_card),
            columns=rx.breakpoints(initial="1", sm="2", md="3"),
            spacing="3",
            width="100%",
        ),
        spacing="3",
    )


@officer_page(
    route="/admin/reference-tables",
    title="Reference tables",
    state=S,
    loads=[S.load, AdminPromotionRulesState.load],
)
def reference_tables_page() -> tuple[rx.Component, ...]:
    return (_ranks(), _roles(), _seasons(), promotion_rules_section(), _classes())
