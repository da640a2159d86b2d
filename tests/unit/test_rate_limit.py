from patt_app.services.accounts.rate_limit import AttemptLimiter


def test_ten_failures_a_minute_then_blocked_until_the_window_passes():
    limiter = AttemptLimiter(limit=10, window_seconds=60)
    keys = ["client:1.2.3.4", "user:trogdor"]
    for second in range(10):
        assert not limiter.blocked(keys, 100 + second)
        limiter.record_failure(keys, 100 + second)
    assert limiter.blocked(keys, 110)
    assert limiter.blocked(keys, 159)
    assert not limiter.blocked(keys, 161)  # the first failures have aged out


def test_a_username_is_protected_whichever_client_tries():
    limiter = AttemptLimiter(limit=10, window_seconds=60)
    for n in range(10):
        limiter.record_failure([f"client:10.0.0.{n}", "user:trogdor"], 100)
    assert limiter.blocked(["client:10.9.9.9", "user:trogdor"], 101)
    assert not limiter.blocked(["client:10.9.9.9", "user:someone"], 101)


def test_reset_forgets_a_key():
    limiter = AttemptLimiter(limit=2, window_seconds=60)
    limiter.record_failure(["user:a"], 1)
    limiter.record_failure(["user:a"], 2)
    assert limiter.blocked(["user:a"], 3)
    limiter.reset(["user:a"])
    assert not limiter.blocked(["user:a"], 3)
