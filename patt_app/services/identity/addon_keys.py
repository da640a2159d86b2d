"""Keys for PATTSync uploaders: the deployment's `PATT_API_KEY`, or one an officer generated
(shown once, kept only as a SHA-256, replaced by the next one generated). Compared in
constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from patt_app.models import AddonApiKey, Player


@dataclass
class KeyInfo:
    hint: str
    created_at: datetime
    created_by: str
    last_used_at: datetime | None


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def generate_key(*, session: Session, officer_player_id: int | None, now: datetime) -> str:
    """A new uploader key; every earlier generated key stops working. Returns the key itself,
    which is never stored and cannot be shown again."""
    for old in session.exec(select(AddonApiKey).where(AddonApiKey.revoked_at.is_(None))).all():
        old.revoked_at = now
        session.add(old)
    key = "patt_" + secrets.token_urlsafe(32)
    session.add(
        AddonApiKey(
            key_hash=_digest(key),
            key_hint=key[-4:],
            created_by_player_id=officer_player_id,
            created_at=now,
        )
    )
    session.flush()
    return key


def revoke_keys(*, session: Session, now: datetime) -> int:
    """Stop every generated key (the deployment's PATT_API_KEY is unaffected)."""
    keys = session.exec(select(AddonApiKey).where(AddonApiKey.revoked_at.is_(None))).all()
    for key in keys:
        key.revoked_at = now
        session.add(key)
    session.flush()
    return len(keys)


def current_key(*, session: Session) -> KeyInfo | None:
    """What officers may know about the active generated key (never the key)."""
    row = session.exec(
        select(AddonApiKey, Player.display_name)
        .join(Player, AddonApiKey.created_by_player_id == Player.id, isouter=True)
        .where(AddonApiKey.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    key, name = row
    return KeyInfo(f"…{key.key_hint}", key.created_at, name or "", key.last_used_at)


def key_accepted(
    *, session: Session, given: str, deployment_key: str | None, now: datetime
) -> bool:
    """Whether `given` is the deployment key or an active generated key (constant time)."""
    if not given:
        return False
    accepted = bool(deployment_key) and hmac.compare_digest(
        given.encode(), (deployment_key or "").encode()
    )
    digest = _digest(given)
    for key in session.exec(select(AddonApiKey).where(AddonApiKey.revoked_at.is_(None))).all():
        if hmac.compare_digest(digest, key.key_hash):
            key.last_used_at = now
            session.add(key)
            accepted = True
    return accepted
