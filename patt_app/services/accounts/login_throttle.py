"""Login and registration attempts, counted in PostgreSQL so every worker sees the same counts.

Each attempt is counted *before* the password (or invite code) is checked, in its own
committed transaction, so parallel guesses can't slip past the limits; a success takes its
count back. Three counters, each over a 15-minute window:

- per client and name ("pair"): 10 failures, then that client is refused for that name;
- per client: 30 failures over any names, then that client is refused;
- per name: failures *slow* the name down (a growing wait before the answer) rather than
  refusing anyone — an officer whose name is being guessed still gets in, a little later.

Wrong PATTSync uploader keys (`X-API-Key`) count against the same per-client counter as
logins (`count_key_attempt`): a client guessing keys is refused like one guessing passwords,
even once it sends the right key.

A client is the caller's address as the platform sees it (TRUSTED_PROXY_HOPS says how many
proxies' X-Forwarded-For entries to trust), so one shared proxy address no longer locks
everybody out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, text, update
from sqlmodel import Session, col

from patt_app.models import LoginFailure
from patt_app.services.errors import RateLimited
from patt_app.services.statements import rows_changed

WINDOW = timedelta(minutes=15)
PAIR_LIMIT = 10
CLIENT_LIMIT = 30
FREE_NAME_FAILURES = 3
MAX_NAME_DELAY = 20.0  # seconds
KEEP = timedelta(days=1)

_BUMP = text(
    """
    INSERT INTO common.login_failures AS f (key, failures, window_started_at, last_failed_at)
    VALUES (:key, 1, :now, :now)
    ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN f.window_started_at < :cutoff THEN 1 ELSE f.failures + 1 END,
        window_started_at = CASE WHEN f.window_started_at < :cutoff
                                 THEN :now ELSE f.window_started_at END,
        last_failed_at = :now
    RETURNING failures
    """
)


def keys(client: str, name: str | None) -> dict[str, str]:
    """The counters an attempt by `client` on `name` (None: a registration) counts against."""
    found = {"client": f"client:{client}", "pair": f"pair:{client}|{name or '@register'}"}
    if name is not None:
        found["name"] = f"user:{name}"
    return found


def name_delay(earlier_failures: int) -> float:
    """Seconds to wait before answering for a name that failed this often in the window:
    nothing for the first few, then 1, 2, 4, 8 … up to MAX_NAME_DELAY."""
    extra = earlier_failures - FREE_NAME_FAILURES
    return 0.0 if extra < 0 else min(MAX_NAME_DELAY, float(2**extra))


def count_attempt(
    *, bind: Engine | Connection, client: str, name: str | None, now: datetime
) -> float:
    """Count this attempt at once (committed on its own) and say how long to wait before
    checking it; raises RateLimited when this client has failed too often."""
    counts = _bump(bind, keys(client, name), now)
    if counts["pair"] > PAIR_LIMIT or counts["client"] > CLIENT_LIMIT:
        what = "logins" if name is not None else "registration attempts"
        raise RateLimited(f"Too many failed {what} from here. Wait 15 minutes and try again.")
    return name_delay(counts.get("name", 1) - 1)


def _bump(bind: Engine | Connection, counters: dict[str, str], now: datetime) -> dict[str, int]:
    params = {"now": now, "cutoff": now - WINDOW}
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            return {
                k: conn.execute(_BUMP, {**params, "key": v}).scalar_one()
                for k, v in counters.items()
            }
    # a connection already in a transaction (tests): count inside it
    return {k: bind.execute(_BUMP, {**params, "key": v}).scalar_one() for k, v in counters.items()}


def count_key_attempt(*, bind: Engine | Connection, client: str, now: datetime) -> None:
    """Count an uploader-key attempt against this client's login limit at once (committed on
    its own, before the key is checked); raises RateLimited once the client failed too often."""
    counts = _bump(bind, {"client": keys(client, None)["client"]}, now)
    if counts["client"] > CLIENT_LIMIT:
        raise RateLimited(
            "Too many failed logins or uploader keys from here. Wait 15 minutes and try again."
        )


def key_attempt_succeeded(*, session: Session, client: str) -> None:
    """A right uploader key: this attempt was no failure (in the caller's transaction)."""
    session.execute(
        update(LoginFailure)
        .where(
            col(LoginFailure.key) == keys(client, None)["client"], col(LoginFailure.failures) > 0
        )
        .values(failures=col(LoginFailure.failures) - 1)
    )


def attempt_succeeded(*, session: Session, client: str, name: str | None) -> None:
    """A right password or a good code: this attempt was no failure, and the name and this
    client's tries on it start afresh (in the caller's transaction)."""
    found = keys(client, name)
    session.execute(
        delete(LoginFailure).where(
            col(LoginFailure.key).in_([k for kind, k in found.items() if kind != "client"])
        )
    )
    key_attempt_succeeded(session=session, client=client)


def purge_old_failures(*, session: Session, now: datetime) -> int:
    """Forget counters untouched for a day (keeps the table small)."""
    result = session.execute(
        delete(LoginFailure).where(col(LoginFailure.last_failed_at) < now - KEEP)
    )
    return rows_changed(result)


def client_address(peer: str, forwarded_for: str, trusted_hops: int) -> str:
    """The caller's address: the peer itself, or — behind `trusted_hops` proxies that each
    append to X-Forwarded-For — the entry the outermost trusted proxy saw. The same rule as
    Reflex's own `trusted_proxy_hops`, so the pages and the API agree."""
    if trusted_hops <= 0:
        return peer or "unknown"
    chain = [part.strip() for part in forwarded_for.split(",") if part.strip()]
    return chain[-trusted_hops] if len(chain) >= trusted_hops else (peer or "unknown")
