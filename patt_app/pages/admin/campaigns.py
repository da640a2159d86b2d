"""/admin/campaigns: the campaigns by status and a new draft."""

from __future__ import annotations

import reflex as rx

from patt_app.components.campaign_cards import status_badge
from patt_app.components.campaign_form import campaign_fields
from patt_app.components.kit import (
    card_section,
    link_button,
    note,
    soft_button,
)
from patt_app.components.layout import officer_page
from patt_app.components.local_time import local_time
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, GOLD
from patt_app.states.admin.campaigns import AdminCampaignRow
from patt_app.states.admin.campaigns import AdminCampaignsState as S


def _row(row: AdminCampaignRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(row.title, href="/admin/campaigns/" + row.id.to_string(), color=GOLD)
        ),
        rx.table.cell(status_badge(row.status)),
        rx.table.cell(local_time(row.starts, S.officer_zone)),
        rx.table.cell(local_time(row.ends, S.officer_zone)),
        rx.table.cell(row.entry_count),
        rx.table.cell(row.turnout),
        rx.table.cell(
            rx.link(
                soft_button("Open"),
                href="/admin/campaigns/" + row.id.to_string(),
            )
        ),
        class_name="admin-campaign",
    )


def _new_form() -> rx.Component:
    return card_section(
        "New campaign",
        note(
            "It starts as a draft: add entries on its page, then open the vote now or let "
            "it open by itself at the start time (",
            S.officer_zone,
            ").",
        ),
        rx.cond(
            S.form_version > 0,  # filled in once loaded, so nothing typed early is lost
            rx.form(
                rx.vstack(
                    campaign_fields(S.form, S.ranks, S.officer_zone, locked=False),
                    rx.button("Create draft", type="submit", id="campaign-create"),
                    spacing="3",
                ),
                on_submit=S.create_campaign,
                key=S.form_version.to_string(),
            ),
            rx.spinner(),
        ),
        spacing="3",
    )


@officer_page(
    route="/admin/campaigns",
    title="Campaigns",
    state=S,
    beside=lambda: (rx.spacer(), link_button("Public page", "/campaigns")),
)
def admin_campaigns_page() -> tuple[rx.Component, ...]:
    return (
        simple_table(
            ("Campaign", "Status", "Starts (your time)", "Ends", "Entries", "Voted", ""),
            S.rows,
            _row,
            style=CARD_STYLE,
        ),
        _new_form(),
    )
