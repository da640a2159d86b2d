"""The `state` of one "Link Battle.net" sign-in, and the refusals a link can meet.

`issue_link_state` makes the random `state` (only its SHA-256 is kept, bound to the member's
login session, single use, valid ten minutes); the callback `consume_link_state`s it before the
Battle.net adapter reads the account and `battlenet_link.link_battlenet_account` applies it.
Every refusal is a `LinkRefused` whose `reason` (a key of `REASONS`) the browser redirect carries.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col

from patt_app.models import BattleNetLinkState
from patt_app.services.errors import InvalidInput

STATE_LIFETIME = timedelta(minutes=10)
STATES_KEPT = timedelta(days=1)

AGAIN = 'Nothing was changed; press "Link Battle.net" to try again.'
REASONS = {
    "denied": "You did not allow the guild site to see your characters on Battle.net, so "
    "nothing was linked.",
    "state_unknown": "That answer from Battle.net does not belong to this login: it was used "
    f"already, or started in another browser. {AGAIN}",
    "state_expired": f"That Battle.net sign-in took longer than 10 minutes. {AGAIN}",
    "code_invalid": "Battle.net did not accept the sign-in (it had expired or was used "
    f"already). {AGAIN}",
    "unavailable": "Battle.net could not be reached just now. Nothing was changed; please try "
    "again in a few minutes.",
    "account_taken": "That Battle.net account is already linked to another player. Nothing was "
    "changed; ask an officer if that is wrong.",
    "no_guild_characters": "None of the characters on that Battle.net account is on the guild's "
    "roster, so nothing was linked. Check that you signed in with the right account; a new "
    "character shows up after the next roster sync.",
    "not_configured": "Battle.net linking is not set up on this site yet (an officer adds "
    "BLIZZARD_CLIENT_ID and BLIZZARD_CLIENT_SECRET).",
    "not_member": "Your account is not linked to an active guild member.",
}


class LinkRefused(InvalidInput):
    """A Battle.net link that cannot be made; `reason` is a key of `REASONS`."""

    def __init__(self, reason: str) -> None:
        self.reason = reason if reason in REASONS else "unavailable"
        super().__init__(REASONS[self.reason])


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def issue_link_state(
    *, session: Session, user_session_id: int, player_id: int, now: datetime
) -> str:
    """A new random `state` for this login session's "Link Battle.net" (returned once; only
    its hash is stored). States older than a day are cleared on the way."""
    session.execute(
        delete(BattleNetLinkState).where(col(BattleNetLinkState.expires_at) < now - STATES_KEPT)
    )
    state = secrets.token_urlsafe(32)
    session.add(
        BattleNetLinkState(
            state_hash=_hash(state),
            user_session_id=user_session_id,
            player_id=player_id,
            created_at=now,
            expires_at=now + STATE_LIFETIME,
        )
    )
    session.flush()
    return state


def consume_link_state(*, session: Session, state: str, user_session_id: int, now: datetime) -> int:
    """Use up `state` for this login session; returns the player it was issued for. Unknown,
    used or another session's: "state_unknown"; older than ten minutes: "state_expired"."""
    row = session.execute(
        update(BattleNetLinkState)
        .where(
            col(BattleNetLinkState.state_hash) == _hash(state or ""),
            col(BattleNetLinkState.user_session_id) == user_session_id,
            col(BattleNetLinkState.used_at).is_(None),
        )
        .values(used_at=now)
        .returning(col(BattleNetLinkState.player_id), col(BattleNetLinkState.expires_at))
    ).first()
    if row is None:
        raise LinkRefused("state_unknown")
    if row.expires_at <= now:
        raise LinkRefused("state_expired")
    player_id: int = row.player_id
    return player_id
