"""Onboarding asks for proof: a newcomer who names another player's main waits
(`awaiting_proof`) — no role, no invite for that player, nothing linked — until Battle.net shows
the character on their own account or an officer confirms it on /admin/onboarding."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from patt_app.models import (
    DiscordPost,
    DiscordUser,
    GuildRank,
    InviteCode,
    OnboardingSession,
    Player,
    PlayerCharacter,
    WowCharacter,
)
from patt_app.models.identity import VERIFIED_LINK_SOURCE
from patt_app.services.accounts.first_officer import create_officer
from patt_app.services.errors import NotAllowed
from patt_app.services.guild_discord import onboarding
from patt_app.services.guild_discord.bot_status import save_channels, set_switches
from patt_app.services.guild_discord.onboarding_provision import SiteFacts
from patt_app.services.players import player_admin as players

NOW = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
SITE = SiteFacts(base_url="https://patt.example", guild_name="Pull All The Things")
S = timedelta(seconds=1)


def _rank(db: Session, level: int) -> GuildRank:
    return db.exec(select(GuildRank).where(GuildRank.level == level)).one()


def _owned_main(db: Session, owner: Player, name: str, level: int) -> WowCharacter:
    character = WowCharacter(
        character_name=name, realm_slug="senjin", realm_name="Sen'jin",
        guild_rank_id=_rank(db, level).id,
    )  # fmt: skip
    db.add(character)
    db.flush()
    db.add(PlayerCharacter(player_id=owner.id, character_id=character.id, link_source="manual"))
    owner.main_character_id = character.id
    db.add(owner)
    db.flush()
    return character


def _claim(db: Session, main: str) -> list:
    """A stranger joins the Discord server and answers yes / <main> / none."""
    set_switches(session=db, onboarding_enabled=True)
    save_channels(session=db, announcement_channel_id="", audit_channel_id="900000000000000001")
    db.add(DiscordUser(discord_id="7001", username="stranger", display_name="Stranger"))
    db.flush()
    onboarding.member_joined(session=db, discord_id="7001", now=NOW)
    return [
        onboarding.member_replied(
            session=db, discord_id="7001", text=answer, now=NOW + n * S, site=SITE
        )
        for n, answer in enumerate(("yes", main, "none"), start=1)
    ]


def _row(db: Session) -> OnboardingSession:
    return db.exec(select(OnboardingSession).order_by(col(OnboardingSession.id).desc())).first()


def _posts(db: Session, **where) -> list[DiscordPost]:
    query = select(DiscordPost).order_by(col(DiscordPost.id))
    for name, value in where.items():
        query = query.where(getattr(DiscordPost, name) == value)
    return db.exec(query).all()


def _officer_player(db: Session, name: str, level: int) -> Player:
    made = create_officer(
        session=db, display_name=name, username=name.lower(), password=None,
        rank_level=level, now=NOW,
    )  # fmt: skip
    return db.get(Player, made.player_id)


def test_a_stranger_naming_an_officers_main_gets_nothing_of_theirs(seeded: Session):
    """The attack: "yes / Morgar / none" took over the player's Discord link, got an invite for
    that player by DM and a role. An officer made with create-officer has no Discord link."""
    morgar = _officer_player(seeded, "Morgar", 4)
    _owned_main(seeded, morgar, "Morgar", 4)
    roles = _claim(seeded, "Morgar")
    assert roles == [None, None, None]
    row = _row(seeded)
    assert row.state == "awaiting_proof"
    seeded.refresh(morgar)
    assert morgar.discord_user_id is None
    officers_invites = seeded.exec(
        select(InviteCode).where(
            InviteCode.player_id == morgar.id, InviteCode.generated_by == "onboarding"
        )
    ).all()
    assert officers_invites == []
    stranger = seeded.exec(select(DiscordUser).where(DiscordUser.discord_id == "7001")).one()
    own = seeded.exec(select(Player).where(Player.discord_user_id == stranger.id)).one()
    assert own.id != morgar.id and own.guild_rank_id is None
    assert (
        seeded.exec(select(PlayerCharacter).where(PlayerCharacter.player_id == own.id)).all() == []
    )
    (proof_dm,) = [
        p.payload["text"] for p in _posts(seeded, discord_id="7001") if "proof" in p.payload["text"]
    ]
    assert "Link Battle.net" in proof_dm and "https://patt.example/" in proof_dm
    code = re.search(r"code \*\*(\w+)\*\*", proof_dm).group(1)
    assert seeded.exec(select(InviteCode).where(InviteCode.player_id == own.id)).one().code_hash
    assert code
    (audit,) = [p for p in _posts(seeded, channel_id="900000000000000001")]
    assert audit.payload["embed"]["title"] == "A claim waits for proof"
    assert "Morgar" in audit.payload["embed"]["description"]
    # an hour later nothing changed by itself
    assert onboarding.onboarding_tick(session=seeded, now=NOW + timedelta(hours=1), site=SITE) == []
    assert _row(seeded).state == "awaiting_proof"


def test_battlenet_proof_finishes_the_setup(seeded: Session):
    owner = players.create_player(session=seeded, display_name="Old Owner")
    main = _owned_main(seeded, owner, "Zatanna", 3)
    _claim(seeded, "Zatanna")
    assert _row(seeded).state == "awaiting_proof"
    stranger = seeded.exec(select(DiscordUser).where(DiscordUser.discord_id == "7001")).one()
    own = seeded.exec(select(Player).where(Player.discord_user_id == stranger.id)).one()
    # the newcomer registered and linked Battle.net: Blizzard says Zatanna is theirs
    link = seeded.exec(select(PlayerCharacter).where(PlayerCharacter.character_id == main.id)).one()
    link.player_id, link.link_source = own.id, VERIFIED_LINK_SOURCE
    seeded.add(link)
    seeded.flush()
    (role,) = onboarding.onboarding_tick(session=seeded, now=NOW + timedelta(minutes=1), site=SITE)
    assert _row(seeded).state == "provisioned"
    assert (role.discord_id, role.role_name) == ("7001", "Veteran")
    seeded.refresh(own)
    assert own.main_character_id == main.id
    assert any(
        "Battle.net confirms **Zatanna**" in p.payload.get("text", "") for p in _posts(seeded)
    )


def test_an_officer_confirms_a_claim_on_the_site(seeded: Session):
    leader = _officer_player(seeded, "Leader", 5)
    officer = _officer_player(seeded, "Officer", 4)
    owner = players.create_player(session=seeded, display_name="Quiet Member")
    _owned_main(seeded, owner, "Quietone", 2)
    _claim(seeded, "Quietone")
    answer, role = onboarding.officer_action(
        session=seeded, discord_id="7001", action="confirm", now=NOW + timedelta(minutes=5),
        site=SITE, actor_player_id=officer.id,
    )  # fmt: skip
    assert answer.endswith("awaiting proof → provisioned.")
    seeded.refresh(owner)
    stranger = seeded.exec(select(DiscordUser).where(DiscordUser.discord_id == "7001")).one()
    assert owner.discord_user_id == stranger.id
    assert seeded.exec(select(Player).where(Player.display_name == "Stranger")).first() is None
    assert (role.level, role.role_name) == (2, "Member")
    assert seeded.exec(
        select(InviteCode).where(InviteCode.player_id == owner.id, InviteCode.used_at.is_(None))
    ).all()
    assert leader.id  # the Guild Leader exists, so the officer is not the top rank


def test_an_officer_cannot_hand_over_a_player_at_their_own_rank(seeded: Session):
    _officer_player(seeded, "Leader", 5)
    officer = _officer_player(seeded, "Officer", 4)
    peer = _officer_player(seeded, "Peer", 4)
    _owned_main(seeded, peer, "Peerchar", 4)
    _claim(seeded, "Peerchar")
    with pytest.raises(NotAllowed, match="at or above yours"), seeded.begin_nested():
        onboarding.officer_action(
            session=seeded, discord_id="7001", action="confirm", now=NOW + timedelta(minutes=5),
            site=SITE, actor_player_id=officer.id,
        )  # fmt: skip
    assert _row(seeded).state == "awaiting_proof"
    seeded.refresh(peer)
    assert peer.discord_user_id is None
