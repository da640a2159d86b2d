"""The ballot of /vote/<id>: entry cards to tap 1st, 2nd, 3rd… and the bar that submits."""

from __future__ import annotations

import reflex as rx

from patt_app.components.campaign_cards import entry_picture
from patt_app.components.kit import note
from patt_app.components.theme import BORDER, CARD, GOLD, MUTED, SURFACE
from patt_app.states.vote import VoteEntry
from patt_app.states.vote import VoteState as S


def _pick_badge(entry: VoteEntry) -> rx.Component:
    """The entry's place on my ballot (1, 2, 3…), or a plus to pick it."""
    picked = entry.pick != ""
    return rx.center(
        rx.cond(picked, rx.text(entry.pick, weight="bold"), rx.icon("plus", size=18)),
        min_width="3rem",
        height="3rem",
        border_radius="999px",
        background=rx.cond(picked, GOLD, "transparent"),
        color=rx.cond(picked, "#0a0a0b", MUTED),
        border=rx.cond(picked, f"2px solid {GOLD}", f"2px dashed {BORDER}"),
        class_name="pick-badge",
    )


def entry_card(entry: VoteEntry) -> rx.Component:
    name = rx.vstack(
        rx.text(entry.name, weight="bold", size="4"),
        rx.cond(entry.player_name != "", note(entry.player_name, size="1")),
        spacing="0",
        flex="1",
    )
    return rx.box(
        rx.vstack(
            entry_picture(entry.image_url),
            rx.hstack(
                name,
                rx.cond(S.page_state == "can_vote", _pick_badge(entry)),
                width="100%",
                align="center",
            ),
            rx.cond(entry.description != "", note(entry.description)),
            spacing="2",
            width="100%",
        ),
        on_click=S.pick(entry.id),
        cursor=rx.cond(S.page_state == "can_vote", "pointer", "default"),
        background=CARD,
        border=rx.cond(entry.pick != "", f"2px solid {GOLD}", f"1px solid {BORDER}"),
        border_radius="12px",
        padding="0.75rem",
        width="100%",
        class_name="vote-entry",
        custom_attrs={"data-pick": entry.pick},
    )


def _ballot_buttons() -> rx.Component:
    return rx.hstack(
        rx.button(
            rx.cond(
                S.picks_complete, "Submit my ballot", "Pick " + S.picks_left.to_string() + " more"
            ),
            on_click=S.submit_ballot,
            disabled=~S.picks_complete,
            size="3",
            color_scheme="amber",
            flex="1",
            id="submit-ballot",
        ),
        rx.cond(
            S.picks.length() > 0,
            rx.button(
                "Clear", on_click=S.clear_picks, size="3", variant="soft", color_scheme="gray"
            ),
        ),
        width="100%",
    )


def _ballot_bar() -> rx.Component:
    """Sticky at the bottom of the phone: my picks so far and the submit button."""
    return rx.box(
        rx.vstack(
            rx.cond(
                S.picks.length() > 0,
                rx.text(S.picked_names.join(" · "), size="2", id="picked-names"),
                note("Tap your favourite first, then your 2nd and 3rd. Tap again to undo."),
            ),
            _ballot_buttons(),
            spacing="2",
            width="100%",
        ),
        position="sticky",
        bottom="0",
        padding="0.75rem",
        background=SURFACE,
        border_top=f"1px solid {GOLD}",
        border_radius="12px 12px 0 0",
        width="100%",
        z_index="5",
    )


def ballot_form() -> rx.Component:
    return rx.vstack(
        note(
            "Rank your top ",
            S.picks_per_voter,
            ": 1st is worth ",
            S.picks_per_voter,
            " points, the last pick 1. One ballot each; you can change your picks until you "
            "submit.",
        ),
        rx.foreach(S.entries, entry_card),
        _ballot_bar(),
        spacing="3",
        width="100%",
    )
