"""Login and registration attempts, counted in PostgreSQL so every worker sees the same counts.

Each attempt is counted *before* the password (or invite code) is checked, in its own
committed transaction, so parallel guesses can't slip past the limits; a success takes its
count back. Three counters, each over a 15-minute window:

- per client and name ("pair"): 10 failures, then that client is refused for that name;
- per client: 30 failures over any names, then that client is refused;
- per name: failures *slow* the name down (a growing wait before the answer) rather than
  refusing anyone — an officer whose name is being guessed still gets in, a little later.

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
    params = {"now": now, "cutoff": now - WINDOW}
    counts = {}
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            for kind, key in keys(client, name).items():
                counts[kind] = conn.execute(_BUMP, {**params, "key": key}).scalar_one()
    else:  # a connection already in a transaction (tests): count inside it
        for kind, key in keys(client, name).items():
            counts[kind] = bind.execute(_BUMP, {**params, "key": key}).scalar_one()
    if counts["pair"] > PAIR_LIMIT or counts["client"] > CLIENT_LIMIT:
        what = "logins" if name is not None else "registration attempts"
        raise RateLimited(f"Too many failed {what} from here. Wait 15 minutes and try again.")
    return name_delay(counts.get("name", 1) - 1)


def attempt_succeeded(*, session: Session, client: str, name: str | None) -> None:
    """A right password or a good code: this attempt was no failure, and the name and this
    client's tries on it start afresh (in the caller's transaction)."""
    found = keys(client, name)
    session.execute(
        delete(LoginFailure).where(
            col(LoginFailure.key).in_([k for kind, k in found.items() if kind != "client"])
        )
    )
    session.execute(
        update(LoginFailure)
        .where(LoginFailure.key == found["client"], LoginFailure.failures > 0)
        .values(failures=LoginFailure.failures - 1)
    )


def purge_old_failures(*, session: Session, now: datetime) -> int:
    """Forget counters untouched for a day (keeps the table small)."""
    result = session.execute(delete(LoginFailure).where(LoginFailure.last_failed_at < now - KEEP))
    return result.rowcount or 0


def client_address(peer: str, forwarded_for: str, trusted_hops: int) -> str:
    """The caller's address: the peer itself, or — behind `trusted_hops` proxies that each
    append to X-Forwarded-For — the entry the outermost trusted proxy saw. The same rule as
    Reflex's own `trusted_proxy_hops`, so the pages and the API agree."""
    if trusted_hops <= 0:
        return peer or "unknown"
    chain = [part.strip() for part in forwarded_for.split(",") if part.strip()]
    return chain[-trusted_hops] if len(chain) >= trusted_hops else (peer or "unknown")
