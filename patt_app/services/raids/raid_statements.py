"""The statements a member's raid night runs again and again — an answer to a raid
(`signup_answers`) and their list of raids (`event_view.member_upcoming`) — built once and run
with parameters. On raid night these transactions spent more CPU building statements (and
their cache keys) and turning rows into ORM objects than the database spent running them, so
they are Core statements on the tables, reading plain columns.

- `PLAYER`: whether the player is active, their zone and the roles of their main spec and
  off-spec, in one read.
- `LOCK_RAID`: marks the raid's roster post as behind and returns the raid with its season's
  name and sign-up count before this answer, when it can still be answered (not cancelled,
  not started); the UPDATE locks the raid's row, so answers to one raid go one at a time.
- `upsert(columns, signed_up)`: the player's row of the raid, inserted or updated, returned whole.
- `EVENTS_FROM`: the events from a date on, with their season's name and sign-up count.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Select, Update, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.dml import ReturningInsert

from patt_app.models import Player, RaidAttendance, RaidEvent, RaidSeason, Role, Specialization
from patt_app.models.base import table_of

_players, _events, _seasons = table_of(Player), table_of(RaidEvent), table_of(RaidSeason)
_attendance, _specs, _roles = table_of(RaidAttendance), table_of(Specialization), table_of(Role)


def _role_of(spec_column: Any) -> Any:
    """The key of the default role of the spec in `spec_column` (null without a spec)."""
    return (
        select(_roles.c.key)
        .join(_specs, _specs.c.default_role_id == _roles.c.id)
        .where(_specs.c.id == spec_column)
        .scalar_subquery()
    )


PLAYER: Select[Any] = select(
    _players.c.is_active,
    _players.c.timezone,
    _role_of(_players.c.main_spec_id),
    _role_of(_players.c.offspec_spec_id),
).where(_players.c.id == bindparam("player_id"))

# An event's season name and sign-up count, as columns beside the event's own.
_SEASON_NAME = (
    select(_seasons.c.name)
    .where(_seasons.c.id == _events.c.season_id)
    .scalar_subquery()
    .label("season_name")
)
_SIGNED_UP = (
    select(func.count())
    .select_from(_attendance)
    .where(_attendance.c.event_id == _events.c.id, _attendance.c.signed_up)
    .scalar_subquery()
    .label("signed_up_count")
)

LOCK_RAID: Update = (
    update(_events)
    .where(
        _events.c.id == bindparam("event_id"),
        _events.c.cancelled_at.is_(None),
        _events.c.start_time_utc > bindparam("now"),
    )
    .values(roster_changed_at=bindparam("now"))
    .returning(*_events.c, _SEASON_NAME, _SIGNED_UP)
)

EVENTS_FROM: Select[Any] = (
    select(*_events.c, _SEASON_NAME, _SIGNED_UP)
    .where(_events.c.event_date >= bindparam("start"))
    .order_by(_events.c.start_time_utc)
)


@lru_cache(maxsize=32)
def upsert(columns: tuple[str, ...], signed_up: bool) -> ReturningInsert[Any]:
    """The answer's insert-or-update of the player's row, once per set of columns written (the
    values are the execution's parameters). Staying signed up (sign up → late → bench) keeps
    one's place in the sign-up order and the role chosen (`signup_role` is written only when
    given, or cleared with the sign-up)."""
    statement = insert(_attendance)
    changes: dict[str, Any] = {k: statement.excluded[k] for k in columns}
    changes["signed_up_at"] = (
        func.coalesce(_attendance.c.signed_up_at, statement.excluded.signed_up_at)
        if signed_up
        else None
    )
    return statement.on_conflict_do_update(
        index_elements=["event_id", "player_id"],
        set_={**changes, "updated_at": statement.excluded.updated_at},
    ).returning(*_attendance.c)
