"""/campaigns: live votes first, then the results of closed ones."""

from __future__ import annotations

import reflex as rx

from patt_app.components.campaign_cards import status_badge
from patt_app.components.layout import template
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED
from patt_app.states.campaigns import CampaignCard
from patt_app.states.campaigns import CampaignsState as S


def _card(card: CampaignCard) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(
                status_badge(card.status),
                rx.text(card.entry_count, " entries", size="1", color=MUTED),
                align="center",
            ),
            rx.text(card.title, size="5", weight="bold", color=GOLD),
            rx.cond(
                card.status == "live",
                rx.text("Closes ", rx.moment(card.end_iso, from_now=True), size="2", color=MUTED),
                rx.cond(
                    card.winner != "",
                    rx.hstack(
                        rx.icon("trophy", size=16, color=GOLD),
                        rx.text("Winner: ", card.winner, size="2"),
                        align="center",
                        spacing="2",
                    ),
                    rx.text("No votes were cast", size="2", color=MUTED),
                ),
            ),
            spacing="1",
            style=CARD_STYLE,
            width="100%",
        ),
        href="/vote/" + card.id.to_string(),
        underline="none",
        color="inherit",
        width="100%",
        class_name="campaign-card",
    )


@template(route="/campaigns", title="Campaigns", on_load=S.load)
def campaigns_page() -> rx.Component:
    return rx.vstack(
        rx.heading("Guild votes", size="7", color=GOLD),
        rx.text(
            "Transmog contests, team names, farm nights: the guild decides, ranked.", color=MUTED
        ),
        rx.heading("Voting now", size="4", padding_top="0.5rem"),
        rx.cond(
            S.live.length() > 0,
            rx.grid(
                rx.foreach(S.live, _card),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.text("No vote is open right now.", color=MUTED, id="no-live-campaigns"),
        ),
        rx.heading("Results", size="4", padding_top="0.5rem"),
        rx.cond(
            S.closed.length() > 0,
            rx.grid(
                rx.foreach(S.closed, _card),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.text("No closed votes yet.", color=MUTED),
        ),
        spacing="3",
        width="100%",
        max_width="900px",
    )
