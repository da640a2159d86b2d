"""The Battle.net roster diff with profiles (services/sync/roster_diff.py): the fresher profile
wins over the roster's cached line, a missing or hidden profile, and which characters need one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from patt_app.services.sync.roster_diff import (
    CharacterProfile,
    ProfileMissing,
    RosterMember,
    diff_roster,
    needs_profile,
)
from patt_app.services.sync.roster_diff import KnownCharacter as KnownBattleNetCharacter

NOW = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)


def test_the_profile_is_fresher_than_the_roster_and_wins():
    roster_line = RosterMember(1, "Trogmoon", "senjin", 79, 11, 3)
    fresh = CharacterProfile(1, "Trogsun", "sargeras", "Sargeras", 80, 7, "Enhancement", 640, 5)
    old = KnownBattleNetCharacter(id=10, blizzard_id=1, name="Trogmoon", realm_slug="senjin",
                                  level=79, class_blizzard_id=11, rank_index=3)  # fmt: skip
    [update] = diff_roster(known=[old], members=[roster_line], profiles={1: fresh}).updates
    assert update.changes == {
        "character_name": "Trogsun", "realm_slug": "sargeras", "realm_name": "Sargeras",
        "level": 80, "class_blizzard_id": 7, "spec_name": "Enhancement", "item_level": 640,
        "last_login_timestamp": 5}  # fmt: skip


def test_a_newcomer_whose_profile_cannot_be_had_keeps_the_rosters_class_and_level():
    roster_line = RosterMember(2, "Shodoom", "senjin", 70, 7, 4)
    diff = diff_roster(known=[], members=[roster_line], profiles={2: ProfileMissing.UNAVAILABLE})
    assert diff.added[0].values == {"blizzard_id": 2, "character_name": "Shodoom",
                                    "realm_slug": "senjin", "level": 70,
                                    "class_blizzard_id": 7, "rank_index": 4}  # fmt: skip


def test_a_character_back_on_the_roster_after_leaving_gets_a_fresh_profile():
    roster_line = RosterMember(1, "Trogmoon", "senjin", 80, 11, 3)
    left = KnownBattleNetCharacter(id=10, blizzard_id=1, name="Trogmoon", realm_slug="senjin",
                                   level=80, last_login_ms=1, removed=True,
                                   blizzard_last_sync=NOW - timedelta(hours=1))  # fmt: skip
    assert needs_profile(roster_line, left, previous_sync=NOW - timedelta(hours=2), now=NOW)
    stayed = replace(left, removed=False)
    assert not needs_profile(roster_line, stayed, previous_sync=NOW - timedelta(hours=2), now=NOW)


def test_what_a_sync_saw_of_each_character_is_flagged_for_the_officers():
    hidden, fetched, skipped = (RosterMember(i, f"Char{i}", "senjin", 80, 11, 3) for i in (1, 2, 3))
    old = [KnownBattleNetCharacter(id=10 + i, blizzard_id=i, name=f"Char{i}", realm_slug="senjin",
                                   level=80, class_blizzard_id=11, rank_index=3) for i in (2, 3)]  # fmt: skip
    blank_spec = CharacterProfile(2, "Char2", "senjin", "Sen'jin", 80, 11, "", 640, 5)
    diff = diff_roster(known=old, members=[hidden, fetched, skipped],
                       profiles={1: ProfileMissing.NOT_FOUND, 2: blank_spec})  # fmt: skip
    [new] = diff.added
    assert new.not_found is True and new.profiled is False  # a hidden profile, shown as such
    by_id = {u.character_id: u for u in diff.updates}
    assert by_id[12].profiled is True and by_id[13].profiled is False
    assert "spec_name" not in by_id[12].changes  # a blank answer does not wipe the spec
