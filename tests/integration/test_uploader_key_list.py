"""The officers' list of generated uploader keys (/admin/audit): what it shows of each active
key, that a revoked key leaves it and stops working, and who a key can be made for."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from patt_app.models import Player
from patt_app.services.errors import NotFound
from patt_app.services.identity.addon_keys import (
    KeyInfo,
    active_keys,
    generate_key,
    key_holder,
    key_owner_choices,
    revoke_key,
)

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def _player(session: Session, name: str, *, active: bool = True) -> Player:
    player = Player(display_name=name, is_active=active)
    session.add(player)
    session.flush()
    return player


def test_the_list_shows_each_active_key_by_owner_and_never_a_revoked_one(seeded):
    officer, zed, amy = (_player(seeded, n) for n in ("Officer Olga", "Zed", "Amy"))
    zed_key = generate_key(
        session=seeded, officer_player_id=officer.id, owner_player_id=zed.id, now=NOW
    )
    amy_key = generate_key(session=seeded, officer_player_id=None, owner_player_id=amy.id, now=NOW)
    gone = _player(seeded, "Gone")
    gone_key = generate_key(
        session=seeded, officer_player_id=None, owner_player_id=gone.id, now=NOW
    )
    assert revoke_key(session=seeded, key_id=active_keys(session=seeded)[1].id, now=NOW) == "Gone"

    used = NOW + timedelta(hours=2)
    assert (
        key_holder(session=seeded, given=zed_key, deployment_key=None, now=used).owner_name == "Zed"
    )
    listed = active_keys(session=seeded)
    assert (
        [(k.owner, k.hint, k.created_by, k.created_at, k.last_used_at) for k in listed]
        == [
            ("Amy", "…" + amy_key[-4:], "", NOW, None),  # made without an officer on record
            ("Zed", "…" + zed_key[-4:], "Officer Olga", NOW, used),
        ]
    )
    assert all(isinstance(k, KeyInfo) and k.id > 0 for k in listed)
    assert key_holder(session=seeded, given=gone_key, deployment_key=None, now=used) is None


def test_revoking_twice_or_an_unknown_key_is_refused_in_words(seeded):
    owner = _player(seeded, "Owner")
    generate_key(session=seeded, officer_player_id=None, owner_player_id=owner.id, now=NOW)
    (key,) = active_keys(session=seeded)
    assert revoke_key(session=seeded, key_id=key.id, now=NOW) == "Owner"
    for key_id in (key.id, key.id + 1000):
        with pytest.raises(NotFound) as refused:
            revoke_key(session=seeded, key_id=key_id, now=NOW)
        assert str(refused.value) == "That key does not exist or is already revoked."
    assert active_keys(session=seeded) == []


def test_keys_can_be_made_for_active_players_only_listed_by_name(seeded):
    _player(seeded, "Bryn")
    _player(seeded, "Ash")
    _player(seeded, "Left", active=False)
    names = [name for _, name in key_owner_choices(session=seeded)]
    assert names == sorted(names) and {"Ash", "Bryn"} <= set(names) and "Left" not in names
