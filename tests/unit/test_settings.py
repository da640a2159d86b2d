import pytest
from pydantic import ValidationError
from sqlalchemy.engine import make_url

from patt_app.db import normalize_url
from patt_app.settings import Settings


def test_plain_postgres_urls_get_the_psycopg_driver():
    assert normalize_url("postgresql://patt:pw@db:5432/patt") == (
        "postgresql+psycopg://patt:pw@db:5432/patt"
    )
    assert normalize_url("postgres://patt@db/patt").startswith("postgresql+psycopg://")


def test_unix_socket_urls_keep_their_host_directory():
    url = normalize_url("postgresql://patt@/patt?host=/run/postgresql")
    assert url == "postgresql+psycopg://patt@/patt?host=%2Frun%2Fpostgresql"
    assert make_url(url).query["host"] == "/run/postgresql"


def test_other_databases_are_refused():
    with pytest.raises(ValueError, match="PostgreSQL"):
        normalize_url("sqlite:///patt.db")


def test_integrations_are_off_without_credentials():
    settings = Settings(_env_file=None, discord_bot_token="", blizzard_client_id="")
    assert settings.discord_bot_token is None
    assert not settings.discord_enabled
    assert not settings.blizzard_enabled


def test_integrations_switch_on_with_credentials():
    settings = Settings(
        _env_file=None,
        discord_bot_token="abc.def",
        discord_guild_id="123",
        blizzard_client_id="id",
        blizzard_client_secret="s3cr3t-value",
    )
    assert settings.discord_enabled
    assert settings.blizzard_enabled


def test_placeholder_secrets_are_refused():
    with pytest.raises(ValidationError, match="placeholder"):
        Settings(_env_file=None, patt_api_key="changeme")


def test_secrets_do_not_show_in_repr():
    settings = Settings(_env_file=None, patt_api_key="very-secret-key-123")
    assert "very-secret-key-123" not in repr(settings)
