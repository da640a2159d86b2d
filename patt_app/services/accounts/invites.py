"""Invite codes: 8 characters, made with a cryptographic RNG, single use, valid for 72 hours.
Only a code's SHA-256 is stored (like session tokens); the code is shown once, when made."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import InviteCode, Player
from patt_app.services.accounts.one_time_secrets import expire_unused
from patt_app.services.accounts.sessions import hash_token
from patt_app.services.errors import InvalidInput, InviteInvalid
from patt_app.services.reference.officers import ensure_may_act_on
from patt_app.services.statements import row_or_refuse

INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
INVITE_LENGTH = 8
INVITE_LIFETIME = timedelta(hours=72)


def generate_code() -> str:
    """A fresh random code from the unambiguous alphabet."""
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


def normalise_code(code: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch not in " -\t")


def hash_code(code: str) -> str:
    """What is stored for a code (as typed: case, spaces and dashes don't matter)."""
    return hash_token(normalise_code(code))


@dataclass(frozen=True)
class IssuedInvite:
    """A new invite, with the plain code to show once (it is not stored)."""

    id: int
    player_id: int
    code: str
    expires_at: datetime


def registration_link(base_url: str, code: str) -> str:
    """The link that opens the register page with the code filled in."""
    return f"{base_url.rstrip('/')}/register?code={code}"


def create_invite(
    *,
    session: Session,
    player_id: int,
    created_by_player_id: int | None,
    now: datetime,
    generated_by: str = "manual",
    onboarding_session_id: int | None = None,
) -> IssuedInvite:
    """A new code for a player without an account; earlier unused codes for them stop working.
    The plain code is in the answer only."""
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    if player.website_user_id is not None:
        raise InvalidInput(f"{player.display_name} already has an account.")
    ensure_may_act_on(
        session=session, actor_player_id=created_by_player_id, target_player_id=player_id
    )
    if not player.is_active:
        raise InvalidInput(f"{player.display_name} is inactive; reactivate them first.")
    expire_unused(session, InviteCode, col(InviteCode.player_id), player_id, now)
    code = generate_code()
    while session.exec(
        select(col(InviteCode.id)).where(col(InviteCode.code_hash) == hash_code(code))
    ).first():
        code = generate_code()  # 31^8 codes: a clash is rare, but cheap to avoid
    invite = InviteCode(
        code_hash=hash_code(code),
        player_id=player_id,
        created_by_player_id=created_by_player_id,
        generated_by=generated_by,
        onboarding_session_id=onboarding_session_id,
        expires_at=now + INVITE_LIFETIME,
        created_at=now,
    )
    session.add(invite)
    session.flush()
    return IssuedInvite(id=invite.id, player_id=player_id, code=code, expires_at=invite.expires_at)


UNUSABLE_CODE = (
    "That invite code can't be used: it is unknown, already used or expired. "
    "Check it, or ask an officer for a new one."
)


def claim_invite(*, session: Session, code: str, now: datetime) -> InviteCode:
    """Lock and return a usable invite; unknown, used and expired codes get one message."""
    invite = session.exec(
        select(InviteCode).where(col(InviteCode.code_hash) == hash_code(code)).with_for_update()
    ).first()
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        raise InviteInvalid(UNUSABLE_CODE)  # one message: a guesser learns nothing
    return invite
