"""Sign-ups and attendance: members sign up, withdraw or excuse themselves; officers tick who
came. One row per (event, player); every write is an upsert, so concurrent saves never
duplicate a row or lose a change to another field."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as select_core
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import (
    Player,
    PlayerCharacter,
    RaidAttendance,
    RaidEvent,
    WowCharacter,
    WowClass,
)
from patt_app.models.base import table_of
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.raids.events import EventRow, get_event
from patt_app.services.statements import rows_changed


@dataclass
class CharacterOption:
    id: int
    name: str
    colour: str


@dataclass
class ChecklistRow:
    player_id: int
    name: str
    signed_up: bool
    attended: bool
    excused: bool
    note: str
    character_id: int
    characters: list[CharacterOption] = field(default_factory=list)
    late_minutes: int = 0  # said they'd come about this late
    tentative: bool = False


def _event(session: Session, event_id: int) -> RaidEvent:
    event = session.get(RaidEvent, event_id)
    if event is None:
        raise NotFound("That event does not exist.")
    return event


def _upsert(session: Session, event_id: int, player_id: int, source: str, **changes: Any) -> None:
    """Insert the row or change only the given fields of the existing one."""
    if session.get(Player, player_id) is None:
        raise NotFound("That player does not exist.")
    write_attendance(session, event_id, player_id, changes, source=source, keep_source=True)


def write_attendance(
    session: Session,
    event_id: int,
    player_id: int,
    changes: dict[str, Any],
    *,
    source: str,
    keep_source: bool,
) -> None:
    """Insert the player's attendance row for the event, or change only `changes` of the one
    there (and its `source`, unless `keep_source`)."""
    statement = insert(RaidAttendance).values(
        event_id=event_id, player_id=player_id, source=source, **changes
    )
    replaced = {k: statement.excluded[k] for k in changes if k != "source"}
    if not keep_source:
        replaced["source"] = statement.excluded.source
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["event_id", "player_id"],
            set_={**replaced, "updated_at": statement.excluded.updated_at},
        )
    )


def _members_own(
    session: Session, event_id: int, player_id: int, now: datetime, **changes: Any
) -> None:
    """A member's own answer, while the raid is still ahead and not cancelled."""
    event = _event(session, event_id)
    if event.cancelled_at is not None:
        raise InvalidInput("That event was cancelled.")
    if event.start_time_utc <= now:
        raise InvalidInput("That raid has already started; ask an officer.")
    _upsert(session, event_id, player_id, "manual", **changes)


def sign_up(*, session: Session, player_id: int, event_id: int, now: datetime) -> None:
    _members_own(
        session, event_id, player_id, now, signed_up=True, noted_absence=False, absence_note=None
    )


def withdraw(*, session: Session, player_id: int, event_id: int, now: datetime) -> None:
    _members_own(session, event_id, player_id, now, signed_up=False)


MAX_NOTE = 200


def excuse(*, session: Session, player_id: int, event_id: int, note: str, now: datetime) -> None:
    """Can't make it: an excused absence doesn't count against attendance."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"Keep the note to {MAX_NOTE} characters.")
    _members_own(
        session,
        event_id,
        player_id,
        now,
        signed_up=False,
        noted_absence=True,
        absence_note=note or None,
    )


def set_attendance(
    *,
    session: Session,
    event_id: int,
    player_id: int,
    attended: bool | None = None,
    excused: bool | None = None,
    character_id: int | None = None,
) -> None:
    """An officer's tick: only the fields given change. Attending clears an excuse."""
    _event(session, event_id)
    changes: dict[str, Any] = {}
    if attended is not None:
        changes["attended"] = attended
        if attended:
            changes["noted_absence"] = False
    if excused is not None:
        changes["noted_absence"] = excused
        if excused:
            changes["attended"] = False
    if character_id is not None:
        owned = session.exec(
            select(col(PlayerCharacter.id)).where(
                col(PlayerCharacter.player_id) == player_id,
                col(PlayerCharacter.character_id) == character_id,
            )
        ).first()
        if character_id and owned is None:
            raise InvalidInput("That character is not one of the player's.")
        changes["character_id"] = character_id or None
    if not changes:
        raise InvalidInput("Nothing to change.")
    _upsert(session, event_id, player_id, "manual", **changes)


