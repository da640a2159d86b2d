"""invite codes and calendar secrets stored hashed; one-time password reset links

Only the SHA-256 (hex) of an invite code, a calendar link's secret and a password reset
link's token is stored, as for session tokens.

Existing rows keep working: each stored invite code and calendar secret is replaced by its
hash in place, so a code already handed out still registers and a calendar app already
subscribed keeps its feed. (The plain values can no longer be shown again: an officer who
lost an invite makes a new one; a member who wants to see their link makes a new one.)

Downgrading cannot recover the plain values: invite codes that were not used are expired
and every calendar link is cleared (members make a new one on the raids page).

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SHA256 = "encode(sha256(convert_to({column}, 'UTF8')), 'hex')"


def _hash_invite_codes() -> None:
    op.add_column(
        "invite_codes",
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        schema="common",
    )
    op.execute(f"UPDATE common.invite_codes SET code_hash = {_SHA256.format(column='code')}")
    op.alter_column("invite_codes", "code_hash", nullable=False, schema="common")
    op.drop_constraint(
        op.f("ck_invite_codes_code_length"), "invite_codes", schema="common", type_="check"
    )
    op.drop_constraint(
        op.f("uq_invite_codes_code"), "invite_codes", schema="common", type_="unique"
    )
    op.drop_column("invite_codes", "code", schema="common")
    op.create_unique_constraint(
        op.f("uq_invite_codes_code_hash"), "invite_codes", ["code_hash"], schema="common"
    )
    op.create_check_constraint(
        op.f("ck_invite_codes_code_hash_length"),
        "invite_codes",
        "char_length(code_hash) = 64",
        schema="common",
    )


def _hash_calendar_secrets() -> None:
    op.add_column(
        "players",
        sa.Column(
            "calendar_token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
        ),
        schema="guild_identity",
    )
    op.execute(
        "UPDATE guild_identity.players SET calendar_token_hash = "
        f"{_SHA256.format(column='calendar_token')} WHERE calendar_token IS NOT NULL"
    )
    op.drop_constraint(
        op.f("uq_players_calendar_token"), "players", schema="guild_identity", type_="unique"
    )
    op.drop_column("players", "calendar_token", schema="guild_identity")
    op.create_unique_constraint(
        op.f("uq_players_calendar_token_hash"),
        "players",
        ["calendar_token_hash"],
        schema="guild_identity",
    )


def _password_resets() -> None:
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_by_player_id", sa.Integer(), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["created_by_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_password_resets_created_by_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["common.users.id"],
            name=op.f("fk_password_resets_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_resets")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_resets_token_hash")),
        schema="common",
    )
    op.create_index(
        op.f("ix_common_password_resets_user_id"),
        "password_resets",
        ["user_id"],
        unique=False,
        schema="common",
    )


def upgrade() -> None:
    _hash_invite_codes()
    _hash_calendar_secrets()
    _password_resets()


def downgrade() -> None:
    op.drop_index(
        op.f("ix_common_password_resets_user_id"), table_name="password_resets", schema="common"
    )
    op.drop_table("password_resets", schema="common")

    op.drop_constraint(
        op.f("uq_players_calendar_token_hash"), "players", schema="guild_identity", type_="unique"
    )
    op.drop_column("players", "calendar_token_hash", schema="guild_identity")
    op.add_column(
        "players",
        sa.Column("calendar_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        schema="guild_identity",
    )
    op.create_unique_constraint(
        op.f("uq_players_calendar_token"), "players", ["calendar_token"], schema="guild_identity"
    )

    # The plain codes are gone: keep each row with a placeholder code of 8 characters, and
    # expire the unused ones so none of the placeholders can register anyone.
    op.drop_constraint(
        op.f("ck_invite_codes_code_hash_length"), "invite_codes", schema="common", type_="check"
    )
    op.drop_constraint(
        op.f("uq_invite_codes_code_hash"), "invite_codes", schema="common", type_="unique"
    )
    op.add_column(
        "invite_codes",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        schema="common",
    )
    op.execute(
        "UPDATE common.invite_codes SET code = lpad(id::text, 8, '0'), "
        "expires_at = LEAST(expires_at, now()) WHERE used_at IS NULL"
    )
    op.execute("UPDATE common.invite_codes SET code = lpad(id::text, 8, '0') WHERE code IS NULL")
    op.drop_column("invite_codes", "code_hash", schema="common")
    op.alter_column("invite_codes", "code", nullable=False, schema="common")
    op.create_unique_constraint(
        op.f("uq_invite_codes_code"), "invite_codes", ["code"], schema="common"
    )
    op.create_check_constraint(
        op.f("ck_invite_codes_code_length"),
        "invite_codes",
        "char_length(code) = 8",
        schema="common",
    )
