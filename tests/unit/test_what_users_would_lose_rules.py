"""What a user would lose if a small slip crept into a pure rule (issue 26's hand-made mutants):
the availability preview of a week the clocks change, the second places of a two-pick campaign,
what an addon upload and a Battle.net sync change on the roster."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from patt_app.services.campaigns.scoring import EntryRef, Pick, leader, standings
from patt_app.services.identity.addon_roster import (
    KnownCharacter,
    UploadedCharacter,
    diff_addon_roster,
    realm_slug,
)
from patt_app.services.scheduling.availability import DayWindow
from patt_app.services.sync.roster_diff import (
    CharacterProfile,
    ProfileMissing,
    RosterMember,
    diff_roster,
    needs_profile,
)
from patt_app.services.sync.roster_diff import KnownCharacter as KnownBattleNetCharacter
from patt_app.states.availability import _rows


@pytest.mark.parametrize(
    ("zone", "today", "monday", "sunday"),
    [
        (  # the US springs forward on Sunday 14 March 2027
            "America/New_York",
            date(2027, 3, 10),
            "Mon 20:00–23:00 (your time) = Tue 01:00–04:00 UTC",
            "Sun 20:00–23:00 (your time) = Mon 00:00–03:00 UTC",
        ),
        (  # the US falls back on Sunday 7 November 2027
            "America/New_York",
            date(2027, 11, 4),
            "Mon 20:00–23:00 (your time) = Tue 00:00–03:00 UTC",
            "Sun 20:00–23:00 (your time) = Mon 01:00–04:00 UTC",
        ),
        (  # the EU springs forward on Sunday 28 March 2027
            "Europe/Berlin",
            date(2027, 3, 22),
            "Mon 20:00–23:00 (your time) = Mon 19:00–22:00 UTC",
            "Sun 20:00–23:00 (your time) = Sun 18:00–21:00 UTC",
        ),
    ],
)
def test_the_preview_of_a_week_the_clocks_change_uses_each_days_own_offset(
    zone, today, monday, sunday
):
    week = [DayWindow(day, "20:00", 3.0) for day in range(7)]
    rows = _rows(week, zone, today)
    assert (rows[0].preview, rows[6].preview) == (monday, sunday)
    assert [row.preview[:3] for row in rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_a_two_pick_campaign_counts_second_places_and_breaks_ties_on_first_places():
    # listed B, D, A, C: a tie that the tie-breaks leave would go to the one listed first
    b, d, a, c = (
        EntryRef(i, n, o) for o, (i, n) in enumerate(((2, "B"), (4, "D"), (1, "A"), (3, "C")))
    )
    ballots = [(a, c), (a, c), (d, b), (d, b), (c, b), (c, b)]
    picks = [
        Pick(voter, entry.id, rank)
        for voter, ballot in enumerate(ballots, start=1)
        for rank, entry in enumerate(ballot, start=1)
    ]
    table = standings([b, d, a, c], picks, 2)
    shown = [
        (s.position, s.name, s.points, s.first_place_votes, s.second_place_votes) for s in table
    ]
    assert shown == [
        (1, "C", 6, 2, 2),
        (2, "D", 4, 2, 0),  # D and A alike: D is listed first
        (3, "A", 4, 2, 0),
        (4, "B", 4, 0, 4),  # as many points as D and A, but no first place
    ]
    assert all(s.third_place_votes == 0 for s in table)


def test_one_vote_is_enough_to_lead_even_when_it_is_worth_one_point():
    a, b = EntryRef(1, "A", 0), EntryRef(2, "B", 1)
    table = standings([a, b], [Pick(1, b.id, 1)], 1)
    assert leader(table) is not None and leader(table).name == "B"
    assert leader(standings([a, b], [], 1)) is None


# -- the addon upload's diff: what an officer's upload changes on the roster --------------------

NOW = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
RANK_IDS = {0: 15, 3: 12, 4: 11}  # in-game rank index → our rank id
CLASS_IDS = {"druid": 11, "mage": 8}


def known(id_: int, name: str, realm: str = "senjin", **fields) -> KnownCharacter:
    values = dict(level=80, guild_rank_id=11, guild_note=None, officer_note=None,
                  last_login_ms=None, removed=False, class_id=None)  # fmt: skip
    return KnownCharacter(id=id_, name=name, realm_slug=realm, **{**values, **fields})


def diff(known_ones: list[KnownCharacter], *uploaded: UploadedCharacter):
    return diff_addon_roster(known=known_ones, uploaded=list(uploaded), rank_ids_by_index=RANK_IDS,
                             class_ids_by_name=CLASS_IDS, home_realm_slug="senjin", now=NOW)  # fmt: skip


def test_an_upload_maps_the_game_rank_and_ignores_a_rank_we_do_not_know():
    found = diff([known(1, "Trog"), known(2, "Sho")], UploadedCharacter("Trog", rank=3),
                 UploadedCharacter("Sho", rank=7))  # fmt: skip
    assert found.changes == {1: {"guild_rank_id": 12}} and found.unchanged == [2]


def test_an_upload_fills_a_missing_class_but_never_replaces_one():
    found = diff([known(1, "Trog"), known(2, "Sho", class_id=11)],
                 UploadedCharacter("Trog", class_name="Mage"),
                 UploadedCharacter("Sho", class_name="Mage"))  # fmt: skip
    assert found.changes == {1: {"class_id": 8}} and found.unchanged == [2]


def test_a_character_online_now_was_last_seen_now():
    found = diff([known(1, "Trog")], UploadedCharacter("Trog", is_online=True))
    assert found.changes == {1: {"last_login_timestamp": int(NOW.timestamp() * 1000)}}


def test_a_last_login_is_changed_only_when_it_moved_by_its_precision():
    hour = 3_600_000
    seen = int((NOW - timedelta(hours=3)).timestamp() * 1000)
    nearly, exactly = (
        known(1, "Trog", last_login_ms=seen + hour - 1),
        known(2, "Sho", last_login_ms=seen + hour),
    )
    found = diff([nearly, exactly], UploadedCharacter("Trog", last_online="3h"),
                 UploadedCharacter("Sho", last_online="3h"))  # fmt: skip
    assert found.unchanged == [1] and found.changes == {2: {"last_login_timestamp": seen}}


def test_a_character_that_left_and_came_back_is_restored():
    found = diff([known(1, "Trog", removed=True)], UploadedCharacter("Trog"))
    assert found.changes == {1: {"removed_at": None}}


def test_a_name_on_two_realms_without_a_realm_is_the_home_realms():
    home, away = known(1, "Trog"), known(2, "Trog", realm="sargeras")
    found = diff([away, home], UploadedCharacter("Trog", level=70))
    assert found.changes == {1: {"level": 70}} and not found.additions
    only = diff([known(3, "Sho", realm="sargeras")], UploadedCharacter("Sho", level=70))
    assert only.changes == {3: {"level": 70}}  # the one character of that name, wherever it is


def test_a_new_character_without_a_last_login_is_added_without_one():
    found = diff([], UploadedCharacter("Newbie", level=10, class_name="Druid", rank=4))
    [(item, values)] = found.additions
    assert item.name == "Newbie" and values == {
        "guild_note": None, "officer_note": None, "level": 10, "guild_rank_id": 11,
        "class_id": 11, "last_login_timestamp": None}  # fmt: skip


def test_online_written_by_the_game_counts_as_seen_now():
    found = diff([known(1, "Trog")], UploadedCharacter("Trog", last_online=" Online "))
    assert found.changes == {1: {"last_login_timestamp": int(NOW.timestamp() * 1000)}}


# -- the Battle.net diff: the fresher profile wins over the roster's cached line ----------------


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


def test_a_realm_written_with_punctuation_around_it_is_the_same_realm():
    assert realm_slug("(Sen'jin)") == realm_slug("Sen'jin") == "senjin"
    assert realm_slug("Azjol-Nerub.") == "azjol-nerub"
