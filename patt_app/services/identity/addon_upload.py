"""A PATTSync upload applied in one transaction: roster diff, identity matching, integrity
check and a `sync_log` row. Uploads, and the Battle.net sync's writes, take turns under one
transaction-level advisory lock (`roster_writers`), so two at once cannot both add the same
character.

What an upload costs depends on its own size, not on what earlier uploads left behind: at most
MAX_UPLOAD_CHARACTERS characters; its characters are read through the name + realm index and
written in bulk; fuzzy identity matching looks only at the characters it added or brought
back; upload-only characters that left the guild are retired (`addon_departures`). Ranks in it
count only when the key's holder may change them (`addon_keys.rank_refusal`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, insert, update
from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col, select

from patt_app.models import GuildRank, SyncLog, WowCharacter, WowClass
from patt_app.models.base import table_of
from patt_app.services.errors import InvalidInput
from patt_app.services.identity.addon_departures import retire_departed_upload_characters
from patt_app.services.identity.addon_keys import KeyHolder, rank_refusal
from patt_app.services.identity.addon_roster import (
    KnownCharacter,
    RosterDiff,
    UploadedCharacter,
    diff_addon_roster,
    realm_slug,
)
from patt_app.services.identity.matching import FuzzyScope
from patt_app.services.identity.refresh import refresh_identity
from patt_app.services.roster_writers import hold_roster_writers_lock

# A guild holds at most 1,000 members; twice that leaves room and still bounds the work.
MAX_UPLOAD_CHARACTERS = 2000
_ADDED_COLUMNS = (
    "level",
    "guild_rank_id",
    "class_id",
    "guild_note",
    "officer_note",
    "last_login_timestamp",
)


@dataclass
class UploadOutcome:
    characters_received: int
    updated: int
    added: int
    links_made: int
    issues_open: int
    ranks_applied: bool = True
    ranks_note: str | None = None
    retired: int = 0


def too_many_characters(count: int) -> str | None:
    """Why an upload of `count` characters is refused, or None."""
    if count <= MAX_UPLOAD_CHARACTERS:
        return None
    return (
        f"the upload has {count:,} characters; at most {MAX_UPLOAD_CHARACTERS:,} are accepted "
        "(a guild holds at most 1,000 members)"
    )


def _check_unique(uploaded: list[UploadedCharacter], home_slug: str) -> None:
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(uploaded):
        key = (item.name.casefold(), realm_slug(item.realm) if item.realm else home_slug)
        if key in seen:
            raise InvalidInput(
                f"characters.{index}: {item.name} appears twice (also at characters.{seen[key]})"
            )
        seen[key] = index


def _known(session: Session, uploaded: list[UploadedCharacter]) -> list[KnownCharacter]:
    """The stored characters bearing an uploaded name (any realm), through the index."""
    names = sorted({item.name.lower() for item in uploaded})
    if not names:
        return []
    rows = session.execute(
        select_wide(
            col(WowCharacter.id),
            col(WowCharacter.character_name),
            col(WowCharacter.realm_slug),
            col(WowCharacter.level),
            col(WowCharacter.guild_rank_id),
            col(WowCharacter.guild_note),
            col(WowCharacter.officer_note),
            col(WowCharacter.last_login_timestamp),
            col(WowCharacter.removed_at).is_not(None),
            col(WowCharacter.class_id),
        ).where(func.lower(col(WowCharacter.character_name)).in_(names))
    ).all()
    return [KnownCharacter(*row) for row in rows]


def _write(session: Session, diff: RosterDiff, home_realm_name: str, now: datetime) -> list[int]:
    """The diff written in bulk; returns the ids of the characters it added."""
    if diff.changes:  # rows with the same columns side by side: one statement per kind
        rows = [
            {"id": cid, **changes, "addon_last_sync": now} for cid, changes in diff.changes.items()
        ]
        session.execute(update(WowCharacter), sorted(rows, key=lambda row: sorted(row)))
    if diff.unchanged:
        session.execute(
            update(WowCharacter)
            .where(col(WowCharacter.id).in_(diff.unchanged))
            .values(addon_last_sync=now)
            .execution_options(synchronize_session=False)
        )
    rows = []
    for item, values in diff.additions:
        realm_name = item.realm or home_realm_name
        rows.append(
            {
                **dict.fromkeys(_ADDED_COLUMNS),  # the same columns in every row: one statement
                "character_name": item.name,
                "realm_slug": realm_slug(realm_name),
                "realm_name": realm_name,
                "addon_last_sync": now,
                "first_seen": now,
                **values,
            }
        )
    if not rows:
        return []
    table = table_of(WowCharacter)  # Core: one multi-row INSERT per 1,000 rows
    return list(session.scalars(insert(table).returning(table.c.id), rows))


def _diff(
    session: Session, uploaded: list[UploadedCharacter], home_slug: str, now: datetime
) -> RosterDiff:
    ranks = {
        index: rank_id
        for rank_id, index in session.exec(
            select(col(GuildRank.id), col(GuildRank.wow_rank_index))
        ).all()
        if index is not None
    }
    classes = {
        name.lower(): cid
        for cid, name in session.exec(select(col(WowClass.id), col(WowClass.name)))
    }
    return diff_addon_roster(
        known=_known(session, uploaded),
        uploaded=uploaded,
        rank_ids_by_index=ranks,
        class_ids_by_name=classes,
        home_realm_slug=home_slug,
        now=now,
    )


def apply_addon_upload(
    *,
    session: Session,
    uploaded: list[UploadedCharacter],
    home_realm_name: str,
    now: datetime,
    holder: KeyHolder,
    battlenet_ranks: bool,
) -> UploadOutcome:
    """Update and add the uploaded characters, link identities, audit; all or nothing.
    When the key's `holder` may not change ranks (`addon_keys.rank_refusal`, decided in this
    transaction), or Battle.net's guild roster is the source of in-game ranks
    (`battlenet_ranks`), the ranks uploaded are ignored and everything else applies. Players'
    ranks follow under the rank rule in `refresh_identity`."""
    started = time.monotonic()
    if refusal := too_many_characters(len(uploaded)):
        raise InvalidInput(refusal)
    home_slug = realm_slug(home_realm_name)
    _check_unique(uploaded, home_slug)
    refused_ranks = rank_refusal(session=session, holder=holder, battlenet_ranks=battlenet_ranks)
    if refused_ranks:
        uploaded = [replace(item, rank=None, rank_name=None) for item in uploaded]
    hold_roster_writers_lock(session)  # held when refresh_identity takes IDENTITY_LOCK
    diff = _diff(session, uploaded, home_slug, now)
    added = _write(session, diff, home_realm_name, now)
    retired = retire_departed_upload_characters(session=session, now=now)
    back = [cid for cid, changes in diff.changes.items() if "removed_at" in changes]
    looked_at = FuzzyScope(character_ids=frozenset(added + back))  # new, or back in the guild
    refreshed = refresh_identity(session=session, now=now, fuzzy_scope=looked_at)
    _log_run(session, diff, received=len(uploaded), started=started, now=now)
    return UploadOutcome(
        characters_received=len(uploaded),
        updated=len(diff.changes),
        added=len(diff.additions),
        links_made=refreshed.links_made,
        issues_open=refreshed.audit.open,
        ranks_applied=refused_ranks is None,
        ranks_note=refused_ranks,
        retired=retired,
    )


def _log_run(
    session: Session, diff: RosterDiff, *, received: int, started: float, now: datetime
) -> None:
    """The upload as a line of the sync log (/admin/sync), with how long it took."""
    session.add(
        SyncLog(
            source="addon_upload",
            status="success",
            characters_found=received,
            characters_updated=len(diff.changes),
            characters_new=len(diff.additions),
            duration_seconds=round(time.monotonic() - started, 3),
            started_at=now,
            completed_at=now,
        )
    )
    session.flush()


def last_upload(*, session: Session) -> datetime | None:
    """When the last addon upload was applied, if ever."""
    return session.exec(
        select(func.max(col(SyncLog.completed_at))).where(col(SyncLog.source) == "addon_upload")
    ).one()
