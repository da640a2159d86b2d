"""/admin/raid-times: the raid-time studio — 2 to 4 candidate schedules side by side, the vote
among them, and applying the winner."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_section, card_stack, form_row, note
from patt_app.components.layout import officer_page
from patt_app.components.local_time import local_time
from patt_app.components.row_form import row_form
from patt_app.components.theme import GOLD, ITEM_STYLE
from patt_app.states.admin.raid_times import AdminRaidTimesState as S
from patt_app.states.admin.raid_times import StudioCard, StudioVoteRow, StudioWeekRow

INTRO = (
    "Compare 2 to 4 weekly schedules over the next 8 weeks: the turnout forecast as if the "
    "raids were held then (each week its weakest night), who is newly free or no longer free "
    "compared with today's raids, and the clock changes. Write each as "
    "weekdays@start/zone/minutes, e.g. tue,thu@21:00/America/New_York/180."
)
WRAP = {"overflow_wrap": "anywhere", "min_width": "0"}


def _candidate_input(spec: rx.Var, index: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text((index + 1).to_string(), weight="bold", color=GOLD, width="1.2em"),
        rx.input(
            value=spec,
            on_change=lambda v: S.set_candidate(index, v),
            width="100%",
            class_name="studio-candidate",
            aria_label="Candidate schedule",
        ),
        rx.cond(
            S.candidates.length() > 2,
            rx.icon_button(
                "x",
                size="1",
                variant="soft",
                on_click=S.remove_candidate(index),
                aria_label="Remove candidate",
            ),
        ),
        width="100%",
        align="center",
    )


def _editor() -> rx.Component:
    return card_stack(
        rx.foreach(S.candidates, _candidate_input),
        rx.hstack(
            rx.cond(
                S.candidates.length() < 4,
                rx.button("Add a candidate", variant="soft", on_click=S.add_candidate),
            ),
            rx.button("Compare", on_click=S.compare, id="studio-compare"),
            spacing="2",
            wrap="wrap",
        ),
        rx.cond(S.problem != "", rx.callout(S.problem, color_scheme="red", id="studio-problem")),
        spacing="3",
    )


def _week(row: StudioWeekRow) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text("Week of ", row.week, weight="bold", size="2"),
            rx.text(row.expected, " (", row.spread, ")", size="2", color=GOLD),
            wrap="wrap",
            spacing="2",
        ),
        note(local_time(row.night_iso, S.officer_zone), " · ", row.roles, size="1"),
        rx.cond(row.needs != "", rx.text("⚠ ", row.needs, size="1", color="#fbbf24")),
        class_name="studio-week",
        style={"border_top": "1px solid #2a2a2e", "padding": "0.35rem 0", **WRAP},
        width="100%",
    )


def _names(title: str, names: rx.Var, colour: str, cls: str) -> rx.Component:
    return rx.el.details(
        rx.el.summary(title, " (", names.length().to_string(), ")", style={"cursor": "pointer"}),
        rx.foreach(names, lambda n: rx.text(n, size="1", style=WRAP)),
        class_name=cls,
        style={"color": colour, **WRAP},
    )


def _card(card: StudioCard) -> rx.Component:
    return rx.vstack(
        rx.heading(card.label, size="3", color=GOLD, style=WRAP),
        note(card.spec, size="1", style=WRAP),
        rx.foreach(card.weeks, _week),
        _names("Newly free", card.gains, "#4ade80", "studio-gains"),
        _names("No longer free", card.losses, "#f87171", "studio-losses"),
        rx.foreach(card.dst, lambda d: rx.text("🕑 ", d, size="1", color="#fbbf24", style=WRAP)),
        style={**ITEM_STYLE, **WRAP},
        spacing="1",
        class_name="studio-card",
    )


def _label(text: str, control: rx.Component) -> rx.Component:
    """A control and its small label, clicking either focuses the control."""
    return rx.el.label(note(text, size="1"), control)


def _ask_form() -> rx.Component:
    return rx.form(
        form_row(
            _label(
                "Who votes (this rank and above)",
                rx.select.root(
                    rx.select.trigger(),
                    rx.select.content(
                        rx.foreach(S.ranks, lambda r: rx.select.item(r[1], value=r[0]))
                    ),
                    name="min_rank",
                    default_value="2",
                ),
            ),
            _label(
                "Days open", rx.input(name="days", default_value="5", type="number", width="80px")
            ),
            rx.button("Ask the raiders", type="submit", id="studio-ask"),
        ),
        on_submit=S.ask_raiders,
    )


def _apply_form(row: StudioVoteRow) -> rx.Component:
    """Apply a closed vote's winner: from which day, for how many weeks, under which title."""
    return row_form(
        form_row(
            _label(
                "First day", rx.input(name="from_day", type="date", class_name="studio-from-day")
            ),
            _label(
                "Weeks", rx.input(name="weeks", default_value="12", type="number", width="70px")
            ),
            _label("Title", rx.input(name="title", default_value="Raid night", width="140px")),
            rx.button("Apply", type="submit", class_name="studio-apply"),
        ),
        id_field="campaign_id",
        row_id=row.id,
        on_submit=S.apply_vote,
    )


def _vote(row: StudioVoteRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link("Vote page", href="/vote/" + row.id.to_string(), color=GOLD),
            rx.badge(row.status),
            note("closes ", local_time(row.ends_iso, S.officer_zone), size="1"),
            wrap="wrap",
            align="center",
        ),
        rx.cond(row.winner != "", rx.text("Winner: ", row.winner, size="2", style=WRAP)),
        rx.cond(row.applied != "", rx.text(row.applied, size="2", color="#4ade80")),
        rx.cond(
            (row.status == "closed") & (row.winner != "") & (row.applied == ""),
            _apply_form(row),
        ),
        style={**ITEM_STYLE, **WRAP},
        spacing="1",
        class_name="studio-vote",
    )


def _comparison() -> rx.Component:
    """The candidates' cards side by side, and asking the raiders to vote among them."""
    return rx.cond(
        S.cards.length() > 0,
        rx.vstack(
            note(S.span),
            rx.grid(
                rx.foreach(S.cards, _card),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="3",
                width="100%",
            ),
            card_section(
                "Ask the raiders",
                note(
                    "A ranked vote among these candidates, each described by its "
                    "comparison. Discord reminds those who have not voted two days "
                    "before it closes."
                ),
                _ask_form(),
            ),
            width="100%",
            spacing="3",
        ),
    )


def _votes() -> rx.Component:
    return rx.cond(
        S.votes.length() > 0,
        card_section(
            "Votes",
            rx.foreach(S.votes, _vote),
        ),
    )


@officer_page(route="/admin/raid-times", title="Raid-time studio", state=S, intro=INTRO, style=WRAP)
def admin_raid_times_page() -> tuple[rx.Component, ...]:
    return (_editor(), _comparison(), _votes())
