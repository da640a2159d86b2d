"""Onboarding's roster check and provisioning: find the reported main on the guild roster, then
set the newcomer up — their player, their characters, an invite by DM, and the Discord role
matching their rank (given by the bot)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import (
    DiscordUser,
    GuildRank,
    OnboardingSession,
    Player,
    PlayerCharacter,
    WowCharacter,
)
from patt_app.services.accounts.invites import (
    IssuedInvite,
    create_invite,
    hash_code,
    registration_link,
)
from patt_app.services.guild_discord.account_dms import invite_text
from patt_app.services.guild_discord.posts import queue_dm
from patt_app.services.guild_discord.role_sync import ROLE_NAME_FOR_LEVEL, RoleAssignment
from patt_app.services.identity.linking import link_character, player_for_discord
from patt_app.services.players.ranks import recompute_rank


@dataclass(frozen=True)
class SiteFacts:
    """What provisioning needs to know about the site."""

    base_url: str
    guild_name: str


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def roster_character(session: Session, name: str, realm: str | None) -> WowCharacter | None:
    rows = session.exec(
        select(WowCharacter).where(
            col(WowCharacter.removed_at).is_(None),
            col(WowCharacter.character_name).ilike(name),
        )
    ).all()
    if realm:
        rows = [r for r in rows if _fold(realm) in (_fold(r.realm_name), _fold(r.realm_slug))]
    return rows[0] if len(rows) >= 1 else None


def onboarding_invite(
    session: Session, row: OnboardingSession, player: Player, site: SiteFacts, now: datetime
) -> tuple[IssuedInvite, str]:
    """A registration code for the player, made by onboarding for this conversation, and its
    link."""
    invite = create_invite(
        session=session,
        player_id=player.id,
        created_by_player_id=None,
        now=now,
        generated_by="onboarding",
        onboarding_session_id=row.id,
    )
    return invite, registration_link(site.base_url, invite.code)


def _link_reported(
    session: Session, player: Player, names: list[str], row: OnboardingSession
) -> None:
    """Link the newcomer's reported characters that are on the roster and nobody's yet."""
    for name in names:
        character = roster_character(session, name, row.reported_main_realm)
        taken = (
            character
            and session.exec(
                select(col(PlayerCharacter.id)).where(
                    col(PlayerCharacter.character_id) == character.id
                )
            ).first()
        )
        if character is not None and not taken:
            link_character(
                session,
                player=player,
                character_id=character.id,
                source="onboarding",
                confidence="high",
            )


def _send_invite(
    session: Session, row: OnboardingSession, player: Player, site: SiteFacts, now: datetime
) -> None:
    """The website invite, by DM, for a player without an account."""
    invite, link = onboarding_invite(session, row, player, site, now)
    queue_dm(
        session=session,
        dedupe_key=f"invite:{hash_code(invite.code)[:24]}",
        discord_id=row.discord_id,
        text=invite_text(guild_name=site.guild_name, code=invite.code, link=link),
        now=now,
        not_after=invite.expires_at,
        subject=f"invite:player:{player.id}",
        private=True,
    )
    row.website_invite_sent = True


def provision(
    session: Session, row: OnboardingSession, site: SiteFacts, now: datetime
) -> RoleAssignment | None:
    """Player, characters, invite DM; the Discord role for the bot to give."""
    main = roster_character(session, row.reported_main_name or "", row.reported_main_realm)
    discord = session.exec(
        select(DiscordUser).where(col(DiscordUser.discord_id) == row.discord_id)
    ).first()
    if main is None or discord is None:
        return None
    owner_id = session.exec(
        select(col(PlayerCharacter.player_id)).where(col(PlayerCharacter.character_id) == main.id)
    ).first()
    owner = session.get(Player, owner_id) if owner_id else None
    # Another player's main is never taken on the newcomer's word: onboarding waits for proof
    # (onboarding_proof.py) and only an officer's confirmation hands that player over first.
    player = owner if owner is not None and owner.discord_user_id == discord.id else None
    player = player or player_for_discord(session, discord)
    _link_reported(session, player, [main.character_name, *row.reported_alt_names], row)
    player.main_character_id = player.main_character_id or main.id
    session.add(player)
    session.flush()
    recompute_rank(session=session, player=player)
    row.verified_player_id, row.verified_at, row.roster_entries_created = player.id, now, True
    if player.website_user_id is None:
        _send_invite(session, row, player, site, now)
    rank = session.get(GuildRank, player.guild_rank_id) if player.guild_rank_id else None
    if rank is None or rank.level not in ROLE_NAME_FOR_LEVEL:
        return None
    return RoleAssignment(
        discord_id=row.discord_id,
        player_name=player.display_name,
        level=rank.level,
        role_name=ROLE_NAME_FOR_LEVEL[rank.level],
        role_id=rank.discord_role_id,
        remove=(),
    )
