"""Identity matching and the integrity audit against PostgreSQL: one open issue per hash,
auto-resolve, dismissals that stay quiet, one-click suggestions, manual links kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from patt_app.models import AuditIssue, DiscordUser, Player, PlayerCharacter, WowCharacter
from patt_app.services.identity.audit_log import close_issue, list_issues
from patt_app.services.identity.refresh import accept_suggestion, refresh_identity
from patt_app.services.players import player_admin

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def _character(session: Session, name: str, **fields) -> WowCharacter:
    character = WowCharacter(
        character_name=name, realm_slug="senjin", realm_name="Sen'jin", **fields
    )
    session.add(character)
    session.flush()
    return character


def _open(session: Session) -> list[tuple[str, str]]:
    return sorted((i.issue_type, i.summary) for i in list_issues(session=session, resolved=False))


def test_one_open_issue_per_hash_and_auto_resolve(seeded):
    orphan = _character(seeded, "Orphan")
    first = refresh_identity(session=seeded, now=NOW)
    again = refresh_identity(session=seeded, now=NOW + timedelta(hours=1))
    assert (first.audit.new, again.audit.new, again.audit.open) == (1, 0, 1)
    assert _open(seeded) == [("unlinked_character", "Orphan-Sen'jin belongs to no player")]

    player = player_admin.create_player(session=seeded, display_name="Owner")
    player_admin.assign_character(session=seeded, player_id=player.id, character_id=orphan.id)
    fixed = refresh_identity(session=seeded, now=NOW + timedelta(hours=2))
    assert (fixed.audit.resolved, fixed.audit.open) == (1, 0)
    history = list_issues(session=seeded, resolved=True)
    assert [(i.resolution, i.resolved_by) for i in history] == [("auto", "the checker")]


def test_a_dismissed_issue_stays_quiet_and_a_fixed_one_comes_back_if_still_true(seeded):
    _character(seeded, "Orphan")
    _character(
        seeded, "Sleepy", last_login_timestamp=int((NOW - timedelta(days=40)).timestamp() * 1000)
    )
    refresh_identity(session=seeded, now=NOW)
    issues = {i.issue_type: i.id for i in list_issues(session=seeded, resolved=False)}
    close_issue(session=seeded, issue_id=issues["inactive_character"], officer_player_id=None,
                resolution="dismissed", note="on a break", now=NOW)  # fmt: skip
    close_issue(session=seeded, issue_id=issues["unlinked_character"], officer_player_id=None,
                resolution="fixed", note="", now=NOW)  # fmt: skip
    refresh_identity(session=seeded, now=NOW + timedelta(minutes=5))
    assert [t for t, _ in _open(seeded)] == ["unlinked_character", "unlinked_character"]
    dismissed = [
        i for i in list_issues(session=seeded, resolved=True) if i.resolution == "dismissed"
    ]
    assert dismissed[0].resolution_note == "on a break"


def test_accepting_a_suggestion_links_in_one_click(seeded):
    character = _character(seeded, "Bloodvalor")
    seeded.add(DiscordUser(discord_id="5", username="bloodvale", display_name="Mito"))
    seeded.flush()
    refresh_identity(session=seeded, now=NOW)
    suggestion = next(i for i in list_issues(session=seeded, resolved=False) if i.can_accept)
    assert (
        suggestion.issue_type == "link_suggestion"
        and "Bloodvalor may be @Mito" in suggestion.summary
    )
    done = accept_suggestion(
        session=seeded, issue_id=suggestion.id, officer_player_id=None, now=NOW
    )
    assert done == "Linked to Mito."
    link = seeded.exec(
        select(PlayerCharacter).where(PlayerCharacter.character_id == character.id)
    ).one()
    assert (link.link_source, link.confidence) == ("manual", "high")
    assert _open(seeded) == []  # the unlinked-character warning resolved itself too


def test_links_an_officer_made_or_removed_are_never_overridden(seeded):
    trog = _character(seeded, "Trogmoon")
    seeded.add(DiscordUser(discord_id="1", username="trogmoon"))
    officer_pick = player_admin.create_player(session=seeded, display_name="Someone Else")
    player_admin.assign_character(session=seeded, player_id=officer_pick.id, character_id=trog.id)
    refresh_identity(session=seeded, now=NOW)
    owner = seeded.exec(
        select(PlayerCharacter.player_id).where(PlayerCharacter.character_id == trog.id)
    )
    assert owner.one() == officer_pick.id  # the exact Discord name did not win over the officer

    player_admin.unassign_character(session=seeded, character_id=trog.id, actor_player_id=None)
    outcome = refresh_identity(session=seeded, now=NOW)
    assert outcome.links_made == 0
    assert (
        seeded.exec(select(PlayerCharacter).where(PlayerCharacter.character_id == trog.id)).first()
        is None
    )


def test_exact_names_and_hints_create_the_discord_users_player(seeded):
    _character(seeded, "Shodoom", officer_note="dc=shodoom\nraid lead backup")
    _character(seeded, "Zatañña")
    _character(seeded, "Alty", guild_note="Zatañña's alt")
    seeded.add(DiscordUser(discord_id="1", username="shodoom", display_name="Sho"))
    seeded.add(DiscordUser(discord_id="2", username="zatanna"))
    seeded.flush()
    assert refresh_identity(session=seeded, now=NOW).links_made == 3
    owners = dict(seeded.exec(select(WowCharacter.character_name, Player.display_name)
                              .select_from(WowCharacter)
                              .join(PlayerCharacter, PlayerCharacter.character_id == WowCharacter.id)
                              .join(Player, PlayerCharacter.player_id == Player.id)).all())  # fmt: skip
    assert owners == {"Shodoom": "Sho", "Zatañña": "zatanna", "Alty": "zatanna"}
    assert seeded.exec(select(AuditIssue).where(AuditIssue.resolved_at.is_(None))).all() == []
