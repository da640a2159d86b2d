"""Keys for PATTSync uploaders. Each generated key has an owner, the player whose uploader
sends it: officers generate one for themselves or for a member (shown once, kept only as a
SHA-256; one active key per owner, a new one replaces theirs) and revoke any. The deployment's
`PATT_API_KEY` is the guild's own key and has no player owner. Compared in constant time.

Who holds the key decides what an upload may change: its ranks count only for the guild's
own key or a key whose owner is an officer at the moment of the upload (`rank_refusal`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from patt_app.models import AddonApiKey, GuildRank, Player
from patt_app.services.errors import NotFound
from patt_app.services.reference.reference_data import OFFICER_LEVEL


@dataclass
class KeyInfo:
    id: int
    owner: str
    hint: str
    created_at: datetime
    created_by: str
    last_used_at: datetime | None


@dataclass(frozen=True)
class KeyHolder:
    """Who sent an upload: a player's key, or the deployment's own (owner None)."""

    owner_player_id: int | None
    owner_name: str


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _active_player(session: Session, player_id: int) -> Player:
    player = session.get(Player, player_id)
    if player is None or not player.is_active:
        raise NotFound("That player does not exist or is deactivated.")
    return player


def generate_key(
    *, session: Session, officer_player_id: int | None, owner_player_id: int, now: datetime
) -> str:
    """A new uploader key for `owner_player_id`; their earlier key stops working (other
    players' keys are untouched). Returns the key itself, never stored, never shown again."""
    _active_player(session, owner_player_id)
    for old in session.exec(
        select(AddonApiKey).where(
            col(AddonApiKey.owner_player_id) == owner_player_id,
            col(AddonApiKey.revoked_at).is_(None),
        )
    ).all():
        old.revoked_at = now
        session.add(old)
    session.flush()
    key = "patt_" + secrets.token_urlsafe(32)
    session.add(
        AddonApiKey(
            key_hash=_digest(key),
            key_hint=key[-4:],
            created_by_player_id=officer_player_id,
            owner_player_id=owner_player_id,
            created_at=now,
        )
    )
    session.flush()
    return key


def revoke_key(*, session: Session, key_id: int, now: datetime) -> str:
    """Stop one generated key; returns whose it was."""
    key = session.get(AddonApiKey, key_id)
    if key is None or key.revoked_at is not None:
        raise NotFound("That key does not exist or is already revoked.")
    key.revoked_at = now
    session.add(key)
    session.flush()
    owner = session.get(Player, key.owner_player_id) if key.owner_player_id else None
    return owner.display_name if owner else "nobody"


def active_keys(*, session: Session) -> list[KeyInfo]:
    """What officers may know about the active generated keys (never the keys), by owner."""
    owner, creator = aliased(Player), aliased(Player)
    rows = session.exec(
        select(AddonApiKey, owner.display_name, creator.display_name)
        .join(owner, col(AddonApiKey.owner_player_id) == owner.id, isouter=True)
        .join(creator, col(AddonApiKey.created_by_player_id) == creator.id, isouter=True)
        .where(col(AddonApiKey.revoked_at).is_(None))
        .order_by(owner.display_name, col(AddonApiKey.id))
    ).all()
    return [
        KeyInfo(key.id, name or "", f"…{key.key_hint}", key.created_at, by or "", key.last_used_at)
        for key, name, by in rows
    ]


def key_owner_choices(*, session: Session) -> list[tuple[int, str]]:
    """The active players a key can be generated for, by name."""
    return list(
        session.exec(
            select(col(Player.id), col(Player.display_name))
            .where(col(Player.is_active))
            .order_by(col(Player.display_name))
        ).all()
    )


def key_holder(
    *, session: Session, given: str, deployment_key: str | None, now: datetime
) -> KeyHolder | None:
    """Who holds `given`: the deployment (its PATT_API_KEY), the active player owning an active
    generated key, or None (refused). Constant-time comparisons."""
    if not given:
        return None
    holder = None
    if deployment_key and hmac.compare_digest(given.encode(), deployment_key.encode()):
        holder = KeyHolder(None, "the guild's PATT_API_KEY")
    digest = _digest(given)
    rows = session.exec(
        select(AddonApiKey, Player)
        .join(Player, col(AddonApiKey.owner_player_id) == col(Player.id))
        .where(col(AddonApiKey.revoked_at).is_(None), col(Player.is_active))
    ).all()
    for key, owner in rows:
        if hmac.compare_digest(digest, key.key_hash):
            key.last_used_at = now
            session.add(key)
            holder = holder or KeyHolder(owner.id, owner.display_name)
    return holder


def rank_refusal(*, session: Session, holder: KeyHolder, battlenet_ranks: bool) -> str | None:
    """None when this holder's upload may change ranks (the guild's own key, or an officer's
    key now, and Battle.net is not the source of in-game ranks); otherwise why its ranks are
    ignored, in words for the uploader."""
    if holder.owner_player_id is not None:
        level = session.exec(
            select(col(GuildRank.level))
            .join(Player, col(Player.guild_rank_id) == col(GuildRank.id))
            .where(col(Player.id) == holder.owner_player_id)
        ).first()
        if level is None or level < OFFICER_LEVEL:
            return (
                f"ranks were ignored: this key belongs to {holder.owner_name}, who is not an "
                "officer (only an officer's key or the guild's own key changes ranks)"
            )
    if battlenet_ranks:
        return (
            "ranks were ignored: Battle.net's guild roster is the source of in-game ranks "
            "on this site"
        )
    return None
