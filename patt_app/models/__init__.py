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
from patt_app.models.appeals import AttendanceAppeal, PromotionRule
from patt_app.models.availability_history import (
    AvailabilityExceptionHistory,
    PlayerAvailabilityHistory,
)
from patt_app.models.base import SCHEMAS, metadata
from patt_app.models.campaigns import (
    Campaign,
    CampaignEntry,
    CampaignResult,
    ContestAgentLog,
    RaidTimeVote,
    Vote,
)
from patt_app.models.discord import DiscordBotStatus, DiscordPost
from patt_app.models.game_data import Role, Specialization, WowClass
from patt_app.models.identity import (
    BattleNetLinkState,
    DiscordUser,
    Player,
    PlayerCharacter,
    WowCharacter,
)
from patt_app.models.jobs import JobRun
from patt_app.models.raid_evidence import (
    RaidAttendanceStatus,
    RaidLogImport,
    RaidLogPresence,
    RaidVoiceStay,
)
from patt_app.models.raids import (
    AvailabilityException,
    PlayerAvailability,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
    RoleAsk,
)
from patt_app.models.sync import AddonApiKey, AuditIssue, OnboardingSession, SyncLog

__all__ = [
    "SCHEMAS",
    "AddonApiKey",
    "AttendanceAppeal",
    "AuditIssue",
    "AvailabilityException",
    "AvailabilityExceptionHistory",
    "BattleNetLinkState",
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
    "PlayerAvailabilityHistory",
    "PlayerCharacter",
    "PromotionRule",
    "RaidAttendance",
    "RaidAttendanceStatus",
    "RaidEvent",
    "RaidLogImport",
    "RaidLogPresence",
    "RaidSeason",
    "RaidTimeVote",
    "RaidVoiceStay",
    "Role",
    "RoleAsk",
    "Specialization",
    "SyncLog",
    "User",
    "UserSession",
    "Vote",
    "WowCharacter",
    "WowClass",
    "metadata",
]
