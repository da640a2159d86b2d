"""uploader keys have owners (one active key per owner); uploads find characters by index

- `common.addon_api_keys.owner_player_id`: whose uploader sends the key. Existing active keys
  belong to the officer who generated them; an active key nobody can be named for is revoked
  (an upload's ranks count only for an officer's key, so an ownerless key cannot stay).
- one active key per owner (partial unique index);
- `guild_identity.wow_characters (lower(character_name), realm_slug)`: an upload looks its
  characters up by name in any case and realm instead of reading the whole table.

Revision ID: 0015
Revises: 0014
Create Date: 2027-01-10 12:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "addon_api_keys",
        sa.Column("owner_player_id", sa.Integer(), nullable=True),
        schema="common",
    )
    op.create_foreign_key(
        "addon_api_keys_owner_player_id_fkey",
        "addon_api_keys",
        "players",
        ["owner_player_id"],
        ["id"],
        source_schema="common",
        referent_schema="guild_identity",
        ondelete="CASCADE",
    )
    op.execute(
        "UPDATE common.addon_api_keys SET owner_player_id = created_by_player_id "
        "WHERE revoked_at IS NULL AND created_by_player_id IS NOT NULL"
    )
    op.execute(
        "UPDATE common.addon_api_keys SET revoked_at = now() "
        "WHERE revoked_at IS NULL AND owner_player_id IS NULL"
    )
    op.create_index(
        "uq_addon_api_keys_one_active_per_owner",
        "addon_api_keys",
        ["owner_player_id"],
        unique=True,
        schema="common",
        postgresql_where=sa.text("revoked_at IS NULL"),
    )
    op.create_index(
        "ix_wow_characters_lower_name_realm",
        "wow_characters",
        [sa.text("lower(character_name)"), "realm_slug"],
        schema="guild_identity",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_wow_characters_lower_name_realm", table_name="wow_characters", schema="guild_identity"
    )
    op.drop_index(
        "uq_addon_api_keys_one_active_per_owner", table_name="addon_api_keys", schema="common"
    )
    op.drop_constraint(
        "addon_api_keys_owner_player_id_fkey", "addon_api_keys", schema="common", type_="foreignkey"
    )
    op.drop_column("addon_api_keys", "owner_player_id", schema="common")
