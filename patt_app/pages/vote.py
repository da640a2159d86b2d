"""/vote/<id>: the ballot and the results, laid out for a phone first."""

from __future__ import annotations

import reflex as rx

from patt_app.components.ballot import ballot_form, entry_card
from patt_app.components.campaign_cards import podium, standings_list, status_badge
from patt_app.components.kit import card_section, card_stack, note
from patt_app.components.layout import template
from patt_app.components.page_header import page_header
from patt_app.components.theme import GOLD, MUTED
from patt_app.states.vote import VoteState as S


def _notice(icon: str, heading, *lines, id: str) -> rx.Component:
    return card_stack(
        rx.hstack(rx.icon(icon, color=GOLD), rx.heading(heading, size="4"), align="center"),
        *[note(line) for line in lines],
        spacing="2",
        id=id,
    )


def _turnout() -> rx.Component:
    return note(
        S.voted, " of ", S.eligible, " eligible voters have voted (", S.percent, " %)", id="turnout"
    )


def _standings_block(heading: str) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(heading, size="4"),
            rx.spacer(),
            _turnout(),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        standings_list(S.standings, show_mine=True),
        width="100%",
        spacing="2",
    )


def _voted() -> rx.Component:
    return rx.vstack(
        card_stack(
            rx.hstack(
                rx.icon("circle_check", color="#4ade80"),
                rx.heading("You voted", size="4"),
                align="center",
            ),
            rx.foreach(S.my_ballot, lambda line: rx.text(line, weight="medium")),
            note("Closes ", rx.moment(S.end_iso, from_now=True, interval=60000), "."),
            spacing="1",
            id="my-ballot",
        ),
        _standings_block("Live standings"),
        spacing="4",
        width="100%",
    )


def _entries_only() -> rx.Component:
    return rx.vstack(rx.foreach(S.entries, entry_card), spacing="3", width="100%")


def _rank_too_low() -> rx.Component:
    return rx.vstack(
        _notice(
            "lock",
            "Voting is for " + S.vote_rank_name + " rank and above",
            "You can look at the entries; the results show here when the vote closes.",
            id="rank-too-low",
        ),
        rx.cond(S.has_standings, _standings_block("Live standings"), _entries_only()),
        spacing="4",
        width="100%",
    )


def _visitor() -> rx.Component:
    return rx.vstack(
        card_section(
            "Guild members vote here",
            note("Log in to cast your ballot; the standings show once you have voted."),
            rx.link(
                rx.button("Log in to vote", size="3", color_scheme="amber", width="100%"),
                href="/login?next=/vote/" + S.campaign_id.to_string(),
                width="100%",
            ),
            id="visitor-notice",
        ),
        rx.cond(S.may_view, _entries_only()),
        spacing="4",
        width="100%",
    )


def _not_live() -> rx.Component:
    return card_stack(
        rx.icon("hourglass", size=36, color=GOLD),
        note("Voting opens"),
        rx.text(
            rx.moment(S.start_iso, from_now=True, interval=30000),
            size="7",
            weight="bold",
            color=GOLD,
            id="countdown",
        ),
        rx.text(rx.moment(S.start_iso, format="dddd D MMMM · HH:mm", local=True), color=MUTED),
        note("(your local time)", size="1"),
        align="center",
        spacing="2",
        id="not-live",
    )


def _closed() -> rx.Component:
    return rx.cond(
        S.has_standings,
        rx.vstack(
            rx.cond(
                S.winner != "",
                card_stack(
                    rx.icon("trophy", size=40, color=GOLD),
                    note("Winner"),
                    rx.heading(S.winner, size="7", color=GOLD, text_align="center", id="winner"),
                    align="center",
                    spacing="1",
                ),
                _notice("inbox", "No votes were cast", "Nobody voted in this one.", id="no-votes"),
            ),
            rx.cond(S.podium.length() > 1, podium(S.podium)),
            _standings_block("Final standings"),
            spacing="4",
            width="100%",
        ),
        _notice(
            "lock",
            "Results are for " + S.view_rank_name + " rank and above",
            rx.cond(
                S.logged_in, "Your rank cannot see this campaign.", "Log in to see the results."
            ),
            id="results-hidden",
        ),
    )


def _body() -> rx.Component:
    return rx.match(
        S.page_state,
        ("can_vote", ballot_form()),
        ("voted", _voted()),
        ("rank_too_low", _rank_too_low()),
        ("visitor", _visitor()),
        ("not_live", _not_live()),
        ("closed", _closed()),
        rx.fragment(),
    )


def _header() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            status_badge(S.status),
            rx.link("All campaigns", href="/campaigns", size="2", color=MUTED),
            spacing="3",
            align="center",
        ),
        page_header(S.title, line_height="1.15", id="campaign-title"),
        rx.cond(S.description != "", rx.text(S.description, color=MUTED)),
        rx.cond(
            S.status == "live",
            note(
                "Closes ",
                rx.moment(S.end_iso, format="ddd D MMM · HH:mm", local=True),
                " (your time)",
                size="1",
            ),
        ),
        rx.cond(
            S.status == "closed",
            note("Closed ", rx.moment(S.end_iso, format="ddd D MMM · HH:mm", local=True), size="1"),
        ),
        spacing="2",
        width="100%",
    )


@template(route="/vote/[campaign_id]", title="Vote", on_load=S.load)
def vote_page() -> rx.Component:
    return rx.center(
        rx.cond(
            S.loaded,
            rx.cond(
                S.missing != "",
                _notice("circle_alert", "No such campaign", S.missing, id="campaign-missing"),
                rx.vstack(_header(), _body(), spacing="4", width="100%"),
            ),
            rx.spinner(size="3"),
        ),
        width="100%",
        max_width="560px",
        margin_x="auto",
    )
