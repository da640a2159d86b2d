"""The one guard every page, handler and API route uses to decide who may do what."""

from __future__ import annotations

from patt_app.services.accounts.sessions import Viewer
from patt_app.services.errors import NotAllowed, NotLoggedIn

OFFICERS_ONLY = "Officers only."
LOGIN_REQUIRED = "Please log in first."


def require_member(viewer: Viewer | None) -> Viewer:
    """A logged-in member linked to an active player."""
    if viewer is None:
        raise NotLoggedIn(LOGIN_REQUIRED)
    if viewer.player_id is None:
        raise NotAllowed("Your account is not linked to an active guild member.")
    return viewer


def require_officer(viewer: Viewer | None) -> Viewer:
    """A logged-in member whose rank is Officer or higher."""
    member = require_member(viewer)
    if not member.is_officer:
        raise NotAllowed(OFFICERS_ONLY)
    return member
