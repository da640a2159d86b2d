"""No feed grants officer rank by itself: an upload, a Battle.net sync or a Discord role that
says "Officer" becomes a claim on /admin/audit that another officer confirms in one click."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import AuditIssue, DiscordUser, GuildRank, Player, User, WowCharacter
from patt_app.services.errors import InvalidInput, NotAllowed
from patt_app.services.identity.audit_log import accept_issue, close_issue
from patt_app.services.identity.refresh import refresh_identity
from patt_app.services.players.ranks import RANK_CLAIM
from patt_app.settings import get_settings

KEY = "deployment-key-for-rank-claims"
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def api(committed, monkeypatch) -> Iterator[TestClient]:
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(KEY))
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        session.commit()
    with TestClient(create_api()) as client:
        yield client


def _player(session: Session, username: str) -> Player:
    return session.exec(
        select(Player)
        .join(User, User.id == Player.website_user_id)
        .where(User.discord_username == username)
    ).one()


def _by_name(session: Session, name: str) -> Player:
    return session.exec(select(Player).where(Player.display_name == name)).one()


def _level(session: Session, player: Player) -> int | None:
    session.refresh(player)
    rank = session.get(GuildRank, player.guild_rank_id) if player.guild_rank_id else None
    return rank.level if rank else None


def _main_character(session: Session, player: Player) -> WowCharacter:
    return session.get(WowCharacter, player.main_character_id)


def _claims(session: Session) -> list[AuditIssue]:
    return session.exec(
        select(AuditIssue).where(
            AuditIssue.issue_type == RANK_CLAIM, AuditIssue.resolved_at.is_(None)
        )
    ).all()


def _login(api: TestClient, username: str) -> dict:
    answer = api.post(
        "/api/v1/auth/login", json={"discord_username": username, "password": DEMO_PASSWORD}
    )
    return {"Authorization": f"Bearer {answer.json()['data']['token']}"}


def test_an_upload_saying_guild_leader_does_not_make_a_member_an_officer(api, committed):
    """The attack: `{"name": "<member's main>", "rank": 0}` made the demo member Guild Leader
    and let them create campaigns."""
    with Session(committed) as session:
        member = _player(session, DEMO_MEMBER)
        main = _main_character(session, member)
        upload = {
            "characters": [{"name": main.character_name, "realm": main.realm_name, "rank": 0}]
        }
    answer = api.post("/api/guild-sync/addon-upload", json=upload, headers={"X-API-Key": KEY})
    assert answer.status_code == 200, answer.text
    with Session(committed) as session:
        member = _player(session, DEMO_MEMBER)
        assert _level(session, member) == 2
        (claim,) = _claims(session)
        assert claim.summary == f"{member.display_name} is Guild Leader in game: confirm"
    created = api.post(
        "/api/v1/admin/campaigns",
        json={"title": "Mine now", "picks_per_voter": 1, "min_rank_to_vote": 1},
        headers=_login(api, DEMO_MEMBER),
    )
    assert created.status_code == 403


def test_another_officer_confirms_a_claim_in_one_click(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=NOW)
        session.flush()
        member = _player(session, DEMO_MEMBER)
        officer = _player(session, DEMO_OFFICER)
        leader = _by_name(session, "Trogdor")
        officer_rank = session.exec(select(GuildRank).where(GuildRank.level == 4)).one()
        _main_character(session, member).guild_rank_id = officer_rank.id
        refresh_identity(session=session, now=NOW)
        assert _level(session, member) == 2
        (claim,) = _claims(session)
        assert claim.summary == f"{member.display_name} is Officer in game: confirm"
        with pytest.raises(NotAllowed, match="Another officer"), session.begin_nested():
            accept_issue(session=session, issue_id=claim.id, officer_player_id=member.id, now=NOW)
        done = accept_issue(
            session=session, issue_id=claim.id, officer_player_id=officer.id, now=NOW
        )
        assert done == f"{member.display_name} is now Officer."
        assert _level(session, member) == 4 and _claims(session) == []
        # and the game taking the rank back is a claim again, which only a higher rank accepts
        _main_character(session, member).guild_rank_id = session.exec(
            select(GuildRank.id).where(GuildRank.level == 2)
        ).one()
        refresh_identity(session=session, now=NOW)
        assert _level(session, member) == 4
        (demotion,) = _claims(session)
        with pytest.raises(NotAllowed, match="at or above yours"), session.begin_nested():
            accept_issue(
                session=session, issue_id=demotion.id, officer_player_id=officer.id, now=NOW
            )
        accept_issue(session=session, issue_id=demotion.id, officer_player_id=leader.id, now=NOW)
        assert _level(session, member) == 2


def _with_discord_role(session: Session, name: str, role: str) -> tuple[Player, DiscordUser]:
    """A player known only by a Discord account holding `role`."""
    discord = DiscordUser(
        discord_id=f"{sum(map(ord, name)):018d}", username=name.lower(), highest_guild_role=role
    )
    session.add(discord)
    session.flush()
    player = Player(display_name=name, discord_user_id=discord.id)
    session.add(player)
    session.flush()
    return player, discord


def test_a_discord_role_alone_never_makes_an_officer(seeded):
    player, discord = _with_discord_role(seeded, "Rolehaver", "Officer")
    refresh_identity(session=seeded, now=NOW)
    assert player.guild_rank_id is None
    (claim,) = _claims(seeded)
    assert claim.summary == "Rolehaver is Officer on Discord: confirm"
    discord.highest_guild_role = "Veteran"  # the role was taken back: the claim goes with it
    refresh_identity(session=seeded, now=NOW)
    assert _level(seeded, player) == 3 and _claims(seeded) == []
    resolved = seeded.get(AuditIssue, claim.id)
    assert resolved.resolution == "auto"


def test_a_dismissed_claim_stays_quiet_and_an_out_of_date_one_is_refused(seeded):
    player, discord = _with_discord_role(seeded, "Claimant", "GM")
    refresh_identity(session=seeded, now=NOW)
    (claim,) = _claims(seeded)
    close_issue(
        session=seeded,
        issue_id=claim.id,
        officer_player_id=None,
        resolution="dismissed",
        note="not our GM",
        now=NOW,
    )
    refresh_identity(session=seeded, now=NOW)
    assert _claims(seeded) == [] and player.guild_rank_id is None
    discord.highest_guild_role = "Officer"
    refresh_identity(session=seeded, now=NOW)
    (officer_claim,) = _claims(seeded)
    discord.highest_guild_role = "Member"  # changed before an officer looked
    seeded.add(discord)
    seeded.flush()
    with pytest.raises(InvalidInput, match="out of date"), seeded.begin_nested():
        accept_issue(session=seeded, issue_id=officer_claim.id, officer_player_id=None, now=NOW)
    assert player.guild_rank_id is None


def test_with_battlenet_configured_the_addon_changes_no_rank(api, committed, monkeypatch):
    """Battle.net's guild roster is the source of in-game ranks where it is configured."""
    monkeypatch.setattr(get_settings(), "blizzard_client_id", "id")
    monkeypatch.setattr(get_settings(), "blizzard_client_secret", SecretStr("secret"))
    with Session(committed) as session:
        member = _player(session, DEMO_MEMBER)
        main = _main_character(session, member)
        rank_before = main.guild_rank_id
        upload = {
            "characters": [
                {"name": main.character_name, "realm": main.realm_name, "rank": 3, "level": 71}
            ]
        }
    answer = api.post("/api/guild-sync/addon-upload", json=upload, headers={"X-API-Key": KEY})
    assert answer.status_code == 200, answer.text
    assert answer.json()["ranks"] == "ignored"
    assert answer.json()["ranks_note"] == (
        "ranks were ignored: Battle.net's guild roster is the source of in-game ranks on this site"
    )
    with Session(committed) as session:
        main = session.get(WowCharacter, main.id)
        assert (main.guild_rank_id, main.level) == (rank_before, 71)
