"""The player manager's unlinked characters (assign to a player) and unlinked Discord users
(link to a player)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.badges import class_dot
from patt_app.components.kit import note
from patt_app.components.theme import ITEM_STYLE
from patt_app.services.players.player_directory import CharacterChip, DiscordChip
from patt_app.states.admin.players import AdminPlayersState as S


def _assign_picker(char: CharacterChip) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder="Assign to…", size="1"),
        rx.select.content(rx.foreach(S.player_options, lambda p: rx.select.item(p[1], value=p[0]))),
        value="",
        on_change=lambda pid: S.assign_character(char.id, pid),
    )


def unlinked_character(char: CharacterChip) -> rx.Component:
    return rx.hstack(
        class_dot(char.class_colour),
        rx.vstack(
            rx.text(char.name, color=char.class_colour, weight="bold", size="2"),
            note(char.class_name, " · ", char.level, " · ", char.realm_name, size="1"),
            spacing="0",
        ),
        rx.spacer(),
        _assign_picker(char),
        align="center",
        style=ITEM_STYLE,
        class_name="unlinked-character",
    )


def unlinked_discord(user: DiscordChip) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text("@", user.username, weight="bold", size="2"),
            note(
                user.display_name,
                rx.cond(user.highest_role != "", rx.text.span(" · ", user.highest_role), ""),
                size="1",
            ),
            spacing="0",
        ),
        rx.spacer(),
        rx.select.root(
            rx.select.trigger(placeholder="Link to…", size="1"),
            rx.select.content(
                rx.foreach(S.player_options, lambda p: rx.select.item(p[1], value=p[0]))
            ),
            value="",
            on_change=lambda pid: S.link_discord(user.id, pid),
        ),
        align="center",
        style=ITEM_STYLE,
        class_name="unlinked-discord",
    )
