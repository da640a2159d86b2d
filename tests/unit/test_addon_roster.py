"""What an officer's addon upload changes on the roster (services/identity/addon_roster.py):
game ranks and classes mapped, last logins to their precision, characters restored, the home
realm's namesake, and realm names however they are written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from patt_app.services.identity.addon_roster import (
    KnownCharacter,
    UploadedCharacter,
    diff_addon_roster,
    realm_slug,
)

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


def test_a_realm_written_with_punctuation_around_it_is_the_same_realm():
    assert realm_slug("(Sen'jin)") == realm_slug("Sen'jin") == "senjin"
    assert realm_slug("Azjol-Nerub.") == "azjol-nerub"
