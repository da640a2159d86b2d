"""The officers' campaign settings form (new and edit share it)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import form_row, labelled
from patt_app.components.limited_field import limited_field
from patt_app.components.theme import SELECT_STYLE
from patt_app.services.campaigns.officer_changes import MAX_DESCRIPTION


def _rank_select(name: str, ranks, value, *, public: bool = False) -> rx.Component:
    return rx.el.select(
        rx.el.option("Public (anyone)", value="public") if public else rx.fragment(),
        rx.foreach(ranks, lambda r: rx.el.option(r[1] + " and above", value=r[0])),
        name=name,
        default_value=value,
        style=SELECT_STYLE,
        id=f"campaign-{name.replace('_', '-')}",
    )


def _tick(name: str, label: str, checked) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name=name,
            default_checked=checked == "on",
            id=f"campaign-{name.replace('_', '-')}",
        ),
        " " + label,
        style={"white_space": "nowrap"},
    )


def _setting(form, name: str, **props) -> rx.Component:
    """An input named `name`, filled with the form's value of it."""
    return rx.input(name=name, default_value=form[name], **props)


def _what(form, locked) -> tuple[rx.Component, ...]:
    return (
        labelled(
            "Title",
            _setting(form, "title", width="260px", id="campaign-title-input", required=True),
        ),
        limited_field(
            "Description",
            "description",
            MAX_DESCRIPTION,
            multiline=True,
            default_value=form["description"],
            width="320px",
            rows="2",
        ),
        labelled(
            "Picks per voter",
            _setting(
                form, "picks_per_voter", type="number", width="80px", disabled=locked,
                id="campaign-picks",
            ),
        ),
    )  # fmt: skip


def _who_and_when(form, ranks, zone_name, locked) -> tuple[rx.Component, ...]:
    return (
        labelled("Who may vote", _rank_select("min_rank_to_vote", ranks, form["min_rank_to_vote"])),
        labelled(
            "Who may see it",
            _rank_select("min_rank_to_view", ranks, form["min_rank_to_view"], public=True),
        ),
        labelled(
            "Start date",
            _setting(form, "start_date", type="date", disabled=locked, id="campaign-start-date"),
        ),
        labelled(
            "Start time (" + zone_name + ")",
            _setting(form, "start_time", type="time", disabled=locked, id="campaign-start-time"),
        ),
        labelled(
            "Duration (hours)",
            _setting(form, "duration_hours", type="number", width="90px", id="campaign-duration"),
        ),
    )


def _announcing(form) -> tuple[rx.Component, ...]:
    return (
        labelled(
            "Discord channel id",
            _setting(form, "discord_channel_id", placeholder="default channel"),
        ),
        labelled(
            "Agent chattiness",
            rx.el.select(
                rx.el.option("quiet — launch and results", value="quiet"),
                rx.el.option("normal — plus milestones and last call", value="normal"),
                rx.el.option("hype — everything, lead changes too", value="hype"),
                name="agent_chattiness",
                default_value=form["agent_chattiness"],
                style=SELECT_STYLE,
            ),
        ),
        rx.vstack(
            _tick("early_close", "Close early when everyone has voted", form["early_close"]),
            _tick("agent_enabled", "Contest agent posts about it", form["agent_enabled"]),
            spacing="1",
        ),
    )


def campaign_fields(form, ranks, zone_name, *, locked) -> rx.Component:
    """Every setting; `locked` (a live campaign) fixes picks, who votes and the start."""
    return form_row(
        *_what(form, locked), *_who_and_when(form, ranks, zone_name, locked), *_announcing(form)
    )