def mark_signed_up_attended(*, session: Session, event_id: int) -> int:
    """Bulk: everyone signed up attended (with their main unless a character was chosen)."""
    _event(session, event_id)
    result = session.execute(
        update(RaidAttendance)
        .where(col(RaidAttendance.event_id) == event_id, col(RaidAttendance.signed_up))
        .values(attended=True, noted_absence=False)
    )
    session.execute(
        update(RaidAttendance)
        .where(
            col(RaidAttendance.event_id) == event_id,
            col(RaidAttendance.signed_up),
            col(RaidAttendance.character_id).is_(None),
            col(RaidAttendance.player_id) == col(Player.id),
        )
        .values(character_id=col(Player.main_character_id))
    )
    return rows_changed(result)


def checklist(*, session: Session, event_id: int) -> list[ChecklistRow]:
    """Signed-up players first, then everyone else who is active (or has a row)."""
    _event(session, event_id)
    rows = {
        r.player_id: r
        for r in session.exec(
            select(RaidAttendance).where(col(RaidAttendance.event_id) == event_id)
        )
    }
    players = session.exec(
        select(Player).where((col(Player.is_active)) | (col(Player.id).in_(list(rows) or [0])))
    ).all()
    characters: dict[int, list[CharacterOption]] = {}
    for link, char, cls in session.exec(
        select(PlayerCharacter, WowCharacter, WowClass)
        .join(WowCharacter, col(WowCharacter.id) == col(PlayerCharacter.character_id))
        .outerjoin(WowClass, col(WowClass.id) == col(WowCharacter.class_id))
        .order_by(col(WowCharacter.character_name))
    ):
        characters.setdefault(link.player_id, []).append(
            CharacterOption(char.id, char.character_name, cls.colour if cls else "#9ca3af")
        )
    out = []
    for player in players:
        row = rows.get(player.id)
        options = sorted(
            characters.get(player.id, []), key=lambda c: (c.id != player.main_character_id, c.name)
        )
        out.append(
            ChecklistRow(
                player_id=player.id,
                name=player.display_name,
                signed_up=bool(row and row.signed_up),
                attended=bool(row and row.attended),
                excused=bool(row and row.noted_absence),
                note=(row.absence_note or "") if row else "",
                character_id=(row.character_id or 0) if row else 0,
                characters=options,
                late_minutes=(row.late_minutes or 0) if row else 0,
                tentative=bool(row and row.tentative),
            )
        )
    out.sort(key=lambda r: (not r.signed_up, not r.attended, r.name.casefold()))
    return out


@dataclass
class EventChecklist:
    """The officer's checklist screen: the event and its rows, read in one transaction."""

    event: EventRow
    rows: list[ChecklistRow]


def event_checklist(*, session: Session, event_id: int) -> EventChecklist:
    """The event (NotFound when there is none) and its `checklist`."""
    event = get_event(session=session, event_id=event_id)
    return EventChecklist(event=event, rows=checklist(session=session, event_id=event_id))


_attendance = table_of(RaidAttendance)
_MINE = select_core(*_attendance.c).where(
    _attendance.c.player_id == bindparam("player_id"),
    _attendance.c.event_id.in_(bindparam("event_ids", expanding=True)),
)


def my_status(
    *, session: Session, player_id: int, event_ids: Collection[int]
) -> dict[int, RaidAttendance]:
    """The player's rows of these events, by event id (read as plain columns, not attached to
    the session: a member's raid list reads them at every redraw)."""
    if not event_ids:
        return {}
    rows = session.execute(_MINE, {"player_id": player_id, "event_ids": list(event_ids)})
    return {row.event_id: RaidAttendance(**row._asdict()) for row in rows}
