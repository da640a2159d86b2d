"""The refusals services raise. Adapters turn them into a toast, a 4xx or a Discord reply;
each adapter chooses how (the API's status codes live in `patt_app/api/refusals.py`).

PattError              a refusal with a message fit to show the person
├── InvalidInput       the request itself is wrong
│   └── InviteInvalid  unknown, used or expired invite code or password reset link
├── NotAllowed         not an officer, or otherwise not permitted
│   └── NotLoggedIn    nobody is logged in (or the credentials were wrong)
├── NotFound           the thing does not exist
├── RateLimited        too many attempts; try again later
├── AlreadyRunning     the same work is already under way (one sync at a time)
├── Conflict           the thing's state forbids it now (already voted, vote not live)
└── DatabaseUnavailable  the database did not answer (restarting?); nothing was saved
"""


class PattError(Exception):
    """A refusal; `str(error)` is a message for the person who asked."""


class InvalidInput(PattError):
    """The request itself is wrong: a bad value, a missing field, a clash with the rules."""


class InviteInvalid(InvalidInput):
    """The invite code (or password reset link) is unknown, already used or expired."""


class NotAllowed(PattError):
    """The caller may not do this (typically: officers only)."""


class NotLoggedIn(NotAllowed):
    """Nobody is logged in, the session ended, or the credentials were wrong."""


class NotFound(PattError):
    """The thing asked for does not exist."""


class RateLimited(PattError):
    """Too many attempts in a short time; try again later."""


class AlreadyRunning(PattError):
    """The same work is already under way (e.g. a roster sync); wait for it to finish.
    `run_id` names the run under way, when there is one to follow."""

    def __init__(self, message: str, *, run_id: int | None = None) -> None:
        super().__init__(message)
        self.run_id = run_id


class DatabaseUnavailable(PattError):
    """The database connection was lost or refused (a restart, a network cut). The
    transaction was rolled back, so nothing was half-saved; trying again later works."""


DATABASE_UNAVAILABLE = (
    "Couldn't reach the database, so nothing was saved. Please try again in a moment."
)


class Conflict(PattError):
    """The request is fine but the thing's current state forbids it: a second ballot, voting
    on a campaign that is not live, activating one that already ran."""
