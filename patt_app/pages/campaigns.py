"""/campaigns: live votes first, then the results of closed ones."""

from __future__ import annotations

import reflex as rx

from patt_app.components.campaign_cards import status_badge
from patt_app.components.kit import card_grid, card_link, card_stack, note
from patt_app.components.layout import template
from patt_app.components.page_header import page_header
from patt_app.components.theme import GOLD
from patt_app.states.campaigns import CampaignCard
from patt_app.states.campaigns import CampaignsState as S


def _card(card: CampaignCard) -> rx.Component:
    return card_link(
        card_stack(
            rx.hstack(
                status_badge(card.status),
                note(card.entry_count, " entries", size="1"),
                align="center",
            ),
            rx.text(card.title, size="5", weight="bold", color=GOLD),
            rx.cond(
                card.status == "live",
                note("Closes ", rx.moment(card.end_iso, from_now=True)),
                rx.cond(
                    card.winner != "",
                    rx.hstack(
                        rx.icon("trophy", size=16, color=GOLD),
                        rx.text("Winner: ", card.winner, size="2"),
                        align="center",
                        spacing="2",
                    ),
                    note("No votes were cast"),
                ),
            ),
            spacing="1",
        ),
        "/vote/" + card.id.to_string(),
        class_name="campaign-card",
    )


@template(route="/campaigns", title="Campaigns", on_load=S.load)
def campaigns_page() -> rx.Component:
    return rx.vstack(
        page_header(
            "Guild votes", "Transmog contests, team names, farm nights: the guild decides, ranked."
        ),
        rx.heading("Voting now", size="4", padding_top="0.5rem"),
        card_grid(S.live, _card, "No vote is open right now.", id="no-live-campaigns"),
        rx.heading("Results", size="4", padding_top="0.5rem"),
        card_grid(S.closed, _card, "No closed votes yet."),
        spacing="3",
        width="100%",
        max_width="900px",
    )
