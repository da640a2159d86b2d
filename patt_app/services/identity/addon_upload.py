"""A PATTSync upload applied in one transaction: roster diff, identity matching, integrity
check and a `sync_log` row. Uploads are serialised by a transaction-level advisory lock, so
two uploads at once cannot both add the same character."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, text
from sqlmodel import Session, select

from patt_app.models import GuildRank, Player, PlayerCharacter, SyncLog, WowCharacter, WowClass
from patt_app.services.errors import InvalidInput
from patt_app.services.identity.addon_roster import (
    KnownCharacter,
    UploadedCharacter,
    diff_addon_roster,
    realm_slug,
)
from patt_app.services.identity.refresh import refresh_identity
from patt_app.services.players.player_admin import recompute_rank

UPLOAD_LOCK = 0x7A77_5359  # pg_advisory_xact_lock key shared by every upload


@dataclass
class UploadOutcome:
    characters_received: int
    updated: int
    added: int
    links_made: int
    issues_open: int


def _check_unique(uploaded: list[UploadedCharacter], home_slug: str) -> None:
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(uploaded):
        key = (item.name.casefold(), realm_slug(item.realm) if item.realm else home_slug)
        if key in seen:
            raise InvalidInput(
                f"characters.{index}: {item.name} appears twice (also at characters.{seen[key]})"
            )
        seen[key] = index


def _known(session: Session) -> list[KnownCharacter]:
    return [
        KnownCharacter(
            id=c.id,
            name=c.character_name,
            realm_slug=c.realm_slug,
            level=c.level,
            guild_rank_id=c.guild_rank_id,
            guild_note=c.guild_note,
            officer_note=c.officer_note,
            last_login_ms=c.last_login_timestamp,
            removed=c.removed_at is not None,
            class_id=c.class_id,
        )
        for c in session.exec(select(WowCharacter)).all()
    ]


def _recompute_ranks(session: Session, character_ids: list[int]) -> None:
    if not character_ids:
        return
    players = session.exec(
        select(Player)
        .join(PlayerCharacter, PlayerCharacter.player_id == Player.id)
        .where(PlayerCharacter.character_id.in_(character_ids))
        .distinct()
    ).all()
    for player in players:
        recompute_rank(session=session, player=player)


def apply_addon_upload(
    *,
    session: Session,
    uploaded: list[UploadedCharacter],
    home_realm_name: str,
    now: datetime,
) -> UploadOutcome:
    """Update and add the uploaded characters, link identities, audit; all or nothing."""
    started = time.monotonic()
    home_slug = realm_slug(home_realm_name)
    _check_unique(uploaded, home_slug)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPLOAD_LOCK})
    ranks = {
        index: rank_id
        for rank_id, index in session.exec(select(GuildRank.id, GuildRank.wow_rank_index)).all()
        if index is not None
    }
    classes = {name.lower(): cid for cid, name in session.exec(select(WowClass.id, WowClass.name))}
    diff = diff_addon_roster(
        known=_known(session),
        uploaded=uploaded,
        rank_ids_by_index=ranks,
        class_ids_by_name=classes,
        home_realm_slug=home_slug,
        now=now,
    )
    for character_id, changes in diff.changes.items():
        character = session.get(WowCharacter, character_id)
        for name, value in changes.items():
            setattr(character, name, value)
        character.addon_last_sync = now
        session.add(character)
    for character_id in diff.unchanged:
        session.get(WowCharacter, character_id).addon_last_sync = now
    for item, values in diff.additions:
        realm_name = item.realm or home_realm_name
        session.add(
            WowCharacter(
                character_name=item.name,
                realm_slug=realm_slug(realm_name),
                realm_name=realm_name,
                addon_last_sync=now,
                first_seen=now,
                **values,
            )
        )
    session.flush()
    _recompute_ranks(
        session, [cid for cid, changes in diff.changes.items() if "guild_rank_id" in changes]
    )
    refreshed = refresh_identity(session=session, now=now)
    session.add(
        SyncLog(
            source="addon_upload",
            status="success",
            characters_found=len(uploaded),
            characters_updated=len(diff.changes),
            characters_new=len(diff.additions),
            duration_seconds=round(time.monotonic() - started, 3),
            started_at=now,
            completed_at=now,
        )
    )
    session.flush()
    return UploadOutcome(
        characters_received=len(uploaded),
        updated=len(diff.changes),
        added=len(diff.additions),
        links_made=refreshed.links_made,
        issues_open=refreshed.audit.open,
    )


def last_upload(*, session: Session) -> datetime | None:
    """When the last addon upload was applied, if ever."""
    return session.exec(
        select(func.max(SyncLog.completed_at)).where(SyncLog.source == "addon_upload")
    ).one()
