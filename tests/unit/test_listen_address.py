"""Security review (issue 24): behind a proxy the app listens on loopback only, so nobody can
reach it directly with a forged X-Forwarded-For; HOST overrides it (containers); CORS never
allows every origin with credentials."""

from patt_app.cli import reflex_command
from patt_app.settings import Settings


def test_behind_a_proxy_the_server_listens_on_loopback():
    deployed = Settings(_env_file=None, PUBLIC_BASE_URL="https://patt.example.org")
    assert deployed.host == "127.0.0.1"
    assert reflex_command("reflex", port=3000, host=deployed.host)[-2:] == [
        "--backend-host",
        "127.0.0.1",
    ]


def test_host_overrides_it_for_containers_and_a_local_try_out_listens_everywhere():
    container = Settings(_env_file=None, PUBLIC_BASE_URL="https://patt.example.org", HOST="0.0.0.0")
    assert container.host == "0.0.0.0"
    assert Settings(_env_file=None).host == "0.0.0.0"


def test_cors_never_allows_every_origin():
    for settings in (
        Settings(_env_file=None),
        Settings(_env_file=None, PUBLIC_BASE_URL="https://a.b"),
    ):
        assert "*" not in settings.allowed_origins
