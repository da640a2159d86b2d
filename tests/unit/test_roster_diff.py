"""What the roster sync decides, from plain lists: who is new, changed, renamed, gone, back."""

from datetime import UTC, datetime, timedelta

from patt_app.services.sync.roster_diff import (
    CharacterProfile,
    KnownCharacter,
    ProfileMissing,
    RosterMember,
    diff_roster,
    needs_profile,
    rematch_added,
)

NOW = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)


def member(bid=1, name="Trogmoon", realm="senjin", level=80, cls=11, rank=3):
    return RosterMember(bid, name, realm, level, cls, rank)


def known(cid=10, bid=1, name="Trogmoon", realm="senjin", **kw):
    base = dict(
        level=80,
        class_blizzard_id=11,
        rank_index=3,
        spec_name="Balance",
        item_level=636,
        last_login_ms=1,
        blizzard_last_sync=NOW - timedelta(hours=6),
    )
    return KnownCharacter(id=cid, blizzard_id=bid, name=name, realm_slug=realm, **{**base, **kw})


def profile(bid=1, name="Trogmoon", realm="senjin", spec="Balance", ilvl=636, login=1):
    return CharacterProfile(bid, name, realm, "Sen'jin", 80, 11, spec, ilvl, login)


def test_a_new_member_is_added_with_its_profile_details():
    diff = diff_roster(known=[], members=[member()], profiles={1: profile(ilvl=640)})
    assert len(diff.added) == 1
    values = diff.added[0].values
    assert values["character_name"] == "Trogmoon" and values["item_level"] == 640
    assert values["rank_index"] == 3 and values["blizzard_id"] == 1
    assert diff.updated == 0 and diff.removed_ids == []


def test_a_changed_member_is_updated_with_only_what_changed():
    diff = diff_roster(
        known=[known()], members=[member(rank=2)], profiles={1: profile(spec="Feral", ilvl=650)}
    )
    assert diff.added == [] and diff.updated == 1
    assert diff.updates[0].changes == {"rank_index": 2, "spec_name": "Feral", "item_level": 650}


def test_an_unchanged_member_counts_as_nothing_updated():
    diff = diff_roster(known=[known()], members=[member()], profiles={1: profile()})
    assert diff.updated == 0 and diff.added == []


def test_a_rename_and_realm_transfer_is_recognised_by_blizzard_id_not_duplicated():
    moved = CharacterProfile(1, "Trogsun", "sargeras", "Sargeras", 80, 11, "Balance", 636, 1)
    diff = diff_roster(
        known=[known()], members=[member(name="Trogsun", realm="sargeras")], profiles={1: moved}
    )
    assert diff.added == [] and diff.removed_ids == []
    assert diff.updates[0].character_id == 10
    assert diff.updates[0].changes == {
        "character_name": "Trogsun",
        "realm_slug": "sargeras",
        "realm_name": "Sargeras",
    }


def test_a_character_stored_without_blizzard_id_is_matched_by_name_and_realm():
    diff = diff_roster(known=[known(bid=None, name="trogmoon")], members=[member()], profiles={})
    assert diff.added == [] and diff.updates[0].changes["blizzard_id"] == 1


def test_a_newcomer_under_a_departed_characters_name_takes_over_its_row():
    """Trogmoon (id 1) was deleted and re-made (id 2): one row, with the new id, not a clash."""
    for departed in (known(), known(removed=True)):
        diff = diff_roster(known=[departed], members=[member(bid=2)], profiles={})
        assert diff.added == [] and diff.removed_ids == []
        assert diff.updates[0].character_id == 10
        assert diff.updates[0].changes == {"blizzard_id": 2}
        assert diff.updates[0].restore is departed.removed
    assert needs_profile(member(bid=2), known(), previous_sync=NOW, now=NOW)


