"""Battle.net's JSON turned into the plain data the sync services compare
(shapes as in /work/shared/fixtures/battlenet and Blizzard's documentation)."""

from __future__ import annotations

from typing import Any

from patt_app.services.identity.battlenet_link import AccountCharacter, BattleNetAccount
from patt_app.services.sync.roster_diff import CharacterProfile, RosterMember


def roster_members(body: dict[str, Any]) -> list[RosterMember]:
    """The members of a guild roster answer; entries missing an id or a name are skipped."""
    members = []
    for entry in body.get("members", []):
        character = entry.get("character", {})
        if not character.get("id") or not character.get("name"):
            continue
        members.append(
            RosterMember(
                blizzard_id=int(character["id"]),
                name=character["name"],
                realm_slug=character.get("realm", {}).get("slug", ""),
                level=int(character.get("level") or 1),
                class_blizzard_id=int(character.get("playable_class", {}).get("id") or 0),
                rank_index=int(entry.get("rank", 0)),
            )
        )
    return members


def character_profile(body: dict[str, Any]) -> CharacterProfile:
    """A profile summary answer."""
    realm = body.get("realm", {})
    item_level = body.get("equipped_item_level") or body.get("average_item_level")
    return CharacterProfile(
        blizzard_id=int(body["id"]),
        name=body["name"],
        realm_slug=realm.get("slug", ""),
        realm_name=realm.get("name") or "",
        level=int(body.get("level") or 1),
        class_blizzard_id=int(body.get("character_class", {}).get("id") or 0),
        spec_name=(body.get("active_spec") or {}).get("name"),
        item_level=int(item_level) if item_level else None,
        last_login_ms=body.get("last_login_timestamp"),
    )


def battlenet_account(userinfo: dict[str, Any], profile: dict[str, Any] | None) -> BattleNetAccount:
    """The account behind a user token: /oauth/userinfo's id and BattleTag, and every
    character of every WoW licence in /profile/user/wow (`None`: the account has none)."""
    characters = []
    for wow_account in (profile or {}).get("wow_accounts") or []:
        for entry in wow_account.get("characters") or []:
            if not entry.get("id") or not entry.get("name"):
                continue
            characters.append(
                AccountCharacter(
                    blizzard_id=int(entry["id"]),
                    name=entry["name"],
                    realm_slug=(entry.get("realm") or {}).get("slug", ""),
                )
            )
    account_id = userinfo.get("id") or (profile or {}).get("id")
    if account_id is None:
        raise ValueError("Battle.net named no account id")
    return BattleNetAccount(
        account_id=int(account_id),
        battletag=str(userinfo.get("battletag") or ""),
        characters=tuple(characters),
    )
