"""The platform's configuration: the only module that reads the environment."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
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

    patt_api_key: SecretStr | None = None
    session_hours: int = 24

    discord_bot_token: SecretStr | None = None
    discord_guild_id: str | None = None
    discord_api_url: str = Field(
        default="https://discord.com/api/v10",
        description="Discord's HTTP API base; the bot asks it for the gateway address too "
        "(GET /gateway/bot), so a proxy or a test fake stands in for all of Discord.",
    )
    discord_reconnect_seconds: str = Field(
        default="5,15,60,300",
        description="Pauses before each new try while Discord cannot be reached, in seconds; "
        "the last repeats.",
    )
    discord_tick_seconds: float = Field(
        default=2.0, gt=0, description="How often the bot reports its status and sends posts."
    )
    discord_status_stale_seconds: float = Field(
        default=30.0,
        gt=0,
        description="A status not reported for this long means the bot is not running.",
    )

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
    blizzard_oauth_authorize_url: str = Field(
        default="https://oauth.battle.net/authorize",
        description='Where "Link Battle.net" sends a member to sign in (authorization code flow).',
    )
    blizzard_userinfo_url: str = Field(
        default="https://oauth.battle.net/oauth/userinfo",
        description="Battle.net's user info endpoint (the account's id and BattleTag).",
    )

    wcl_client_id: str | None = None
    wcl_client_secret: SecretStr | None = None
    wcl_token_url: str = Field(
        default="https://www.warcraftlogs.com/oauth/token",
        description="Warcraft Logs' OAuth token endpoint (client credentials).",
    )
    wcl_api_url: str = Field(
        default="https://www.warcraftlogs.com/api/v2/client",
        description="Warcraft Logs' GraphQL endpoint (v2, client API).",
    )

    guild_name: str = "Pull All The Things"
    guild_realm_slug: str = "senjin"
    guild_realm_name: str = "Sen'jin"
    guild_slug: str = "pull-all-the-things"

    trusted_proxy_hops: int = Field(
        default=0,
        ge=0,
        le=5,
        description="How many reverse proxies in front of the app append to X-Forwarded-For "
        "(1 behind one nginx or Caddy). 0: use the connection's own address.",
    )
    runner_enabled: bool = Field(
        default=True, description="Take part in electing the one background runner."
    )
    runner_election_seconds: float = Field(
        default=5.0, gt=0, le=30, description="How often a waiting worker tries to take over."
    )

    public_base_url_setting: str | None = Field(
        default=None,
        alias="PUBLIC_BASE_URL",
        description="The address members use (links in invites and calendar feeds). "
        "Unset: http://localhost:<PORT>.",
    )
    port: int = 3000
    host_setting: str | None = Field(
        default=None,
        alias="HOST",
        description="The address the server listens on. Unset: 127.0.0.1 (only the reverse "
        "proxy on this machine reaches it) once PUBLIC_BASE_URL is set, else 0.0.0.0 (a local "
        "try-out, a container's published port). In a container behind a proxy: 0.0.0.0, "
        "with the port published to the proxy only.",
    )
    redis_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("REDIS_URL", "REFLEX_REDIS_URL"),
        description="Redis for the page state of several workers, e.g. redis://localhost:6379/0. "
        "Unset: one worker keeps page state on local disk.",
    )
    workers: int = Field(
        default=1,
        ge=1,
        le=32,
        description="How many backend worker processes serve the one port (more than 1 needs "
        "REDIS_URL).",
    )
    demo_data: bool | None = Field(
        default=None,
        description="Seed the demo guild into an empty database. Unset: only on the embedded "
        "database, never on a real DATABASE_URL.",
    )

    @field_validator(
        "patt_api_key", "discord_bot_token", "blizzard_client_secret", "wcl_client_secret"
    )
    @classmethod
    def _refuse_placeholders(cls, value: SecretStr | None) -> SecretStr | None:
        """Treat an empty secret as unset and refuse obvious placeholders."""
        if value is None or not value.get_secret_value().strip():
            return None
        if value.get_secret_value().strip().lower() in _PLACEHOLDERS:
            raise ValueError("replace the placeholder with a real secret")
        return value

    @field_validator(
        "database_url",
        "test_database_url",
        "discord_guild_id",
        "blizzard_client_id",
        "wcl_client_id",
    )
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        """Empty is unset; anything else must be a URL Reflex's Redis client understands."""
        if not value or not value.strip():
            return None
        if not value.strip().startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("REDIS_URL must start with redis://, rediss:// or unix://")
        return value.strip()

    def workers_refusal(self, workers: int) -> str | None:
        """Why `workers` backend processes cannot run with this configuration, or None."""
        if workers > 1 and self.redis_url is None:
            return (
                f"{workers} workers need REDIS_URL (e.g. redis://localhost:6379/0): each worker "
                "must see every browser tab's page state, and without Redis that state lives "
                "in one process. Set REDIS_URL, or run one worker."
            )
        return None

    @field_validator("discord_guild_id")
    @classmethod
    def _guild_id_is_a_snowflake(cls, value: str | None) -> str | None:
        if value is not None and not value.strip().isdigit():
            raise ValueError("DISCORD_GUILD_ID is your server's id: a number (Copy Server ID)")
        return value.strip() if value else None

    @field_validator("discord_reconnect_seconds")
    @classmethod
    def _pauses(cls, value: str) -> str:
        try:
            pauses = [float(part) for part in value.split(",")]
        except ValueError:
            pauses = []
        if not pauses or min(pauses) <= 0:
            raise ValueError("DISCORD_RECONNECT_SECONDS: positive numbers of seconds, e.g. 5,15,60")
        return value

    @property
    def discord_reconnect_pauses(self) -> tuple[float, ...]:
        """Pauses before each new try to reach Discord (the last repeats)."""
        return tuple(float(part) for part in self.discord_reconnect_seconds.split(","))

    @property
    def discord_status_stale(self) -> timedelta:
        return timedelta(seconds=self.discord_status_stale_seconds)

    @property
    def discord_enabled(self) -> bool:
        """The Discord bot runs only when a token and a server id are configured."""
        return self.discord_bot_token is not None and self.discord_guild_id is not None

    @property
    def public_base_url(self) -> str:
        """Where members reach the platform, without a trailing slash."""
        return (self.public_base_url_setting or f"http://localhost:{self.port}").rstrip("/")

    @property
    def host(self) -> str:
        """The address the server listens on (HOST; loopback behind a proxy by default)."""
        if self.host_setting and self.host_setting.strip():
            return self.host_setting.strip()
        return "0.0.0.0" if self.public_base_url_setting is None else "127.0.0.1"

    @property
    def allowed_origins(self) -> list[str]:
        """The web origins browsers may call the backend from (Reflex's CORS allows them with
        credentials, so never "*", which it would echo for any site): the configured
        PUBLIC_BASE_URL's only; for a local try-out where it is not set, this machine's own
        names on the app's port."""
        if self.public_base_url_setting is None:
            names = ("localhost", "127.0.0.1", "[::1]")
            return [f"http://{name}:{self.port}" for name in names]
        parts = urlsplit(self.public_base_url)
        return [f"{parts.scheme}://{parts.netloc}"]

    @property
    def serves_https(self) -> bool:
        """Behind TLS: the session cookie is then sent over HTTPS only."""
        return self.public_base_url.startswith("https://")

    @property
    def seeds_demo_guild(self) -> bool:
        """Demo data goes into the embedded database by default, into a real one only when
        DEMO_DATA=true is given explicitly (so demo_officer never reaches production)."""
        return self.demo_data if self.demo_data is not None else self.database_url is None

    @property
    def battlenet_redirect_uri(self) -> str:
        """Where Battle.net sends a member back after "Link Battle.net" (register it on the
        client at develop.battle.net)."""
        return f"{self.public_base_url}/auth/battlenet/callback"

    @property
    def blizzard_enabled(self) -> bool:
        """The Battle.net sync runs only when client credentials are configured."""
        return self.blizzard_client_id is not None and self.blizzard_client_secret is not None

    @property
    def warcraftlogs_enabled(self) -> bool:
        """Warcraft Logs imports run only when API client credentials are configured."""
        return self.wcl_client_id is not None and self.wcl_client_secret is not None


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
