"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 18:18:02.561723

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMAS = ("common", "guild_identity", "patt")


def upgrade() -> None:
    for schema in SCHEMAS:
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    op.create_table(
        "discord_config",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guild_discord_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column(
            "default_announcement_channel_id",
            sqlmodel.sql.sqltypes.AutoString(length=32),
            nullable=True,
        ),
        sa.Column("audit_channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("role_sync_interval_minutes", sa.Integer(), server_default="15", nullable=False),
        sa.Column("last_role_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("bot_dm_enabled", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("onboarding_enabled", sa.Boolean(), server_default="false", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "role_sync_interval_minutes > 0", name=op.f("ck_discord_config_interval_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discord_config")),
        schema="common",
    )
    op.create_table(
        "guild_ranks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("scheduling_weight", sa.Integer(), server_default="0", nullable=False),
        sa.Column("wow_rank_index", sa.Integer(), nullable=True),
        sa.Column("discord_role_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("level BETWEEN 1 AND 10", name=op.f("ck_guild_ranks_level_range")),
        sa.CheckConstraint(
            "scheduling_weight >= 0", name=op.f("ck_guild_ranks_weight_not_negative")
        ),
        sa.CheckConstraint(
            "wow_rank_index BETWEEN 0 AND 9", name=op.f("ck_guild_ranks_wow_rank_index_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guild_ranks")),
        sa.UniqueConstraint("level", name=op.f("uq_guild_ranks_level")),
        sa.UniqueConstraint("name", name=op.f("uq_guild_ranks_name")),
        sa.UniqueConstraint("wow_rank_index", name=op.f("uq_guild_ranks_wow_rank_index")),
        schema="common",
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("discord_username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "discord_username = lower(discord_username)", name=op.f("ck_users_username_lowercase")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("discord_username", name=op.f("uq_users_discord_username")),
        schema="common",
    )
    op.create_table(
        "classes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("blizzard_class_id", sa.Integer(), nullable=False),
        sa.Column("colour", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.CheckConstraint("colour ~ '^#[0-9A-Fa-f]{6}$'", name=op.f("ck_classes_colour_hex")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classes")),
        sa.UniqueConstraint("blizzard_class_id", name=op.f("uq_classes_blizzard_class_id")),
        sa.UniqueConstraint("name", name=op.f("uq_classes_name")),
        schema="guild_identity",
    )
    op.create_table(
        "discord_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("discord_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("highest_guild_role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column(
            "all_guild_roles",
            postgresql.ARRAY(sa.String(length=50)),
            server_default="{}",
            nullable=False,
        ),
        sa.Column("joined_server_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sync", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_present", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "first_seen",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discord_users")),
        sa.UniqueConstraint("discord_id", name=op.f("uq_discord_users_discord_id")),
        schema="guild_identity",
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("colour", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.CheckConstraint(
            "key IN ('tank', 'healer', 'melee', 'ranged')", name=op.f("ck_roles_key_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
        sa.UniqueConstraint("key", name=op.f("uq_roles_key")),
        sa.UniqueConstraint("name", name=op.f("uq_roles_name")),
        schema="guild_identity",
    )
    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("characters_found", sa.Integer(), nullable=False),
        sa.Column("characters_updated", sa.Integer(), nullable=False),
        sa.Column("characters_new", sa.Integer(), nullable=False),
        sa.Column("characters_removed", sa.Integer(), nullable=False),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        sa.Column(
            "started_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "source IN ('blizzard_api', 'addon_upload', 'discord_bot')",
            name=op.f("ck_sync_log_source_known"),
        ),
        sa.CheckConstraint(
            "status IN ('running', 'success', 'partial', 'failed')",
            name=op.f("ck_sync_log_status_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_log")),
        schema="guild_identity",
    )
    op.create_table(
        "raid_seasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_seasons")),
        sa.UniqueConstraint("name", name=op.f("uq_raid_seasons_name")),
        schema="patt",
    )
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("user_agent", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
        sa.Column("ip_address", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["common.users.id"],
            name=op.f("fk_user_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_sessions_token_hash")),
        schema="common",
    )
    op.create_index(
        op.f("ix_common_user_sessions_user_id"),
        "user_sessions",
        ["user_id"],
        unique=False,
        schema="common",
    )
    op.create_table(
        "specializations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("default_role_id", sa.Integer(), nullable=False),
        sa.Column("wowhead_slug", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["guild_identity.classes.id"],
            name=op.f("fk_specializations_class_id_classes"),
        ),
        sa.ForeignKeyConstraint(
            ["default_role_id"],
            ["guild_identity.roles.id"],
            name=op.f("fk_specializations_default_role_id_roles"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_specializations")),
        sa.UniqueConstraint("class_id", "name", name=op.f("uq_specializations_class_id_name")),
        sa.UniqueConstraint("wowhead_slug", name=op.f("uq_specializations_wowhead_slug")),
        schema="guild_identity",
    )
    op.create_index(
        op.f("ix_guild_identity_specializations_class_id"),
        "specializations",
        ["class_id"],
        unique=False,
        schema="guild_identity",
    )
    op.create_table(
        "wow_characters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("character_name", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("realm_slug", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("realm_name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=True),
        sa.Column("active_spec_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("item_level", sa.Integer(), nullable=True),
        sa.Column("guild_rank_id", sa.Integer(), nullable=True),
        sa.Column("last_login_timestamp", sa.BigInteger(), nullable=True),
        sa.Column("guild_note", sa.Text(), nullable=True),
        sa.Column("officer_note", sa.Text(), nullable=True),
        sa.Column("blizzard_last_sync", sa.DateTime(timezone=True), nullable=True),
        sa.Column("addon_last_sync", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "first_seen",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("level BETWEEN 1 AND 100", name=op.f("ck_wow_characters_level_range")),
        sa.ForeignKeyConstraint(
            ["active_spec_id"],
            ["guild_identity.specializations.id"],
            name=op.f("fk_wow_characters_active_spec_id_specializations"),
        ),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["guild_identity.classes.id"],
            name=op.f("fk_wow_characters_class_id_classes"),
        ),
        sa.ForeignKeyConstraint(
            ["guild_rank_id"],
            ["common.guild_ranks.id"],
            name=op.f("fk_wow_characters_guild_rank_id_guild_ranks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wow_characters")),
        sa.UniqueConstraint(
            "character_name", "realm_slug", name=op.f("uq_wow_characters_character_name_realm_slug")
        ),
        schema="guild_identity",
    )
    op.create_table(
        "players",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("discord_user_id", sa.Integer(), nullable=True),
        sa.Column("website_user_id", sa.Integer(), nullable=True),
        sa.Column("guild_rank_id", sa.Integer(), nullable=True),
        sa.Column("guild_rank_source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("main_character_id", sa.Integer(), nullable=True),
        sa.Column("main_spec_id", sa.Integer(), nullable=True),
        sa.Column("offspec_character_id", sa.Integer(), nullable=True),
        sa.Column("offspec_spec_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "timezone",
            sqlmodel.sql.sqltypes.AutoString(length=64),
            server_default="America/Chicago",
            nullable=False,
        ),
        sa.Column("auto_invite_events", sa.Boolean(), server_default="false", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "guild_rank_source IS NULL OR guild_rank_source IN ('wow_character', 'discord_sync', 'admin_override')",
            name=op.f("ck_players_rank_source_known"),
        ),
        sa.CheckConstraint(
            "char_length(btrim(display_name)) > 0", name=op.f("ck_players_display_name_present")
        ),
        sa.ForeignKeyConstraint(
            ["discord_user_id"],
            ["guild_identity.discord_users.id"],
            name=op.f("fk_players_discord_user_id_discord_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["guild_rank_id"],
            ["common.guild_ranks.id"],
            name=op.f("fk_players_guild_rank_id_guild_ranks"),
        ),
        sa.ForeignKeyConstraint(
            ["main_character_id"],
            ["guild_identity.wow_characters.id"],
            name=op.f("fk_players_main_character_id_wow_characters"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["main_spec_id"],
            ["guild_identity.specializations.id"],
            name=op.f("fk_players_main_spec_id_specializations"),
        ),
        sa.ForeignKeyConstraint(
            ["offspec_character_id"],
            ["guild_identity.wow_characters.id"],
            name=op.f("fk_players_offspec_character_id_wow_characters"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["offspec_spec_id"],
            ["guild_identity.specializations.id"],
            name=op.f("fk_players_offspec_spec_id_specializations"),
        ),
        sa.ForeignKeyConstraint(
            ["website_user_id"],
            ["common.users.id"],
            name=op.f("fk_players_website_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_players")),
        sa.UniqueConstraint("discord_user_id", name=op.f("uq_players_discord_user_id")),
        sa.UniqueConstraint("website_user_id", name=op.f("uq_players_website_user_id")),
        schema="guild_identity",
    )
    op.create_table(
        "audit_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("severity", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("wow_character_id", sa.Integer(), nullable=True),
        sa.Column("discord_user_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "details", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("issue_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "last_seen_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_player_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "severity IN ('info', 'warning', 'critical')",
            name=op.f("ck_audit_issues_severity_known"),
        ),
        sa.ForeignKeyConstraint(
            ["discord_user_id"],
            ["guild_identity.discord_users.id"],
            name=op.f("fk_audit_issues_discord_user_id_discord_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_audit_issues_resolved_by_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["wow_character_id"],
            ["guild_identity.wow_characters.id"],
            name=op.f("fk_audit_issues_wow_character_id_wow_characters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_issues")),
        schema="guild_identity",
    )
    op.create_index(
        op.f("ix_guild_identity_audit_issues_issue_hash"),
        "audit_issues",
        ["issue_hash"],
        unique=False,
        schema="guild_identity",
    )
    op.create_index(
        "uq_audit_issues_open_hash",
        "audit_issues",
        ["issue_hash"],
        unique=True,
        schema="guild_identity",
        postgresql_where=sa.text("resolved_at IS NULL"),
    )
    op.create_table(
        "onboarding_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("discord_user_id", sa.Integer(), nullable=True),
        sa.Column("discord_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("is_in_guild", sa.Boolean(), nullable=True),
        sa.Column("reported_main_name", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
        sa.Column(
            "reported_main_realm", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True
        ),
        sa.Column(
            "reported_alt_names",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
        sa.Column("verification_attempts", sa.Integer(), nullable=False),
        sa.Column("last_verification_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_player_id", sa.Integer(), nullable=True),
        sa.Column("website_invite_sent", sa.Boolean(), nullable=False),
        sa.Column("roster_entries_created", sa.Boolean(), nullable=False),
        sa.Column("discord_role_assigned", sa.Boolean(), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "state IN ('awaiting_dm', 'asked_in_guild', 'asked_main', 'asked_alts', 'pending_verification', 'verified', 'provisioned', 'timed_out', 'manually_resolved', 'declined')",
            name=op.f("ck_onboarding_sessions_state_known"),
        ),
        sa.ForeignKeyConstraint(
            ["discord_user_id"],
            ["guild_identity.discord_users.id"],
            name=op.f("fk_onboarding_sessions_discord_user_id_discord_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["verified_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_onboarding_sessions_verified_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_sessions")),
        schema="guild_identity",
    )
    op.create_index(
        op.f("ix_guild_identity_onboarding_sessions_discord_id"),
        "onboarding_sessions",
        ["discord_id"],
        unique=False,
        schema="guild_identity",
    )
    op.create_table(
        "player_characters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("character_id", sa.Integer(), nullable=False),
        sa.Column("link_source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("confidence", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "confidence IN ('high', 'medium', 'low')",
            name=op.f("ck_player_characters_confidence_known"),
        ),
        sa.CheckConstraint(
            "link_source IN ('manual', 'exact_name', 'note_hint', 'fuzzy', 'onboarding', 'seed')",
            name=op.f("ck_player_characters_link_source_known"),
        ),
        sa.ForeignKeyConstraint(
            ["character_id"],
            ["guild_identity.wow_characters.id"],
            name=op.f("fk_player_characters_character_id_wow_characters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_player_characters_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_player_characters")),
        sa.UniqueConstraint("character_id", name=op.f("uq_player_characters_character_id")),
        schema="guild_identity",
    )
    op.create_index(
        op.f("ix_guild_identity_player_characters_player_id"),
        "player_characters",
        ["player_id"],
        unique=False,
        schema="guild_identity",
    )
    op.create_table(
        "availability_exceptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "end_date >= start_date", name=op.f("ck_availability_exceptions_dates_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_availability_exceptions_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability_exceptions")),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_availability_exceptions_player_id"),
        "availability_exceptions",
        ["player_id"],
        unique=False,
        schema="patt",
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("picks_per_voter", sa.Integer(), server_default="3", nullable=False),
        sa.Column("min_rank_to_vote", sa.Integer(), server_default="1", nullable=False),
        sa.Column("min_rank_to_view", sa.Integer(), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_hours", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("early_close_if_all_voted", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("discord_channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("agent_enabled", sa.Boolean(), server_default="true", nullable=False),
        sa.Column(
            "agent_chattiness",
            sqlmodel.sql.sqltypes.AutoString(length=10),
            server_default="normal",
            nullable=False,
        ),
        sa.Column("created_by_player_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "agent_chattiness IN ('quiet', 'normal', 'hype')",
            name=op.f("ck_campaigns_chattiness_known"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'live', 'closed', 'archived')",
            name=op.f("ck_campaigns_status_known"),
        ),
        sa.CheckConstraint("type IN ('ranked_choice')", name=op.f("ck_campaigns_type_known")),
        sa.CheckConstraint("duration_hours > 0", name=op.f("ck_campaigns_duration_positive")),
        sa.CheckConstraint(
            "picks_per_voter BETWEEN 1 AND 10", name=op.f("ck_campaigns_picks_range")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_campaigns_created_by_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_campaigns_status"), "campaigns", ["status"], unique=False, schema="patt"
    )
    op.create_table(
        "player_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("day_of_week", sa.SmallInteger(), nullable=False),
        sa.Column("earliest_start", sa.Time(), nullable=False),
        sa.Column("available_hours", sa.Numeric(precision=3, scale=1), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "available_hours > 0 AND available_hours <= 16",
            name=op.f("ck_player_availability_available_hours_range"),
        ),
        sa.CheckConstraint(
            "day_of_week BETWEEN 0 AND 6", name=op.f("ck_player_availability_day_of_week_range")
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_player_availability_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_player_availability")),
        sa.UniqueConstraint(
            "player_id", "day_of_week", name=op.f("uq_player_availability_player_id_day_of_week")
        ),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_player_availability_player_id"),
        "player_availability",
        ["player_id"],
        unique=False,
        schema="patt",
    )
    op.create_table(
        "raid_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.Integer(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("start_time_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_time_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "raid_helper_event_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True
        ),
        sa.Column("discord_channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("log_url", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_by_player_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "end_time_utc > start_time_utc", name=op.f("ck_raid_events_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_raid_events_created_by_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["patt.raid_seasons.id"],
            name=op.f("fk_raid_events_season_id_raid_seasons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_events")),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_raid_events_event_date"),
        "raid_events",
        ["event_date"],
        unique=False,
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_raid_events_season_id"),
        "raid_events",
        ["season_id"],
        unique=False,
        schema="patt",
    )
    op.create_table(
        "invite_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("created_by_player_id", sa.Integer(), nullable=True),
        sa.Column("generated_by", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("onboarding_session_id", sa.Integer(), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("char_length(code) = 8", name=op.f("ck_invite_codes_code_length")),
        sa.ForeignKeyConstraint(
            ["created_by_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_invite_codes_created_by_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["onboarding_session_id"],
            ["guild_identity.onboarding_sessions.id"],
            name=op.f("fk_invite_codes_onboarding_session_id_onboarding_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_invite_codes_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invite_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_invite_codes_code")),
        schema="common",
    )
    op.create_index(
        op.f("ix_common_invite_codes_player_id"),
        "invite_codes",
        ["player_id"],
        unique=False,
        schema="common",
    )
    op.create_table(
        "campaign_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("image_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("associated_player_id", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["associated_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_campaign_entries_associated_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["patt.campaigns.id"],
            name=op.f("fk_campaign_entries_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_entries")),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_campaign_entries_campaign_id"),
        "campaign_entries",
        ["campaign_id"],
        unique=False,
        schema="patt",
    )
    op.create_table(
        "contest_agent_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("event_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("discord_message_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["patt.campaigns.id"],
            name=op.f("fk_contest_agent_log_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contest_agent_log")),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_contest_agent_log_campaign_id"),
        "contest_agent_log",
        ["campaign_id"],
        unique=False,
        schema="patt",
    )
    op.create_table(
        "raid_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("signed_up", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("attended", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("character_id", sa.Integer(), nullable=True),
        sa.Column("noted_absence", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "source IN ('manual', 'raid_helper', 'warcraft_logs', 'auto', 'addon')",
            name=op.f("ck_raid_attendance_source_known"),
        ),
        sa.ForeignKeyConstraint(
            ["character_id"],
            ["guild_identity.wow_characters.id"],
            name=op.f("fk_raid_attendance_character_id_wow_characters"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["patt.raid_events.id"],
            name=op.f("fk_raid_attendance_event_id_raid_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_raid_attendance_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_attendance")),
        sa.UniqueConstraint(
            "event_id", "player_id", name=op.f("uq_raid_attendance_event_id_player_id")
        ),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_raid_attendance_event_id"),
        "raid_attendance",
        ["event_id"],
        unique=False,
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_raid_attendance_player_id"),
        "raid_attendance",
        ["player_id"],
        unique=False,
        schema="patt",
    )
    op.create_table(
        "campaign_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("first_place_count", sa.Integer(), nullable=False),
        sa.Column("second_place_count", sa.Integer(), nullable=False),
        sa.Column("third_place_count", sa.Integer(), nullable=False),
        sa.Column("weighted_score", sa.Integer(), nullable=False),
        sa.Column("final_rank", sa.Integer(), nullable=False),
        sa.Column(
            "calculated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["patt.campaigns.id"],
            name=op.f("fk_campaign_results_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["patt.campaign_entries.id"],
            name=op.f("fk_campaign_results_entry_id_campaign_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_results")),
        sa.UniqueConstraint(
            "campaign_id", "entry_id", name=op.f("uq_campaign_results_campaign_id_entry_id")
        ),
        schema="patt",
    )
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.SmallInteger(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("rank BETWEEN 1 AND 10", name=op.f("ck_votes_rank_range")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["patt.campaigns.id"],
            name=op.f("fk_votes_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["patt.campaign_entries.id"],
            name=op.f("fk_votes_entry_id_campaign_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_votes_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votes")),
        sa.UniqueConstraint(
            "campaign_id",
            "player_id",
            "entry_id",
            name=op.f("uq_votes_campaign_id_player_id_entry_id"),
        ),
        sa.UniqueConstraint(
            "campaign_id", "player_id", "rank", name=op.f("uq_votes_campaign_id_player_id_rank")
        ),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_votes_campaign_id"), "votes", ["campaign_id"], unique=False, schema="patt"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_patt_votes_campaign_id"), table_name="votes", schema="patt")
    op.drop_table("votes", schema="patt")
    op.drop_table("campaign_results", schema="patt")
    op.drop_index(
        op.f("ix_patt_raid_attendance_player_id"), table_name="raid_attendance", schema="patt"
    )
    op.drop_index(
        op.f("ix_patt_raid_attendance_event_id"), table_name="raid_attendance", schema="patt"
    )
    op.drop_table("raid_attendance", schema="patt")
    op.drop_index(
        op.f("ix_patt_contest_agent_log_campaign_id"), table_name="contest_agent_log", schema="patt"
    )
    op.drop_table("contest_agent_log", schema="patt")
    op.drop_index(
        op.f("ix_patt_campaign_entries_campaign_id"), table_name="campaign_entries", schema="patt"
    )
    op.drop_table("campaign_entries", schema="patt")
    op.drop_index(
        op.f("ix_common_invite_codes_player_id"), table_name="invite_codes", schema="common"
    )
    op.drop_table("invite_codes", schema="common")
    op.drop_index(op.f("ix_patt_raid_events_season_id"), table_name="raid_events", schema="patt")
    op.drop_index(op.f("ix_patt_raid_events_event_date"), table_name="raid_events", schema="patt")
    op.drop_table("raid_events", schema="patt")
    op.drop_index(
        op.f("ix_patt_player_availability_player_id"),
        table_name="player_availability",
        schema="patt",
    )
    op.drop_table("player_availability", schema="patt")
    op.drop_index(op.f("ix_patt_campaigns_status"), table_name="campaigns", schema="patt")
    op.drop_table("campaigns", schema="patt")
    op.drop_index(
        op.f("ix_patt_availability_exceptions_player_id"),
        table_name="availability_exceptions",
        schema="patt",
    )
    op.drop_table("availability_exceptions", schema="patt")
    op.drop_index(
        op.f("ix_guild_identity_player_characters_player_id"),
        table_name="player_characters",
        schema="guild_identity",
    )
    op.drop_table("player_characters", schema="guild_identity")
    op.drop_index(
        op.f("ix_guild_identity_onboarding_sessions_discord_id"),
        table_name="onboarding_sessions",
        schema="guild_identity",
    )
    op.drop_table("onboarding_sessions", schema="guild_identity")
    op.drop_index(
        "uq_audit_issues_open_hash",
        table_name="audit_issues",
        schema="guild_identity",
        postgresql_where=sa.text("resolved_at IS NULL"),
    )
    op.drop_index(
        op.f("ix_guild_identity_audit_issues_issue_hash"),
        table_name="audit_issues",
        schema="guild_identity",
    )
    op.drop_table("audit_issues", schema="guild_identity")
    op.drop_table("players", schema="guild_identity")
    op.drop_table("wow_characters", schema="guild_identity")
    op.drop_index(
        op.f("ix_guild_identity_specializations_class_id"),
        table_name="specializations",
        schema="guild_identity",
    )
    op.drop_table("specializations", schema="guild_identity")
    op.drop_index(
        op.f("ix_common_user_sessions_user_id"), table_name="user_sessions", schema="common"
    )
    op.drop_table("user_sessions", schema="common")
    op.drop_table("raid_seasons", schema="patt")
    op.drop_table("sync_log", schema="guild_identity")
    op.drop_table("roles", schema="guild_identity")
    op.drop_table("discord_users", schema="guild_identity")
    op.drop_table("classes", schema="guild_identity")
    op.drop_table("users", schema="common")
    op.drop_table("guild_ranks", schema="common")
    op.drop_table("discord_config", schema="common")
    for schema in reversed(SCHEMAS):
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
