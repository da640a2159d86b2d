"""`GET /auth/battlenet/callback`: where Battle.net sends the member's browser back after
"Link Battle.net" on /profile.

Blizzard's redirect is a top-level navigation, so the browser sends its login cookie along
(SameSite=Lax): the member is whoever that cookie's session belongs to, and the `state` must be
the one this same session was given, unused and under ten minutes old. Every outcome goes back
to /profile as `?battlenet=<reason>`, which the page turns into plain words; nothing but a
successful sign-in on a valid state changes a link.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from patt_app.db import run_in_session
from patt_app.integrations.blizzard.account_link import SignInRejected, read_account
from patt_app.integrations.blizzard.client import BattleNetError
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.accounts.sessions import SESSION_COOKIE, Viewer, resolve_session
from patt_app.services.identity.battlenet_link import link_battlenet_account
from patt_app.services.identity.battlenet_link_state import LinkRefused, consume_link_state
from patt_app.settings import get_settings

log = logging.getLogger(__name__)
router = APIRouter()
LINKED = "linked"


def _back(outcome: str) -> RedirectResponse:
    return RedirectResponse(f"/profile?battlenet={outcome}", status_code=303)


async def _check_state(viewer: Viewer, state: str) -> int:
    """The player this session's `state` was issued for (used up now)."""
    if viewer.player_id is None:
        raise LinkRefused("not_member")
    player_id = await run_in_session(
        consume_link_state, state=state, user_session_id=viewer.session_id, now=datetime.now(UTC)
    )
    if player_id != viewer.player_id:
        raise LinkRefused("state_unknown")
    return player_id


async def _link(viewer: Viewer, state: str, code: str, error: str) -> str:
    player_id = await _check_state(viewer, state)
    if error:
        if error != "access_denied":
            log.warning("Battle.net sign-in came back with error=%s", error[:40])
        raise LinkRefused("denied" if error == "access_denied" else "unavailable")
    try:
        account = await read_account(settings=get_settings(), code=code)
    except SignInRejected as rejected:
        log.info("Battle.net sign-in refused: %s", rejected)
        raise LinkRefused("code_invalid") from None
    except BattleNetError as failed:
        log.warning("Battle.net sign-in failed: %s", failed)
        raise LinkRefused("unavailable") from None
    await run_in_session(
        link_battlenet_account, player_id=player_id, account=account, now=datetime.now(UTC)
    )
    return LINKED


@router.get("/auth/battlenet/callback", include_in_schema=False)
async def battlenet_callback(request: Request, state: str = "", code: str = "", error: str = ""):
    """Apply the member's Battle.net sign-in, then back to /profile saying how it went."""
    token = request.cookies.get(SESSION_COOKIE, "")
    viewer = await run_in_session(resolve_session, token=token, now=datetime.now(UTC))
    if viewer is None:
        return RedirectResponse("/login?next=/profile", status_code=303)
    try:
        outcome = await _link(viewer, state[:200], code[:500], error[:100])
    except LinkRefused as refused:
        return _back(refused.reason)
    notify(Topic.ROSTER)
    return _back(outcome)