def test_a_name_still_held_on_the_roster_is_not_taken_over():
    """Trogmoon (id 1) renamed to Trogsun while a new id 2 took the name Trogmoon."""
    diff = diff_roster(
        known=[known()],
        members=[member(bid=1, name="Trogsun"), member(bid=2)],
        profiles={},
    )
    assert [u.changes for u in diff.updates] == [{"character_name": "Trogsun"}]
    assert [n.values["blizzard_id"] for n in diff.added] == [2]


def test_absent_characters_are_removed_and_returning_ones_restored():
    diff = diff_roster(
        known=[
            known(),
            known(cid=11, bid=2, name="Gone"),
            known(cid=12, bid=3, name="Back", removed=True),
        ],
        members=[member(), member(bid=3, name="Back")],
        profiles={},
    )
    assert diff.removed_ids == [11]
    assert [u.character_id for u in diff.updates if u.restore] == [12]
    assert diff.restored == 1


def test_already_removed_characters_are_not_removed_again():
    diff = diff_roster(known=[known(removed=True)], members=[], profiles={})
    assert diff.removed_ids == []


def test_a_profile_404_flags_the_character_and_never_removes_it():
    diff = diff_roster(known=[known()], members=[member()], profiles={1: ProfileMissing.NOT_FOUND})
    assert diff.not_found == 1 and diff.removed_ids == []
    assert diff.updates[0].not_found is True and diff.updates[0].changes == {}


def test_a_found_profile_clears_an_old_not_found_flag_and_unreachable_leaves_it():
    found = diff_roster(known=[known(not_found=True)], members=[member()], profiles={1: profile()})
    assert found.updates[0].not_found is False
    unreachable = diff_roster(
        known=[known(not_found=True)], members=[member()], profiles={1: ProfileMissing.UNAVAILABLE}
    )
    assert unreachable.updates[0].not_found is None and unreachable.not_found == 0


def test_an_unreachable_profile_keeps_the_roster_data_of_a_new_member():
    diff = diff_roster(known=[], members=[member()], profiles={1: ProfileMissing.UNAVAILABLE})
    assert diff.added[0].values["level"] == 80 and "item_level" not in diff.added[0].values


def test_dormant_characters_skip_the_profile_call_active_and_new_ones_do_not():
    previous = NOW - timedelta(hours=6)
    login_before = int((previous - timedelta(days=3)).timestamp() * 1000)
    login_after = int((previous + timedelta(hours=1)).timestamp() * 1000)
    dormant = known(last_login_ms=login_before)
    assert not needs_profile(member(), dormant, previous_sync=previous, now=NOW)
    assert needs_profile(
        member(), known(last_login_ms=login_after), previous_sync=previous, now=NOW
    )
    assert needs_profile(member(), None, previous_sync=previous, now=NOW)
    assert needs_profile(member(level=79), dormant, previous_sync=previous, now=NOW)
    assert needs_profile(member(), dormant, previous_sync=None, now=NOW)
    stale = known(last_login_ms=login_before, blizzard_last_sync=NOW - timedelta(days=8))
    assert needs_profile(member(), stale, previous_sync=previous, now=NOW)


def test_a_newcomer_stored_since_the_snapshot_becomes_an_update_of_that_row():
    diff = diff_roster(known=[], members=[member()], profiles={1: profile()})
    uploaded = known(cid=20, bid=None, name="trogmoon", level=79, spec_name=None, item_level=None)
    again = rematch_added(diff, [uploaded])
    assert again.added == [] and [u.character_id for u in again.updates] == [20]
    assert again.updates[0].changes == {
        "blizzard_id": 1, "character_name": "Trogmoon", "level": 80,
        "spec_name": "Balance", "item_level": 636,
    }  # fmt: skip
    assert again.updates[0].profiled and again.updates[0].not_found is None


def test_a_name_a_renamed_character_passes_on_stays_a_newcomer():
    renamed = known(cid=10, bid=1, name="Trogmoon")
    diff = diff_roster(
        known=[renamed], members=[member(name="Newname"), member(bid=2)], profiles={}
    )
    assert rematch_added(diff, [renamed]) == diff
