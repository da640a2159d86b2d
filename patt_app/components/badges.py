"""Small coloured labels: roles, ranks, class names."""

from __future__ import annotations

import reflex as rx

from patt_app.components.theme import GOLD, ROLE_COLOURS


def role_badge(role_key: rx.Var[str] | str, role_name: rx.Var[str] | str) -> rx.Component:
    """A pill in the role's colour (Tank blue, Healer green, Melee red, Ranged amber)."""
    colour = rx.match(
        role_key,
        *[(key, value) for key, value in ROLE_COLOURS.items() if key != "unknown"],
        ROLE_COLOURS["unknown"],
    )
    return rx.box(
        role_name,
        color=colour,
        border_width="1px",
        border_style="solid",
        border_color=colour,
        border_radius="999px",
        padding_x="0.5rem",
        font_size="0.75rem",
        white_space="nowrap",
        display="inline-block",
    )


def rank_badge(rank_name: rx.Var[str] | str, rank_level: rx.Var[int] | int) -> rx.Component:
    """The guild rank; officers and the guild leader in gold."""
    return rx.text(
        rank_name,
        color=rx.cond(rank_level >= 4, GOLD, "#c9c5bd"),
        font_weight=rx.cond(rank_level >= 4, "600", "400"),
        size="2",
        white_space="nowrap",
    )


def class_dot(colour: rx.Var[str] | str) -> rx.Component:
    """A small dot in the class colour."""
    return rx.box(
        width="0.6rem",
        height="0.6rem",
        border_radius="999px",
        background=colour,
        flex_shrink="0",
    )


def verified_badge(size: str = "1") -> rx.Component:
    """A character its player proved with Battle.net."""
    return rx.badge(
        rx.icon("shield-check", size=12),
        "Verified",
        color_scheme="green",
        variant="soft",
        size=size,
        title="Proved by the player's Battle.net sign-in",
        class_name="verified-badge",
    )
