"""/admin/players: the player manager's three columns."""

from __future__ import annotations

import reflex as rx

from patt_app.components.badges import class_dot, verified_badge
from patt_app.components.kit import note
from patt_app.components.layout import template
from patt_app.components.officer_gate import officers_only
from patt_app.components.page_header import page_header
from patt_app.components.promotion_board import promotion_board
from patt_app.components.row_form import row_form
from patt_app.components.theme import GOLD, ITEM_STYLE, MUTED
from patt_app.pages.admin.player_dialogs import invite_dialog, reset_dialog
from patt_app.pages.admin.player_unlinked import unlinked_character, unlinked_discord
from patt_app.services.players.player_directory import CharacterChip, PlayerCard
from patt_app.states.admin.players import AdminPlayersState as S


def _character_line(player: PlayerCard, char: CharacterChip) -> rx.Component:
    return rx.hstack(
        class_dot(char.class_colour),
        rx.text(char.name, color=char.class_colour, weight="bold", size="2"),
        note(
            char.spec_name,
            " · ",
            char.level,
            rx.cond(char.item_level > 0, rx.text.span(" · ", char.item_level), ""),
            size="1",
        ),
        rx.cond(char.is_main, rx.badge("Main", color_scheme="amber", size="1")),
        rx.cond(char.is_offspec, rx.badge("Off-spec", color_scheme="gray", size="1")),
        rx.cond(char.is_verified, verified_badge()),
        rx.spacer(),
        rx.menu.root(
            rx.menu.trigger(
                rx.icon_button(
                    rx.icon("ellipsis", size=14),
                    size="1",
                    variant="ghost",
                    aria_label="Character actions",
                )
            ),
            rx.menu.content(
                rx.menu.item("Make main", on_click=S.make_main(player.id, char.id)),
                rx.menu.item("Make off-spec", on_click=S.make_offspec(player.id, char.id)),
                rx.menu.separator(),
                rx.menu.item("Unassign", color="tomato", on_click=S.unassign_character(char.id)),
            ),
        ),
        align="center",
        spacing="2",
        width="100%",
        class_name="player-character",
    )


def _rename(player: PlayerCard) -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(rx.button("Rename", size="1", variant="soft", color_scheme="gray")),
        rx.popover.content(
            row_form(
                rx.hstack(
                    rx.input(name="display_name", default_value=player.display_name, size="1"),
                    rx.popover.close(rx.button("Save", size="1", type="submit")),
                ),
                id_field="player_id",
                row_id=player.id,
                on_submit=S.rename_player,
            )
        ),
    )


def _player_actions(player: PlayerCard) -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.button("Actions", size="1", variant="soft", class_name="player-actions")
        ),
        rx.menu.content(
            rx.cond(
                ~player.has_account & player.is_active,
                rx.menu.item("Generate invite", on_click=S.generate_invite(player.id)),
            ),
            rx.cond(
                ~player.has_account & player.is_active & (player.discord_user_id > 0),
                rx.menu.item("Send invite by DM", on_click=S.send_invite_dm(player.id)),
            ),
            rx.cond(
                player.has_account,
                rx.menu.item("Password reset link", on_click=S.generate_reset_link(player.id)),
            ),
            rx.cond(
                player.has_account,
                rx.menu.item("Log out everywhere", on_click=S.log_out_everywhere(player.id)),
            ),
            rx.menu.sub(
                rx.menu.sub_trigger("Link Discord"),
                rx.menu.sub_content(
                    rx.foreach(
                        S.unlinked_discord,
                        lambda d: rx.menu.item(
                            "@", d.username, on_click=S.link_discord(d.id, player.id.to_string())
                        ),
                    )
                ),
            ),
            rx.cond(
                player.discord_user_id > 0,
                rx.menu.item("Unlink Discord", on_click=S.unlink_discord(player.id)),
            ),
            rx.menu.sub(
                rx.menu.sub_trigger("Rank override"),
                rx.menu.sub_content(
                    rx.menu.item(
                        "Automatic (from characters / Discord)",
                        on_click=S.set_rank_override(player.id, "auto"),
                    ),
                    rx.menu.separator(),
                    rx.foreach(
                        S.rank_options,
                        lambda r: rx.menu.item(r[1], on_click=S.set_rank_override(player.id, r[0])),
                    ),
                ),
            ),
            rx.menu.separator(),
            rx.cond(
                player.is_active,
                rx.menu.item("Deactivate", color="tomato", on_click=S.set_active(player.id, False)),
                rx.menu.item("Reactivate", on_click=S.set_active(player.id, True)),
            ),
        ),
    )


def _player(player: PlayerCard) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(player.display_name, weight="bold", class_name="player-name"),
            rx.text(player.rank_name, color=rx.cond(player.rank_level >= 4, GOLD, MUTED), size="2"),
            rx.cond(
                player.rank_source == "admin_override",
                rx.badge("override", size="1", color_scheme="orange"),
            ),
            rx.cond(~player.is_active, rx.badge("inactive", size="1", color_scheme="red")),
            rx.spacer(),
            _rename(player),
            _player_actions(player),
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.hstack(
            note(
                rx.cond(player.discord_username != "", "@" + player.discord_username, "no Discord"),
                size="1",
            ),
            note("·", size="1"),
            note(rx.cond(player.has_account, "has an account", "no account yet"), size="1"),
        ),
        rx.foreach(player.characters, lambda c: _character_line(player, c)),
        spacing="1",
        style=ITEM_STYLE,
        class_name="player-card",
        id="player-" + player.id.to_string(),
    )


def _column(title: str, count, *children: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.heading(title, size="4"), rx.badge(count, variant="soft"), align="center"),
        *children,
        spacing="2",
        width="100%",
        min_width="0",
    )


def _toolbar() -> rx.Component:
    return rx.flex(
        rx.input(
            placeholder="Search players, characters, Discord",
            value=S.search,
            on_change=S.set_search.debounce(250),
            width=["100%", "300px"],
            id="manager-search",
        ),
        rx.hstack(
            rx.switch(checked=S.show_inactive, on_change=S.set_show_inactive),
            rx.text("Show inactive", size="2"),
            align="center",
        ),
        rx.spacer(),
        rx.form(
            rx.hstack(
                rx.input(
                    name="display_name", placeholder="New player's name", id="new-player-name"
                ),
                rx.button("Create player", type="submit"),
            ),
            on_submit=S.create_player,
            reset_on_submit=True,
        ),
        gap="0.75rem",
        align="center",
        wrap="wrap",
        width="100%",
    )


@template(route="/admin/players", title="Player manager", on_load=[S.open_officer_page, S.load])
def players_page() -> rx.Component:
    """Players, unlinked characters and unlinked Discord users."""
    return officers_only(
        rx.vstack(
            page_header("Player manager"),
            _toolbar(),
            promotion_board(),
            rx.grid(
                _column(
                    "Players", S.visible_players.length(), rx.foreach(S.visible_players, _player)
                ),
                _column(
                    "Unlinked characters",
                    S.visible_characters.length(),
                    rx.foreach(S.visible_characters, unlinked_character),
                ),
                _column(
                    "Unlinked Discord users",
                    S.visible_discord.length(),
                    rx.foreach(S.visible_discord, unlinked_discord),
                ),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="4",
                width="100%",
                style={"grid_template_columns": rx.breakpoints(initial="1fr", md="2fr 1fr 1fr")},
            ),
            invite_dialog(),
            reset_dialog(),
            spacing="4",
            width="100%",
            style={"max_width": "100%"},
        )
    )
