"""The landing page: the guild at a glance."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_link, card_stack, note
from patt_app.components.layout import GUILD_NAME, template
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED
from patt_app.states.landing import LandingState


def _stat(label: str, value: rx.Component, hint: rx.Component | str = "") -> rx.Component:
    return card_stack(
        note(label, text_transform="uppercase", letter_spacing="0.08em"),
        value,
        note(hint) if isinstance(hint, str) else hint,
        spacing="1",
    )


def _next_raid() -> rx.Component:
    return rx.cond(
        LandingState.next_raid_start != "",
        rx.vstack(
            rx.text(LandingState.next_raid_title, size="5", weight="bold"),
            rx.moment(
                LandingState.next_raid_start,
                format="dddd, MMMM D · h:mm A",
                local=True,
                color=GOLD,
                id="next-raid-time",
            ),
            spacing="1",
        ),
        rx.text("No raid scheduled", size="5", weight="bold"),
    )


def _live_campaign() -> rx.Component:
    return rx.cond(
        LandingState.campaign_id > 0,
        card_link(
            rx.hstack(
                rx.icon("vote", size=28, color=GOLD),
                rx.vstack(
                    note(
                        "Guild vote · live",
                        size="1",
                        text_transform="uppercase",
                        letter_spacing="0.08em",
                    ),
                    rx.text(LandingState.campaign_title, size="5", weight="bold"),
                    note(
                        LandingState.campaign_turnout,
                        " · closes ",
                        rx.moment(LandingState.campaign_end, from_now=True),
                    ),
                    spacing="1",
                    flex="1",
                ),
                rx.button("Vote", color_scheme="amber", size="3"),
                align="center",
                spacing="4",
                style=CARD_STYLE,
                border=f"1px solid {GOLD}",
                width="100%",
            ),
            "/vote/" + LandingState.campaign_id.to_string(),
            id="landing-campaign",
        ),
    )


def _hero() -> rx.Component:
    return rx.vstack(
        rx.heading(GUILD_NAME, size="9", color=GOLD, line_height="1.1"),
        rx.text("Casual heroic raiding on Sen'jin (US). Real life first.", size="4", color=MUTED),
        rx.hstack(
            rx.link(rx.button("See the roster", size="3", color_scheme="amber"), href="/roster"),
            spacing="3",
            padding_top="0.5rem",
        ),
        spacing="3",
        padding_y=["1.5rem", "3rem"],
    )


@template(route="/", title="Home", on_load=LandingState.load)
def index() -> rx.Component:
    """Guild name, current season, next raid, member count."""
    return rx.vstack(
        _hero(),
        rx.grid(
            _stat(
                "Members",
                rx.text(LandingState.member_count, size="8", weight="bold", id="member-count"),
                note(LandingState.raider_count, " on the raid roster"),
            ),
            _stat(
                "Current season",
                rx.text(
                    rx.cond(
                        LandingState.season_name != "", LandingState.season_name, "Between seasons"
                    ),
                    size="5",
                    weight="bold",
                    id="current-season",
                ),
            ),
            _stat("Next raid", _next_raid(), "shown in your local time"),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="4",
            width="100%",
        ),
        _live_campaign(),
        width="100%",
        spacing="5",
    )
