"""The pure parts of the login limits: how a name's failures slow it down, and which address
counts as the client behind proxies."""

from patt_app.services.accounts.login_throttle import (
    FREE_NAME_FAILURES,
    MAX_NAME_DELAY,
    client_address,
    keys,
    name_delay,
)


def test_a_names_failures_slow_it_down_more_and_more_up_to_a_cap():
    delays = [name_delay(n) for n in range(12)]
    assert delays[:FREE_NAME_FAILURES] == [0.0] * FREE_NAME_FAILURES
    assert delays[FREE_NAME_FAILURES : FREE_NAME_FAILURES + 4] == [1.0, 2.0, 4.0, 8.0]
    assert max(delays) == MAX_NAME_DELAY and delays == sorted(delays)


def test_registrations_have_no_name_counter():
    assert set(keys("10.0.0.1", None)) == {"client", "pair"}
    assert keys("10.0.0.1", "zat") == {
        "client": "client:10.0.0.1",
        "pair": "pair:10.0.0.1|zat",
        "name": "user:zat",
    }


def test_the_client_behind_trusted_proxies():
    assert client_address("10.0.0.5", "203.0.113.9", 0) == "10.0.0.5"  # no proxy trusted
    assert client_address("10.0.0.5", "203.0.113.9", 1) == "203.0.113.9"
    # a client can prepend a fake entry; with one trusted proxy the proxy's own entry wins
    assert client_address("10.0.0.5", "6.6.6.6, 203.0.113.9", 1) == "203.0.113.9"
    assert client_address("10.0.0.5", "198.51.100.7, 10.1.1.1", 2) == "198.51.100.7"
    assert client_address("10.0.0.5", "", 1) == "10.0.0.5"  # header missing: the peer


def test_a_caller_without_any_address_is_one_client_named_unknown():
    """No peer address (a test client, a broken proxy): such callers share one counter, and
    the session list says "unknown"."""
    assert client_address("", "", 0) == "unknown"
    assert client_address("", "203.0.113.9", 2) == "unknown"  # fewer entries than hops
