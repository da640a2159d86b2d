"""Warcraft Logs imports in the database: which raids to import, the plan of one import, and
its outcome (presence per character, matched to players by name and realm).

The Warcraft Logs adapter does the asking; this module decides what to ask about and keeps
what was found. Names no player owns are stored too (player empty): listed, not dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import (
    PlayerCharacter,
    RaidEvent,
    RaidLogImport,
    RaidLogPresence,
    WowCharacter,
)
from patt_app.services.errors import InvalidInput
from patt_app.services.raids.log_evidence import Presence, name_key, realm_key, report_code
from patt_app.services.statements import row_or_refuse

RECENT = timedelta(days=3)
STALE_RUNNING = timedelta(minutes=30)
MAX_MESSAGE = 1000


@dataclass(frozen=True)
class ImportPlan:
    """What to fetch for one raid: the linked report, else the guild's reports in the window."""

    event_id: int
    start: datetime
    end: datetime
    report_code: str | None


def _upsert_import(session: Session, event_id: int, **values: Any) -> None:
    statement = insert(RaidLogImport).values(event_id=event_id, **values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["event_id"], set_={k: statement.excluded[k] for k in values}
        )
    )


def queue_import(*, session: Session, event_id: int, requested_by: str, now: datetime) -> None:
    """An officer's "Import now": the raid waits for the runner's next Warcraft Logs run."""
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    if event.start_time_utc > now:
        raise InvalidInput("That raid has not started yet: there is nothing to import.")
    _upsert_import(
        session,
        event_id,
        status="queued",
        message=None,
        requested_by=requested_by,
        requested_at=now,
        finished_at=None,
    )


def due_imports(*, session: Session, now: datetime) -> list[int]:
    """Events to import now: those queued by an officer (or left running by a runner that
    stopped), then raids that ended in the last three days and have not been imported yet (a
    refusal or a missing report is tried again)."""
    queued = session.exec(
        select(col(RaidLogImport.event_id))
        .where(
            (col(RaidLogImport.status) == "queued")
            | (  # left running by a runner that stopped during the import
                (col(RaidLogImport.status) == "running")
                & (col(RaidLogImport.requested_at) < now - STALE_RUNNING)
            )
        )
        .order_by(col(RaidLogImport.requested_at))
    ).all()
    imported = select(col(RaidLogImport.event_id)).where(
        col(RaidLogImport.status).in_(("imported", "queued", "running"))
    )
    recent = session.exec(
        select(col(RaidEvent.id))
        .where(
            col(RaidEvent.cancelled_at).is_(None),
            col(RaidEvent.end_time_utc) <= now,
            col(RaidEvent.end_time_utc) >= now - RECENT,
            col(RaidEvent.id).not_in(imported),
        )
        .order_by(col(RaidEvent.end_time_utc))
    ).all()
    return [*queued, *recent]


def start_import(*, session: Session, event_id: int, now: datetime) -> ImportPlan:
    """Mark the import running and say what to fetch."""
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    _upsert_import(session, event_id, status="running", requested_at=now, finished_at=None)
    return ImportPlan(
        event_id=event_id,
        start=event.start_time_utc,
        end=event.end_time_utc,
        report_code=report_code(event.log_url),
    )


def finish_import(
    *,
    session: Session,
    event_id: int,
    status: str,
    message: str,
    now: datetime,
    report_codes: list[str] | None = None,
    seen: list[Presence] | None = None,
    total_fights: int = 0,
) -> None:
    """Record how the import went. An `imported` outcome replaces the event's presence rows;
    any other (refused, no report, failed) keeps the evidence of an earlier import."""
    if status == "imported":
        session.execute(delete(RaidLogPresence).where(col(RaidLogPresence.event_id) == event_id))
        owners = _owners(session, seen or [])
        for entry in seen or []:
            assert entry.first_seen and entry.last_seen  # a presence comes from a fight
            character_id, player_id = owners.get(
                (name_key(entry.name), realm_key(entry.realm)), (None, None)
            )
            session.add(
                RaidLogPresence(
                    event_id=event_id,
                    character_name=entry.name[:40],
                    realm=entry.realm[:60],
                    player_id=player_id,
                    character_id=character_id,
                    fights=entry.fights,
                    first_seen=entry.first_seen,
                    last_seen=entry.last_seen,
                )
            )
    values = {"status": status, "message": message[:MAX_MESSAGE], "finished_at": now}
    if status == "imported":
        values |= {"report_codes": ",".join(report_codes or [])[:200], "total_fights": total_fights}
    _upsert_import(session, event_id, **values)
    session.flush()


def _owners(
    session: Session, seen: list[Presence]
) -> dict[tuple[str, str], tuple[int, int | None]]:
    """(name key, realm key) → (character id, player id or None) for the characters we know."""
    names = {name_key(p.name) for p in seen}
    if not names:
        return {}
    rows = session.exec(
        select(WowCharacter, col(PlayerCharacter.player_id))
        .outerjoin(PlayerCharacter, col(PlayerCharacter.character_id) == col(WowCharacter.id))
        .where(func.lower(col(WowCharacter.character_name)).in_(names))
    ).all()
    owners: dict[tuple[str, str], tuple[int, int | None]] = {}
    for character, player_id in rows:
        if name_key(character.character_name) not in names:
            continue
        for realm in (character.realm_slug, character.realm_name):
            owners[(name_key(character.character_name), realm_key(realm))] = (
                character.id,
                player_id,
            )
    return owners
