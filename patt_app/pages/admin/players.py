"""/admin/players: the player manager's three columns."""

from __future__ import annotations

import reflex as rx

from patt_app.components.badges import class_dot, verified_badge
from patt_app.components.kit import note, soft_button, switch_line, wrap_row
from patt_app.components.layout import officer_page
from patt_app.components.promotion_board import promotion_board
from patt_app.components.row_form import popover_row_form
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
    return popover_row_form(
        soft_button("Rename", color_scheme="gray"),
        rx.input(name="display_name", default_value=player.display_name, size="1"),
        submit=rx.button("Save", size="1", type="submit"),
        id_field="player_id",
        row_id=player.id,
        on_submit=S.rename_player,
        across=True,
    )


def _item_if(shown, label: str, on_click, **props) -> rx.Component:
    return rx.cond(shown, rx.menu.item(label, on_click=on_click, **props))


def _submenu(label: str, *items: rx.Component) -> rx.Component:
    return rx.menu.sub(rx.menu.sub_trigger(label), rx.menu.sub_content(*items))


def _account_items(player: PlayerCard) -> list[rx.Component]:
    """Invite or reset link, by the officer or by Discord DM; end every login."""
    invitable = ~player.has_account & player.is_active
    return [
        _item_if(invitable, "Generate invite", S.generate_invite(player.id)),
        _item_if(
            invitable & (player.discord_user_id > 0),
            "Send invite by DM",
            S.send_invite_dm(player.id),
        ),
        _item_if(player.has_account, "Password reset link", S.generate_reset_link(player.id)),
        _item_if(player.has_account, "Log out everywhere", S.log_out_everywhere(player.id)),
    ]


def _discord_and_rank_items(player: PlayerCard) -> list[rx.Component]:
    pid = player.id.to_string()
    return [
        _submenu(
            "Link Discord",
            rx.foreach(
                S.unlinked_discord,
                lambda d: rx.menu.item("@", d.username, on_click=S.link_discord(d.id, pid)),
            ),
        ),
        _item_if(player.discord_user_id > 0, "Unlink Discord", S.unlink_discord(player.id)),
        _submenu(
            "Rank override",
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
    ]


def _player_actions(player: PlayerCard) -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(soft_button("Actions", class_name="player-actions")),
        rx.menu.content(
            *_account_items(player),
            *_discord_and_rank_items(player),
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


def _column(title: str, key: str, count, *children: rx.Component) -> rx.Component:
    """One of the three columns; on a phone only the one picked above them is shown."""
    return rx.vstack(
        rx.hstack(rx.heading(title, size="4"), rx.badge(count, variant="soft"), align="center"),
        *children,
        spacing="2",
        width="100%",
        min_width="0",
        display=rx.breakpoints(initial=rx.cond(S.phone_list == key, "flex", "none"), md="flex"),
        id=f"column-{key}",
    )


def _phone_picker() -> rx.Component:
    """On a phone the columns stand one at a time: which one (a desktop shows all three)."""
    return rx.segmented_control.root(
        rx.segmented_control.item("Players", value="players"),
        rx.segmented_control.item("Characters", value="characters"),
        rx.segmented_control.item("Discord", value="discord"),
        value=S.phone_list,
        on_change=S.show_list,
        width="100%",
        display=rx.breakpoints(initial="grid", md="none"),
        id="phone-list-picker",
    )


def _toolbar() -> rx.Component:
    return wrap_row(
        rx.input(
            placeholder="Search players, characters, Discord",
            value=S.search,
            on_change=S.set_search.debounce(250),
            width=["100%", "300px"],
            id="manager-search",
        ),
        switch_line(S.show_inactive, S.set_show_inactive, "Show inactive", size="2"),
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
        width="100%",
    )


@officer_page(route="/admin/players", title="Player manager", state=S, style={"max_width": "100%"})
def players_page() -> tuple[rx.Component, ...]:
    """Players, unlinked characters and unlinked Discord users."""
    return (
        _toolbar(),
        promotion_board(),
        _phone_picker(),
        rx.grid(
            _column(
                "Players",
                "players",
                S.visible_players.length(),
                rx.foreach(S.visible_players, _player),
            ),
            _column(
                "Unlinked characters",
                "characters",
                S.visible_characters.length(),
                rx.foreach(S.visible_characters, unlinked_character),
            ),
            _column(
                "Unlinked Discord users",
                "discord",
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
    )
