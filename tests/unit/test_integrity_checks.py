"""The integrity checks, one by one, and the stable hashes that keep one issue per problem."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from patt_app.services.identity.addon_roster import last_login, realm_slug
from patt_app.services.identity.integrity import (
    CharacterState,
    DiscordState,
    PlayerState,
    Snapshot,
    find_issues,
)
from patt_app.services.identity.matching import Suggestion

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
MS = int(NOW.timestamp() * 1000)
DAY = 86_400_000


def _types(snapshot):
    return sorted((f.issue_type, f.severity) for f in find_issues(snapshot, now=NOW))


def test_a_healthy_guild_has_no_issues():
    snapshot = Snapshot(
        characters=[
            CharacterState(1, "Trog", "Sen'jin", player_id=1, rank_level=4, last_login_ms=MS)
        ],
        discord_users=[DiscordState(1, "trog", True, "Officer", player_id=1)],
        players=[PlayerState(1, "Trog", 1)],
    )
    assert find_issues(snapshot, now=NOW) == []


def test_each_check():
    snapshot = Snapshot(
        characters=[
            CharacterState(1, "Orphan", "Sen'jin", player_id=None, last_login_ms=MS),
            CharacterState(
                2, "Sleepy", "Sen'jin", player_id=2, rank_level=2, last_login_ms=MS - 31 * DAY
            ),
            CharacterState(3, "Boss", "Sen'jin", player_id=3, rank_level=5, last_login_ms=MS),
            CharacterState(
                4, "Near", "Sen'jin", player_id=4, rank_level=2, link_confidence="medium"
            ),
        ],
        discord_users=[
            DiscordState(10, "loner", True, "Veteran", player_id=None),
            DiscordState(11, "gone", False, "Veteran", player_id=None),  # left the server
            DiscordState(12, "guest", True, None, player_id=None),  # no guild role
            DiscordState(13, "sleepy", True, None, player_id=2),
            DiscordState(14, "boss", True, "Member", player_id=3),
        ],
        players=[
            PlayerState(2, "Sleepy", 13),
            PlayerState(3, "Boss", 14),
            PlayerState(4, "Near", None),
        ],
        suggestions=[Suggestion(1, "Orphan", 12, "guest", 0.75)],
    )
    assert _types(snapshot) == [
        ("discord_without_player", "warning"),
        ("inactive_character", "info"),
        ("link_needs_review", "info"),
        ("link_suggestion", "info"),
        ("missing_discord_role", "warning"),
        ("rank_mismatch", "warning"),
        ("unlinked_character", "warning"),
    ]
    mismatch = next(f for f in find_issues(snapshot, now=NOW) if f.issue_type == "rank_mismatch")
    assert "level 5" in mismatch.summary and "Member" in mismatch.summary


def test_hashes_are_stable_and_change_with_what_the_issue_is_about():
    one = Snapshot(characters=[CharacterState(1, "Orphan", "Sen'jin", None)])
    again = Snapshot(characters=[CharacterState(1, "Orphan", "Sen'jin", None)])
    other = Snapshot(characters=[CharacterState(2, "Orphan", "Sen'jin", None)])
    assert find_issues(one, now=NOW)[0].issue_hash == find_issues(again, now=NOW)[0].issue_hash
    assert find_issues(one, now=NOW)[0].issue_hash != find_issues(other, now=NOW)[0].issue_hash


def test_last_online_as_the_game_writes_it():
    assert last_login("Online", is_online=True, now=NOW) == (MS, 3_600_000)
    assert last_login("3d 4h", is_online=False, now=NOW)[0] == MS - 3 * DAY - 4 * 3_600_000
    stamp, precision = last_login("1y 2m 3d", is_online=False, now=NOW)
    assert stamp == int((NOW - timedelta(days=365 + 60 + 3)).timestamp() * 1000)
    assert precision == DAY
    assert last_login("", is_online=False, now=NOW) is None
    assert last_login("soon", is_online=False, now=NOW) is None


def test_realm_slugs():
    assert realm_slug("Sen'jin") == "senjin"
    assert realm_slug("Bleeding Hollow") == "bleeding-hollow"
    assert realm_slug("Azjol-Nerub") == "azjol-nerub"
