"""/admin/onboarding: who the bot is welcoming on Discord, and where each conversation stands."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_section
from patt_app.components.layout import officer_page
from patt_app.components.local_time import local_time
from patt_app.components.tables import simple_table
from patt_app.components.theme import MUTED
from patt_app.states.admin.onboarding import AdminOnboardingState as S
from patt_app.states.admin.onboarding import OnboardingRow


def _row(row: OnboardingRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row.member, weight="bold")),
        rx.table.cell(
            rx.vstack(
                rx.hstack(
                    rx.badge(row.state, color_scheme=row.state_colour, variant="soft"),
                    rx.cond(row.escalated, rx.badge("escalated", color_scheme="orange")),
                ),
                rx.cond(
                    row.can_confirm,
                    rx.button(
                        "Confirm claim",
                        size="1",
                        color_scheme="green",
                        on_click=S.confirm(row.id),
                        class_name="confirm-claim",
                        title="You know this member plays the main they named: set them up",
                    ),
                ),
                spacing="1",
            )
        ),
        rx.table.cell(rx.text(row.answers, size="2"), max_width="320px"),
        rx.table.cell(row.player),
        rx.table.cell(local_time(row.started, S.viewer_zone)),
        rx.table.cell(local_time(row.deadline, S.viewer_zone)),
        class_name="onboarding-row",
    )


@officer_page(
    route="/admin/onboarding",
    title="Onboarding",
    state=S,
    intro="When someone joins the Discord server the bot asks them by DM whether they are "
    "in the guild, their main and their alts, finds the main on the roster, then "
    "sets them up: player, characters, an invite by DM and their Discord role. "
    "A main that already belongs to another player is only a claim: the newcomer "
    "waits (awaiting proof) until they link Battle.net on their profile, or an "
    "officer who knows them presses Confirm claim. "
    "A question unanswered for 5 minutes times out; anyone not set up after 24 hours "
    "is reported in the audit channel. On Discord, officers use /onboard-status, "
    "/onboard-resolve, /onboard-dismiss and /onboard-retry.",
)
def onboarding_page() -> tuple[rx.Component, ...]:
    return (
        rx.cond(
            ~S.enabled,
            rx.callout(
                rx.text(
                    "Onboarding is switched off: newcomers are not contacted. Switch it on at ",
                    rx.link("Discord", href="/admin/discord"),
                    ".",
                ),
                icon="info",
                color_scheme="amber",
                id="onboarding-off",
            ),
        ),
        card_section(
            "Sessions",
            rx.cond(
                S.sessions.length() > 0,
                simple_table(
                    ("Member", "State", "Answers", "Player", "Joined", "Deadline"),
                    S.sessions,
                    _row,
                ),
                rx.text("Nobody has been onboarded yet.", color=MUTED, id="no-sessions"),
            ),
        ),
    )
