"""/admin/campaigns/<id>: settings, entries, open / close, turnout, standings, agent log."""

from __future__ import annotations

import reflex as rx

from patt_app.components.campaign_cards import standings_list, status_badge
from patt_app.components.campaign_form import campaign_fields
from patt_app.components.dialog import confirm
from patt_app.components.kit import card_section, empty_or, link_button, note, stat
from patt_app.components.layout import template
from patt_app.components.local_time import local_time
from patt_app.components.officer_gate import officers_only
from patt_app.components.page_header import page_header
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED
from patt_app.pages.admin.campaign_entries import entries_section
from patt_app.states.admin.campaign_editor import AdminCampaignEditorState as S
from patt_app.states.admin.campaign_editor import AgentLine

DRAFT = S.status == "draft"


def _close_now() -> rx.Component:
    """Close a live vote early, after a confirmation."""
    return confirm(
        rx.button("Close now", color_scheme="red", id="campaign-close"),
        "Close this vote now?",
        "Nobody can vote after this; the standings become the results.",
        "Keep it open",
        rx.button(
            "Close now", color_scheme="red", on_click=S.close_now, id="campaign-close-confirm"
        ),
    )


def _stats() -> rx.Component:
    return rx.hstack(
        stat("Eligible", S.eligible, id="stat-eligible"),
        stat("Voted", S.voted, id="stat-voted"),
        stat("Turnout", S.percent.to_string() + " %", id="stat-percent"),
        rx.spacer(),
        rx.cond(
            DRAFT,
            rx.button(
                "Open voting now", on_click=S.activate, color_scheme="green", id="campaign-activate"
            ),
        ),
        rx.cond(S.status == "live", _close_now()),
        link_button("Vote page", "/vote/" + S.campaign_id.to_string()),
        style=CARD_STYLE,
        width="100%",
        align="center",
        wrap="wrap",
        spacing="5",
    )


def _log_line(line: AgentLine) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.badge(line.event_type, color_scheme="amber"),
            note(local_time(line.when, S.officer_zone), size="1"),
            note("→ ", line.channel, size="1"),
            rx.cond(
                line.sent,
                rx.badge("posted", color_scheme="green"),
                rx.badge("logged", color_scheme="gray"),
            ),
            align="center",
            wrap="wrap",
        ),
        rx.text(line.title, weight="bold", size="2"),
        rx.text(line.message, size="2"),
        border_left=f"3px solid {GOLD}",
        padding_left="0.75rem",
        spacing="1",
        width="100%",
        class_name="agent-line",
    )


def _agent_log() -> rx.Component:
    return card_section(
        "Contest agent",
        note("Its posts, newest first. They are recorded here even while the Discord bot is off."),
        empty_or(S.log, rx.foreach(S.log, _log_line), "Nothing posted yet."),
        spacing="3",
        id="agent-log",
    )


def _settings() -> rx.Component:
    return card_section(
        "Settings",
        rx.form(
            rx.vstack(
                campaign_fields(S.form, S.ranks, S.officer_zone, locked=~DRAFT),
                rx.button("Save settings", type="submit", id="campaign-save"),
                spacing="3",
            ),
            on_submit=S.save_settings,
            key=S.form_version.to_string(),
        ),
        rx.cond(
            S.status == "closed",
            note("Closed campaigns are final."),
        ),
        spacing="3",
    )


@template(
    route="/admin/campaigns/[campaign_id]", title="Campaign", on_load=[S.open_officer_page, S.load]
)
def campaign_editor_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.link("← All campaigns", href="/admin/campaigns", size="2", color=MUTED),
            rx.hstack(
                page_header(S.title, id="editor-title"),
                status_badge(S.status),
                align="center",
                wrap="wrap",
            ),
            note(
                "Opens ",
                local_time(S.starts, S.officer_zone),
                " · ends ",
                local_time(S.ends, S.officer_zone),
            ),
            _stats(),
            entries_section(),
            _settings(),
            rx.cond(
                S.standings.length() > 0,
                rx.vstack(
                    rx.heading(rx.cond(S.status == "closed", "Results", "Standings"), size="4"),
                    standings_list(S.standings),
                    width="100%",
                ),
            ),
            _agent_log(),
            spacing="4",
            width="100%",
        )
    )
