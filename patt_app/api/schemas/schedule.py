"""Answers of the officer scheduling routes: everyone's availability, the week heatmap and the
raid-night finder, built from the scheduling services' plain data."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

from patt_app.api.schemas.envelope import FromService, IsoDateTime
from patt_app.services.scheduling.availability import PlayerWeek, UnusableZone
from patt_app.services.scheduling.heatmap import Heatmap
from patt_app.services.scheduling.raid_night_finder import Suggestion
from patt_app.services.scheduling.schedule_time import WEEKDAYS, zone


class DayHours(FromService):
    """A weekday's window: from `earliest_start` ("HH:MM", the player's zone) for some hours."""

    earliest_start: str
    available_hours: float


class Week(FromService):
    """A window per weekday, or null for a day without one."""

    monday: DayHours | None
    tuesday: DayHours | None
    wednesday: DayHours | None
    thursday: DayHours | None
    friday: DayHours | None
    saturday: DayHours | None
    sunday: DayHours | None


class PlayerAvailability(FromService):
    player_id: int
    display_name: str
    timezone: str
    auto_invite_events: bool
    days: Week

    @classmethod
    def from_week(cls, row: PlayerWeek) -> PlayerAvailability:
        days = [
            DayHours(earliest_start=w.start, available_hours=w.hours) if w.start else None
            for w in row.windows
        ]
        return cls(
            player_id=row.player_id,
            display_name=row.display_name,
            timezone=row.timezone,
            auto_invite_events=row.auto_invite_events,
            days=Week(**dict(zip(WEEKDAYS, days, strict=True))),
        )


class SkippedPlayer(FromService):
    """An active player left out of the computation: their stored zone is not an IANA zone
    (fix it on the player's profile)."""

    player_id: int
    display_name: str
    timezone: str


def _skipped(rows: list[UnusableZone]) -> list[SkippedPlayer]:
    return [SkippedPlayer.model_validate(row) for row in rows]


class HeatSlot(FromService):
    """One slot: its local start, the weighted score, head count, count per role, who."""

    start: IsoDateTime
    weighted: int
    count: int
    roles: dict[str, int]
    player_ids: list[int]


class HeatDay(FromService):
    date: dt.date
    slots: list[HeatSlot]


class HeatmapWeek(FromService):
    """The week in `timezone`, each day's slots from local midnight (46 or 50 on DST days)."""

    week_start: dt.date
    timezone: str
    slot_minutes: int
    days: list[HeatDay]
    skipped_players: list[SkippedPlayer]

    @classmethod
    def from_heatmap(cls, heatmap: Heatmap, skipped: list[UnusableZone]) -> HeatmapWeek:
        grid, tz = heatmap.grid, zone(heatmap.grid.timezone)
        ids = heatmap.players_by_slot()
        days = [
            HeatDay(
                date=grid.week_start + timedelta(days=d),
                slots=[
                    HeatSlot(
                        start=grid.starts[i].astimezone(tz),
                        weighted=heatmap.weighted[i],
                        count=heatmap.count[i],
                        roles={r: heatmap.roles[r][i] for r in heatmap.roles},
                        player_ids=ids[i],
                    )
                    for i in range(grid.day_starts[d], grid.day_starts[d + 1])
                ],
            )
            for d in range(7)
        ]
        return cls(
            week_start=grid.week_start,
            timezone=grid.timezone,
            slot_minutes=grid.slot_minutes,
            days=days,
            skipped_players=_skipped(skipped),
        )


class RaidWindow(FromService):
    """A suggested raid night, in the asked zone, with who can stay throughout and why not."""

    start: IsoDateTime
    end: IsoDateTime
    weighted: int
    count: int
    roles: dict[str, int]
    player_ids: list[int]
    warnings: list[str]

    @classmethod
    def from_suggestion(cls, found: Suggestion, local: dt.tzinfo) -> RaidWindow:
        return cls(
            start=found.start.astimezone(local),
            end=found.end.astimezone(local),
            weighted=found.weighted,
            count=found.count,
            roles=found.roles,
            player_ids=found.player_ids,
            warnings=found.warnings,
        )


class RaidWindows(FromService):
    windows: list[RaidWindow]
    skipped_players: list[SkippedPlayer]

    @classmethod
    def of(cls, windows: list[RaidWindow], skipped: list[UnusableZone]) -> RaidWindows:
        return cls(windows=windows, skipped_players=_skipped(skipped))
