"""How the API answers a service's refusal: one table from error class to HTTP status.

Services raise domain errors (`patt_app.services.errors`) without knowing about HTTP; this
module is the only place that decides which status each one gets, and it also feeds the
`responses=` documentation of the routes so the docs and the answers cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from patt_app.api.schemas.envelope import ErrorEnvelope
from patt_app.services.errors import (
    AlreadyRunning,
    Conflict,
    DatabaseUnavailable,
    InvalidInput,
    NotAllowed,
    NotFound,
    NotLoggedIn,
    PattError,
    RateLimited,
)

STATUS_BY_ERROR: dict[type[PattError], int] = {
    InvalidInput: 422,
    NotLoggedIn: 401,
    NotAllowed: 403,
    NotFound: 404,
    RateLimited: 429,
    AlreadyRunning: 409,
    Conflict: 409,
    DatabaseUnavailable: 503,
    PattError: 400,
}

DESCRIPTIONS = {
    400: "Refused (the message says why)",
    401: "Not logged in, session ended, or wrong credentials",
    403: "Officers only",
    404: "Not found",
    409: "Not possible in the current state (already running, already voted, not live)",
    413: "The upload is too large",
    422: "Invalid parameters or body (the message names the field)",
    429: "Too many attempts; try again later",
    503: "The database is unreachable",
}


def status_for(error: PattError) -> int:
    """The status for `error`: its own class's entry, else the nearest ancestor's."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route that may answer these statuses with the error envelope."""
    return {s: {"model": ErrorEnvelope, "description": DESCRIPTIONS[s]} for s in statuses}


MEMBERS = refusals(401, 422)
OFFICERS = refusals(401, 403, 422)
