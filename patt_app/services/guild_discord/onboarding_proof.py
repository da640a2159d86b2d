"""Onboarding never hands an existing player's identity to a newcomer on their word.

A newcomer whose reported main already belongs to another player waits (`awaiting_proof`):
they get an invite to a player of their own — no characters, no rank, no role — and are asked
to prove the claim by signing in with Battle.net on their profile; the officers hear of it in
the audit channel. Proof is the main linked to their own player by Battle.net
(`VERIFIED_LINK_SOURCE`); or an officer confirms on /admin/onboarding, and the newcomer takes
the claimed player over."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, OnboardingSession, Player, PlayerCharacter
from patt_app.models.identity import VERIFIED_LINK_SOURCE
from patt_app.services.accounts.invites import hash_code
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.bot_status import discord_config
from patt_app.services.guild_discord.onboarding_provision import (
    SiteFacts,
    onboarding_invite,
    roster_character,
)
from patt_app.services.guild_discord.posts import Embed, queue_dm, queue_post
from patt_app.services.identity.linking import player_for_discord
from patt_app.services.statements import known_row


def _newcomer(session: Session, row: OnboardingSession) -> DiscordUser | None:
    return session.exec(
        select(DiscordUser).where(col(DiscordUser.discord_id) == row.discord_id)
    ).first()


def _main_link(session: Session, row: OnboardingSession) -> PlayerCharacter | None:
    main = roster_character(session, row.reported_main_name or "", row.reported_main_realm)
    if main is None:
        return None
    return session.exec(
        select(PlayerCharacter).where(col(PlayerCharacter.character_id) == main.id)
    ).first()


def claimed_player(session: Session, row: OnboardingSession) -> Player | None:
    """The other player who has the reported main (None: nobody, or the newcomer already)."""
    link = _main_link(session, row)
    if link is None:
        return None
    owner = known_row(session, Player, link.player_id)
    newcomer = _newcomer(session, row)
    if newcomer is not None and owner.discord_user_id == newcomer.id:
        return None
    return owner


def has_proof(session: Session, row: OnboardingSession) -> bool:
    """Battle.net shows the reported main on the newcomer's own account."""
    link = _main_link(session, row)
    newcomer = _newcomer(session, row)
    if link is None or newcomer is None or link.link_source != VERIFIED_LINK_SOURCE:
        return False
    return known_row(session, Player, link.player_id).discord_user_id == newcomer.id


def _proof_text(site: SiteFacts, main: str, link: str | None, code: str | None) -> str:
    steps = (
        f"1. Register on the guild site with your invite: {link} (code **{code}**, for you "
        "only, valid 72 hours).\n2. On your profile press **Link Battle.net** and sign in "
        "with Blizzard.\n"
        if link
        else "Sign in on the guild site and press **Link Battle.net** on your profile.\n"
    )
    return (
        f"**{main}** already belongs to a member on the {site.guild_name} guild site, so I "
        "need proof before I link it to you:\n"
        f"{steps}"
        f"When Battle.net shows {main} on your account I'll finish setting you up. An officer "
        "can also confirm it for you."
    )


def ask_for_proof(session: Session, row: OnboardingSession, site: SiteFacts, now: datetime) -> None:
    """DM the newcomer how to prove the claim (with an invite to a player of their own) and
    tell the officers in the audit channel."""
    owner = claimed_player(session, row)
    newcomer = _newcomer(session, row)
    link = code = None
    if newcomer is not None:
        own = player_for_discord(session, newcomer)
        if own.website_user_id is None:
            invite, link = onboarding_invite(session, row, own, site, now)
            code = invite.code
    main = row.reported_main_name or "?"
    queue_dm(
        session=session,
        dedupe_key=f"onboarding:{row.id}:proof:{hash_code(code)[:24] if code else now.timestamp()}",
        discord_id=row.discord_id,
        text=_proof_text(site, main, link, code),
        now=now,
        subject=f"onboarding:{row.id}",
        private=code is not None,
    )
    channel = discord_config(session=session).audit_channel_id
    if channel:
        queue_post(
            session=session,
            dedupe_key=f"onboarding:{row.id}:proof-asked:{now.timestamp()}",
            embed=Embed(
                title="A claim waits for proof",
                description=f"<@{row.discord_id}> says their main is **{main}**, which belongs "
                f"to {owner.display_name if owner else 'another player'}. Nothing is linked "
                "until they link Battle.net, or an officer confirms it on /admin/onboarding.",
                colour=0xFFA500,
            ),
            now=now,
            channel_id=channel,
        )


def take_over_claimed_player(session: Session, owner: Player, newcomer: DiscordUser) -> Player:
    """An officer confirmed the claim: the newcomer's Discord account (and the site account
    they registered while waiting, if any) move to the claimed player; their empty player of
    their own goes."""
    if owner.discord_user_id not in (None, newcomer.id):
        raise InvalidInput(
            f"{owner.display_name} is linked to another Discord account; change it in the "
            "player manager instead."
        )
    own = session.exec(select(Player).where(col(Player.discord_user_id) == newcomer.id)).first()
    if own is not None and own.id != owner.id:
        has_characters = session.exec(
            select(col(PlayerCharacter.id)).where(col(PlayerCharacter.player_id) == own.id)
        ).first()
        if has_characters or (own.website_user_id and owner.website_user_id):
            raise InvalidInput(
                f"@{newcomer.username} already has a player of their own with characters or an "
                "account; merge them in the player manager instead."
            )
        account = own.website_user_id
        session.delete(own)
        session.flush()
        owner.website_user_id = owner.website_user_id or account
    owner.discord_user_id = newcomer.id
    session.add(owner)
    session.flush()
    return owner
