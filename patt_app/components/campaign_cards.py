"""Pieces of the campaign pages: entry cards, the standings list, the podium, status badges."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import note
from patt_app.components.theme import BACKGROUND, BORDER, CARD, GOLD, MUTED, SURFACE

STATUS_COLOURS = {"live": "green", "draft": "gray", "closed": "amber", "archived": "gray"}


def status_badge(status: rx.Var[str]) -> rx.Component:
    return rx.match(
        status,
        ("live", rx.badge("live", color_scheme="green", variant="solid")),
        ("draft", rx.badge("draft", color_scheme="gray")),
        ("closed", rx.badge("closed", color_scheme="amber")),
        rx.badge(status, color_scheme="gray"),
    )


def entry_picture(url: rx.Var[str], height: str = "160px") -> rx.Component:
    return rx.cond(
        url != "",
        rx.image(
            src=url,
            alt="",
            width="100%",
            height=height,
            object_fit="cover",
            border_radius="8px",
            loading="lazy",
        ),
    )


def _points(s, **props) -> rx.Component:
    return rx.text(s.points, rx.cond(s.points == 1, " pt", " pts"), **props)


def _bar(width) -> rx.Component:
    """A thin gold bar `width` long on a grey track."""
    return rx.box(
        rx.box(height="6px", width=width, background=GOLD, border_radius="3px"),
        width="100%",
        background=BORDER,
        border_radius="3px",
    )


def _standing_row(s, show_mine: bool) -> rx.Component:
    name = rx.hstack(
        rx.text(s.name, weight="medium"),
        rx.cond(
            show_mine & (s.mine != ""),
            rx.badge("my " + s.mine, color_scheme="amber", variant="soft"),
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )
    points = rx.vstack(
        _points(s, weight="bold", white_space="nowrap"),
        note(s.first_place_votes, " × 1st", size="1", white_space="nowrap"),
        spacing="0",
        align="end",
    )
    return rx.box(
        rx.hstack(
            rx.text(s.position, weight="bold", color=GOLD, width="1.6rem", flex_shrink="0"),
            rx.vstack(name, _bar(s.bar), spacing="1", width="100%"),
            points,
            align="center",
            width="100%",
            spacing="3",
        ),
        padding="0.6rem 0.75rem",
        border_bottom=f"1px solid {BORDER}",
        class_name="standing-row",
        width="100%",
    )


def standings_list(rows, *, show_mine: bool = False) -> rx.Component:
    """Position, name, points with a bar, first-place votes; one row per entry."""
    return rx.box(
        rx.foreach(rows, lambda s: _standing_row(s, show_mine)),
        background=CARD,
        border=f"1px solid {BORDER}",
        border_radius="12px",
        overflow="hidden",
        width="100%",
        id="standings",
    )


def _step(s, height: str, order: str) -> rx.Component:
    """One entry's step of the podium, `height` tall, `order` from the left."""
    return rx.vstack(
        rx.text(s.name, weight="bold", size="2", text_align="center"),
        _points(s, size="1", color=MUTED),
        rx.center(
            rx.text(s.position, size="6", weight="bold", color=BACKGROUND),
            background=GOLD,
            opacity=rx.cond(s.position == 1, "1", "0.75"),
            height=height,
            width="100%",
            border_radius="8px 8px 0 0",
        ),
        spacing="1",
        align="center",
        justify="end",
        flex="1",
        order=order,
        min_width="0",
    )


def podium(rows) -> rx.Component:
    """The top three as steps: second, first, third."""
    return rx.hstack(
        rx.foreach(
            rows,
            lambda s: rx.match(
                s.position,
                (1, _step(s, "96px", "2")),
                (2, _step(s, "64px", "1")),
                _step(s, "44px", "3"),
            ),
        ),
        align="end",
        width="100%",
        spacing="2",
        padding="1rem",
        background=SURFACE,
        border_radius="12px",
        id="podium",
    )
