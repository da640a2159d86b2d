"""onboarding sessions may wait for proof (a main that is another player's)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 11:20:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = (
    "awaiting_dm", "asked_in_guild", "asked_main", "asked_alts", "pending_verification",
    "verified", "provisioned", "timed_out", "manually_resolved", "declined",
)  # fmt: skip
AFTER = (*BEFORE[:5], "awaiting_proof", *BEFORE[5:])


def _states(states: tuple[str, ...]) -> str:
    return "state IN (" + ", ".join(f"'{s}'" for s in states) + ")"


def _replace(states: tuple[str, ...]) -> None:
    op.drop_constraint(
        op.f("ck_onboarding_sessions_state_known"), "onboarding_sessions", schema="guild_identity"
    )
    op.create_check_constraint(
        op.f("ck_onboarding_sessions_state_known"),
        "onboarding_sessions",
        _states(states),
        schema="guild_identity",
    )


def upgrade() -> None:
    _replace(AFTER)


def downgrade() -> None:
    op.execute(
        "UPDATE guild_identity.onboarding_sessions SET state = 'pending_verification' "
        "WHERE state = 'awaiting_proof'"
    )
    _replace(BEFORE)
