"""Deployment settings: the demo guild (and its demo_officer / pattdemo login) only in the
embedded database unless DEMO_DATA=true is given on purpose; links on the app's own port; a
secure cookie and CORS limited to the site once PUBLIC_BASE_URL is set."""

from patt_app.settings import Settings

REAL = "postgresql+psycopg://patt:pw@db.example:5432/patt"


def test_embedded_database_gets_the_demo_guild_by_default():
    assert Settings(_env_file=None, database_url=None, demo_data=None).seeds_demo_guild


def test_a_real_database_does_not_unless_asked():
    assert not Settings(_env_file=None, database_url=REAL, demo_data=None).seeds_demo_guild
    assert Settings(_env_file=None, database_url=REAL, demo_data=True).seeds_demo_guild
    assert not Settings(_env_file=None, database_url=None, demo_data=False).seeds_demo_guild


def test_links_use_the_port_the_app_runs_on_until_an_address_is_set():
    assert Settings(_env_file=None, port=8080).public_base_url == "http://localhost:8080"
    settings = Settings(_env_file=None, PUBLIC_BASE_URL="https://patt.example.org/")
    assert settings.public_base_url == "https://patt.example.org"


def test_https_addresses_get_a_secure_cookie_and_cors_limited_to_the_site():
    deployed = Settings(_env_file=None, PUBLIC_BASE_URL="https://patt.example.org/guild")
    assert deployed.serves_https
    assert deployed.allowed_origins == ["https://patt.example.org"]
    local = Settings(_env_file=None, port=3000)
    assert not local.serves_https and "*" not in local.allowed_origins
    assert local.allowed_origins == [
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://[::1]:3000",
    ]
