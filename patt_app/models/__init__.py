"""All tables. Importing this package registers every table on `metadata`."""

from patt_app.models.accounts import (
    DiscordConfig,
    GuildRank,
    InviteCode,
    LoginFailure,
    PasswordReset,
    User,
    UserSession,
)
from patt_app.models.base import SCHEMAS, metadata
from patt_app.models.campaigns import (
    Campaign,
    CampaignEntry,
    CampaignResult,
    ContestAgentLog,
    Vote,
)
from patt_app.models.discord import DiscordBotStatus, DiscordPost
from patt_app.models.game_data import Role, Specialization, WowClass
from patt_app.models.identity import DiscordUser, Player, PlayerCharacter, WowCharacter
from patt_app.models.jobs import JobRun
from patt_app.models.raids import (
    AvailabilityException,
    PlayerAvailability,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
)
from patt_app.models.sync import AddonApiKey, AuditIssue, OnboardingSession, SyncLog

__all__ = [
    "SCHEMAS",
    "AddonApiKey",
    "AuditIssue",
    "AvailabilityException",
    "Campaign",
    "CampaignEntry",
    "CampaignResult",
    "ContestAgentLog",
    "DiscordBotStatus",
    "DiscordConfig",
    "DiscordPost",
    "DiscordUser",
    "GuildRank",
    "InviteCode",
    "JobRun",
    "LoginFailure",
    "OnboardingSession",
    "PasswordReset",
    "Player",
    "PlayerAvailability",
    "PlayerCharacter",
    "RaidAttendance",
    "RaidEvent",
    "RaidSeason",
    "Role",
    "Specialization",
    "SyncLog",
    "User",
    "UserSession",
    "Vote",
    "WowCharacter",
    "WowClass",
    "metadata",
]
