"""Several workers: `run --workers N` needs REDIS_URL (else it refuses before touching the
database), says so when Redis does not answer, and hands the worker count and Redis to the
production server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import ValidationError

from patt_app import cli
from patt_app.settings import Settings, get_settings


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """The environment, with the cached settings re-read after each change."""
    for name in ("REDIS_URL", "REFLEX_REDIS_URL", "WORKERS", *cli.OPLOCK_ENV):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


@pytest.fixture
def no_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def untouched(**_kwargs):
        raise AssertionError("a refused start must not migrate or seed the database")

    monkeypatch.setattr(cli, "prepare", untouched)


def test_one_worker_needs_no_redis():
    assert Settings(_env_file=None).workers_refusal(1) is None
    assert Settings(_env_file=None, REDIS_URL="redis://localhost:6379/0").workers_refusal(4) is None


def test_several_workers_without_redis_are_refused_before_the_database(
    environment, no_database, capsys
):
    environment.setenv("WORKERS", "4")
    get_settings.cache_clear()
    assert cli.main(["run", "--port", "3999"]) == 2
    said = capsys.readouterr().err
    assert "4 workers need REDIS_URL" in said and "Not started" in said


def test_a_redis_that_does_not_answer_is_named(environment, no_database, capsys):
    environment.setenv("REDIS_URL", "redis://:hunter2@127.0.0.1:1/0")
    get_settings.cache_clear()
    assert cli.main(["run", "--port", "3999", "--workers", "2"]) == 2
    said = capsys.readouterr().err
    assert "Redis of REDIS_URL does not answer" in said and "127.0.0.1:1" in said
    assert "hunter2" not in said


def test_redis_urls_are_checked_and_the_reflex_name_still_works():
    with pytest.raises(ValidationError, match="redis://"):
        Settings(_env_file=None, REDIS_URL="http://cache.example:6379")
    assert Settings(_env_file=None, REDIS_URL="  ").redis_url is None
    legacy = Settings(_env_file=None, REFLEX_REDIS_URL="redis://cache.example:6379/2")
    assert legacy.redis_url == "redis://cache.example:6379/2"


def test_the_server_gets_the_worker_count_and_the_redis(environment):
    environment.setenv("REDIS_URL", "redis://127.0.0.1:6379/5")
    get_settings.cache_clear()
    env = cli.serving_env(port=3999, workers=3, database_url="postgresql+psycopg://x@/patt")
    assert env["GRANIAN_WORKERS"] == "3"
    assert env["REFLEX_REDIS_URL"] == "redis://127.0.0.1:6379/5"
    assert env["PORT"] == "3999" and env["REFLEX_USE_NPM"] == "1"
    # a worker holds a tab's state between its events (Reflex's opportunistic lock)
    assert env["REFLEX_OPLOCK_ENABLED"] == "true" and env["REFLEX_OPLOCK_HOLD_TIME"] == "3s"


def test_an_operators_own_lock_hold_wins(environment):
    environment.setenv("REDIS_URL", "redis://127.0.0.1:6379/5")
    environment.setenv("REFLEX_OPLOCK_HOLD_TIME", "1s")
    get_settings.cache_clear()
    env = cli.serving_env(port=3999, workers=2, database_url="postgresql+psycopg://x@/patt")
    assert env["REFLEX_OPLOCK_HOLD_TIME"] == "1s" and env["REFLEX_OPLOCK_ENABLED"] == "true"


def test_without_redis_the_server_runs_one_worker_on_disk_state(environment):
    env = cli.serving_env(port=3999, workers=1, database_url="postgresql+psycopg://x@/patt")
    assert env["GRANIAN_WORKERS"] == "1" and "REFLEX_REDIS_URL" not in env
    assert "REFLEX_OPLOCK_ENABLED" not in env  # (no Redis lock to hold)


def test_zero_workers_is_a_usage_error(environment, no_database):
    with pytest.raises(SystemExit):
        cli.main(["run", "--workers", "0"])
