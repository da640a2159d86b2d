"""Reading the campaign and entry forms of the officers' screens (times in the officer's zone)."""

from __future__ import annotations

from datetime import datetime

from patt_app.services.campaigns.officer_changes import CampaignDetails, EntryDetails
from patt_app.services.scheduling.schedule_time import local_to_utc, zone
from patt_app.states.form_values import date_value, time_value, whole_number

TICKED = ("on", True, "true", "1")


def campaign_details(form: dict, tz: str) -> CampaignDetails:
    day = date_value(form.get("start_date"), "Start date")
    start = local_to_utc(tz, day, time_value(form.get("start_time"), "Start time"))
    view = str(form.get("min_rank_to_view", "")).strip()
    return CampaignDetails(
        title=str(form.get("title", "")),
        description=str(form.get("description", "")),
        picks_per_voter=whole_number(
            form.get("picks_per_voter"), "Picks per voter", low=1, high=10
        ),
        min_rank_to_vote=whole_number(form.get("min_rank_to_vote"), "Minimum rank to vote"),
        min_rank_to_view=None
        if view in ("", "public")
        else whole_number(view, "Minimum rank to view"),
        start_at=start,
        duration_hours=whole_number(
            form.get("duration_hours"), "Duration (hours)", low=1, high=24 * 60
        ),
        early_close=form.get("early_close") in TICKED,
        discord_channel_id=str(form.get("discord_channel_id", "")),
        agent_enabled=form.get("agent_enabled") in TICKED,
        agent_chattiness=str(form.get("agent_chattiness", "normal")),
    )


def entry_details(form: dict) -> EntryDetails:
    player = str(form.get("associated_player_id", "")).strip()
    return EntryDetails(
        name=str(form.get("name", "")),
        description=str(form.get("description", "")),
        image_url=str(form.get("image_url", "")),
        associated_player_id=int(player) if player.isdigit() else None,
    )


def form_values(campaign, tz: str) -> dict[str, str]:
    """A campaign as the form shows it, its start in the officer's zone."""
    local = campaign.start_at.astimezone(zone(tz))
    return {
        "title": campaign.title,
        "description": campaign.description or "",
        "picks_per_voter": str(campaign.picks_per_voter),
        "min_rank_to_vote": str(campaign.min_rank_to_vote),
        "min_rank_to_view": "public"
        if campaign.min_rank_to_view is None
        else str(campaign.min_rank_to_view),
        "start_date": local.date().isoformat(),
        "start_time": f"{local:%H:%M}",
        "duration_hours": str(campaign.duration_hours),
        "early_close": "on" if campaign.early_close_if_all_voted else "",
        "discord_channel_id": campaign.discord_channel_id or "",
        "agent_enabled": "on" if campaign.agent_enabled else "",
        "agent_chattiness": campaign.agent_chattiness,
    }


def blank_values(now: datetime, tz: str) -> dict[str, str]:
    local = now.astimezone(zone(tz))
    return {
        "title": "",
        "description": "",
        "picks_per_voter": "3",
        "min_rank_to_vote": "2",
        "min_rank_to_view": "public",
        "start_date": local.date().isoformat(),
        "start_time": "20:00",
        "duration_hours": "168",
        "early_close": "on",
        "discord_channel_id": "",
        "agent_enabled": "on",
        "agent_chattiness": "normal",
    }
