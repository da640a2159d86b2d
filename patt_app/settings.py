"""The platform's configuration: the only module that reads the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_PLACEHOLDERS = {"changeme", "change-me", "secret", "xxx", "todo"}


class Settings(BaseSettings):
    """Everything configurable, read from the environment (and an optional `.env` file).

    Secrets have no defaults: a missing Discord or Blizzard credential switches that
    integration off instead of failing.
    """

    model_config = SettingsConfigDict(env_file=PROJECT_ROOT / ".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pass@host:5432/patt. "
        "Unset: an embedded PostgreSQL under .data/ is started.",
    )
    test_database_url: str | None = None
    data_dir: Path = PROJECT_ROOT / ".data"

    secret_key: SecretStr | None = None
    patt_api_key: SecretStr | None = None
    session_hours: int = 24

    discord_bot_token: SecretStr | None = None
    discord_guild_id: str | None = None

    blizzard_client_id: str | None = None
    blizzard_client_secret: SecretStr | None = None
    blizzard_region: str = "us"
    blizzard_api_url: str = Field(
        default="https://us.api.blizzard.com",
        description="Battle.net API base (tests and proxies point it elsewhere).",
    )
    blizzard_token_url: str = Field(
        default="https://oauth.battle.net/token", description="Battle.net OAuth token endpoint."
    )

    guild_name: str = "Pull All The Things"
    guild_realm_slug: str = "senjin"
    guild_realm_name: str = "Sen'jin"
    guild_slug: str = "pull-all-the-things"

    runner_enabled: bool = Field(
        default=True, description="Take part in electing the one background runner."
    )
    runner_election_seconds: float = Field(
        default=5.0, gt=0, le=30, description="How often a waiting worker tries to take over."
    )

    public_base_url: str = "http://localhost:3000"
    port: int = 3000
    demo_data: bool = False

    @field_validator("secret_key", "patt_api_key", "discord_bot_token", "blizzard_client_secret")
    @classmethod
    def _refuse_placeholders(cls, value: SecretStr | None) -> SecretStr | None:
        """Treat an empty secret as unset and refuse obvious placeholders."""
        if value is None or not value.get_secret_value().strip():
            return None
        if value.get_secret_value().strip().lower() in _PLACEHOLDERS:
            raise ValueError("replace the placeholder with a real secret")
        return value

    @field_validator("database_url", "test_database_url", "discord_guild_id", "blizzard_client_id")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value or None

    @property
    def discord_enabled(self) -> bool:
        """The Discord bot runs only when a token and a server id are configured."""
        return self.discord_bot_token is not None and self.discord_guild_id is not None

    @property
    def blizzard_enabled(self) -> bool:
        """The Battle.net sync runs only when client credentials are configured."""
        return self.blizzard_client_id is not None and self.blizzard_client_secret is not None


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
