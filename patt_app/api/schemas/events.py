"""Answers of the raid routes: events, one event's attendance checklist, the season report."""

from __future__ import annotations

from patt_app.api.schemas.envelope import FromService, IsoDateTime
from patt_app.api.schemas.mirror import mirror
from patt_app.services.raids import attendance
from patt_app.services.raids.events import EventRow


class Event(FromService):
    """A raid event (times in UTC); `season` is the season's name ("" when none)."""

    id: int
    title: str
    start: IsoDateTime
    end: IsoDateTime
    season_id: int | None
    season: str
    signed_up_count: int
    cancelled: bool

    @classmethod
    def from_row(cls, row: EventRow) -> Event:
        return cls(
            id=row.id,
            title=row.title,
            start=row.start,
            end=row.end,
            season_id=row.season_id,
            season=row.season_name,
            signed_up_count=row.signed_up_count,
            cancelled=row.cancelled,
        )


class ChecklistRow(mirror(attendance.ChecklistRow, leave_out=("characters",))):  # type: ignore[misc]
    """One player on an event's checklist; `character_id` is 0 when none was recorded,
    `late_minutes` how late they said they'd come (0: on time), `tentative` whether they
    answered "tentative" (not a sign-up)."""


class SeasonAttendance(FromService):
    """A player's season: events expected, attended, excused, missed; `percent` is null when
    nothing counts (every expected event excused, or none yet)."""

    player_id: int
    display_name: str
    expected: int
    attended: int
    excused: int
    missed: int
    percent: float | None
