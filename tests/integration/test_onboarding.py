"""Onboarding on a real database: a newcomer answers the bot's questions and is set up (player,
characters, invite by DM, Discord role); silence times out; 24 h escalates to the officers."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import (
    DiscordPost,
    DiscordUser,
    GuildRank,
    InviteCode,
    OnboardingSession,
    Player,
    PlayerCharacter,
    User,
    WowCharacter,
)
from patt_app.services.accounts.invites import hash_code
from patt_app.services.guild_discord import onboarding
from patt_app.services.guild_discord.bot_status import save_channels, set_switches
from patt_app.services.guild_discord.onboarding_provision import SiteFacts
from patt_app.services.guild_discord.onboarding_view import is_officer, list_sessions

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
SITE = SiteFacts(base_url="https://patt.example", guild_name="Pull All The Things")
S = timedelta(seconds=1)


def _newcomer(db: Session, discord_id: str = "7001") -> DiscordUser:
    user = DiscordUser(discord_id=discord_id, username="zee", display_name="Zee")
    db.add(user)
    db.flush()
    return user


def _character(db: Session, name: str, level: int = 2) -> WowCharacter:
    rank = db.exec(select(GuildRank).where(GuildRank.level == level)).one()
    character = WowCharacter(
        character_name=name, realm_slug="senjin", realm_name="Sen'jin", guild_rank_id=rank.id
    )
    db.add(character)
    db.flush()
    return character


def _dms(db: Session, discord_id: str = "7001") -> list[str]:
    rows = db.exec(
        select(DiscordPost)
        .where(DiscordPost.discord_id == discord_id)
        .order_by(col(DiscordPost.id))
    ).all()
    return [row.payload["text"] for row in rows]


def _state(db: Session) -> str:
    return db.exec(
        select(OnboardingSession.state).order_by(col(OnboardingSession.id).desc())
    ).first()


def test_nothing_happens_while_onboarding_is_switched_off(seeded: Session):
    _newcomer(seeded)
    assert onboarding.member_joined(session=seeded, discord_id="7001", now=NOW) is None
    assert _dms(seeded) == []


def test_a_newcomer_is_asked_verified_and_set_up(seeded: Session):
    set_switches(session=seeded, onboarding_enabled=True)
    _newcomer(seeded)
    main, alt = _character(seeded, "Zatañña", level=3), _character(seeded, "Zeebank")
    assert onboarding.member_joined(session=seeded, discord_id="7001", now=NOW)
    assert onboarding.member_joined(session=seeded, discord_id="7001", now=NOW) is None
    assert _state(seeded) == "asked_in_guild"

    for n, answer in enumerate(("yes", "zatañña", "Zeebank, Nobody"), start=1):
        role = onboarding.member_replied(
            session=seeded, discord_id="7001", text=answer, now=NOW + n * S, site=SITE
        )
    assert _state(seeded) == "provisioned"
    player = seeded.exec(select(Player).where(Player.main_character_id == main.id)).one()
    linked = set(
        seeded.exec(
            select(PlayerCharacter.character_id).where(PlayerCharacter.player_id == player.id)
        ).all()
    )
    assert linked == {main.id, alt.id}
    assert player.discord_user_id is not None
    assert role is not None and (role.discord_id, role.role_name) == ("7001", "Veteran")
    invite = seeded.exec(select(InviteCode).where(InviteCode.player_id == player.id)).one()
    assert invite.generated_by == "onboarding" and invite.onboarding_session_id is not None
    dms = _dms(seeded)
    assert "Are you in the guild" in dms[0] and "main character" in dms[1]
    assert any("Found you: **Zatañña**" in dm for dm in dms)
    sent_code = re.search(r"invite code: \*\*(\w+)\*\*", dms[-1]).group(1)
    assert hash_code(sent_code) == invite.code_hash and "expires in 72 hours" in dms[-1]
    (view,) = list_sessions(session=seeded)
    assert (view.state, view.main, view.alts, view.player_name) == (
        "provisioned",
        "Zatañña",
        "Zeebank, Nobody",
        player.display_name,
    )


def test_a_main_not_yet_on_the_roster_is_checked_again_later(seeded: Session):
    set_switches(session=seeded, onboarding_enabled=True)
    _newcomer(seeded)
    onboarding.member_joined(session=seeded, discord_id="7001", now=NOW)
    for n, answer in enumerate(("yes", "Latecomer", "none"), start=1):
        onboarding.member_replied(
            session=seeded, discord_id="7001", text=answer, now=NOW + n * S, site=SITE
        )
    assert _state(seeded) == "pending_verification"
    assert "couldn't find **Latecomer**" in _dms(seeded)[-1]
    _character(seeded, "Latecomer")  # the next roster sync brings them in
    onboarding.onboarding_tick(session=seeded, now=NOW + timedelta(minutes=10), site=SITE)
    assert _state(seeded) == "pending_verification"  # re-checked every 30 minutes
    onboarding.onboarding_tick(session=seeded, now=NOW + timedelta(minutes=31), site=SITE)
    assert _state(seeded) == "provisioned"


def test_silence_times_out_and_24_hours_escalate_to_the_audit_channel_once(seeded: Session):
    set_switches(session=seeded, onboarding_enabled=True)
    save_channels(session=seeded, announcement_channel_id="", audit_channel_id="666666666666666666")
    _newcomer(seeded)
    onboarding.member_joined(session=seeded, discord_id="7001", now=NOW)
    onboarding.onboarding_tick(session=seeded, now=NOW + 299 * S, site=SITE)
    assert _state(seeded) == "asked_in_guild"
    onboarding.onboarding_tick(session=seeded, now=NOW + 300 * S, site=SITE)
    assert _state(seeded) == "timed_out"
    assert "let the officers know" in _dms(seeded)[-1]
    # a late answer is not taken as an answer
    onboarding.member_replied(
        session=seeded, discord_id="7001", text="yes", now=NOW + 400 * S, site=SITE
    )
    assert _state(seeded) == "timed_out"
    for hours in (24, 25):
        onboarding.onboarding_tick(session=seeded, now=NOW + timedelta(hours=hours), site=SITE)
    (escalation,) = seeded.exec(select(DiscordPost).where(DiscordPost.kind == "channel")).all()
    assert escalation.channel_id == "666666666666666666"
    assert "<@7001>" in escalation.payload["embed"]["description"]


def test_officer_commands_resolve_dismiss_and_retry(seeded: Session):
    set_switches(session=seeded, onboarding_enabled=True)
    _newcomer(seeded)
    onboarding.member_joined(session=seeded, discord_id="7001", now=NOW)
    answer, _ = onboarding.officer_action(
        session=seeded, discord_id="7001", action="dismiss", now=NOW + S, site=SITE
    )
    assert "asked in guild → declined" in answer and _state(seeded) == "declined"
    answer, _ = onboarding.officer_action(
        session=seeded, discord_id="7001", action="dismiss", now=NOW + 2 * S, site=SITE
    )
    assert answer.startswith("Nothing to do")
    onboarding.officer_action(
        session=seeded, discord_id="7001", action="retry", now=NOW + 3 * S, site=SITE
    )
    assert _state(seeded) == "asked_in_guild"
    onboarding.officer_action(
        session=seeded, discord_id="7001", action="resolve", now=NOW + 4 * S, site=SITE
    )
    assert _state(seeded) == "manually_resolved"


def test_only_active_officers_count_as_officers_for_the_slash_commands(seeded: Session):
    officer_rank = seeded.exec(select(GuildRank).where(GuildRank.level == 4)).one()
    member_rank = seeded.exec(select(GuildRank).where(GuildRank.level == 2)).one()
    for discord_id, rank, active in (
        ("1", officer_rank, True),
        ("2", member_rank, True),
        ("3", officer_rank, False),
    ):
        user = DiscordUser(discord_id=discord_id, username=f"u{discord_id}")
        seeded.add(user)
        seeded.flush()
        seeded.add(
            Player(
                display_name=f"P{discord_id}",
                discord_user_id=user.id,
                guild_rank_id=rank.id,
                is_active=active,
            )
        )
    seeded.flush()
    assert [is_officer(session=seeded, discord_id=d) for d in ("1", "2", "3", "4")] == [
        True,
        False,
        False,
        False,
    ]


def test_a_member_who_already_has_an_account_is_not_onboarded(seeded: Session):
    set_switches(session=seeded, onboarding_enabled=True)
    discord = _newcomer(seeded)
    user = User(discord_username="zee", password_hash="x")
    seeded.add(user)
    seeded.flush()
    seeded.add(Player(display_name="Zee", discord_user_id=discord.id, website_user_id=user.id))
    seeded.flush()
    assert onboarding.member_joined(session=seeded, discord_id="7001", now=NOW) is None
