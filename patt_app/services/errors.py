"""The refusals services raise. Adapters turn them into a toast, a 4xx or a Discord reply.

PattError            a refusal with a message fit to show the person
├── InvalidInput     the request itself is wrong (422 in the API)
│   └── InviteInvalid  unknown, used or expired invite code
├── NotAllowed       not logged in, or not an officer (401/403)
├── NotFound         the thing does not exist (404)
└── RateLimited      too many attempts; try again later (429)
"""


class PattError(Exception):
    """A refusal; `str(error)` is a message for the person who asked."""

    status_code = 400


class InvalidInput(PattError):
    status_code = 422


class InviteInvalid(InvalidInput):
    pass


class NotAllowed(PattError):
    status_code = 403


class NotLoggedIn(NotAllowed):
    status_code = 401


class NotFound(PattError):
    status_code = 404


class RateLimited(PattError):
    status_code = 429
