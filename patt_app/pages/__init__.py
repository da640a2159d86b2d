"""One module per route. Importing this package registers every page."""

from patt_app.pages import (
    availability,
    campaigns,
    events,
    landing,
    login,
    not_found,
    profile,
    reset_password,
    roster,
    schedule,
    vote,
)
from patt_app.pages.admin import (
    attendance,
    audit,
    campaign_editor,
    discord,
    jobs,
    onboarding,
    players,
    reference_tables,
    sync,
)
from patt_app.pages.admin import campaigns as admin_campaigns
from patt_app.pages.admin import events as admin_events
from patt_app.pages.admin import raid_times as admin_raid_times
from patt_app.pages.admin import schedule as admin_schedule

__all__ = [
    "admin_campaigns",
    "admin_events",
    "admin_raid_times",
    "admin_schedule",
    "attendance",
    "audit",
    "availability",
    "campaign_editor",
    "campaigns",
    "discord",
    "events",
    "jobs",
    "landing",
    "login",
    "not_found",
    "onboarding",
    "players",
    "profile",
    "reference_tables",
    "reset_password",
    "roster",
    "schedule",
    "sync",
    "vote",
]
