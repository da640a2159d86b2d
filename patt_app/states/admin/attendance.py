"""Officer attendance: one event's checklist, and the season report (with CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.raids import attendance as att
from patt_app.services.raids.attendance_report import (
    attendance_overview,
    report_csv,
    season_report,
)
from patt_app.states.form_values import flag, optional_id, record_id
from patt_app.states.officer import OfficerState, officer_only


def _event_id_from_path(path: str) -> int:
    tail = path.rstrip("/").rsplit("/", 1)[-1]
    if not tail.isdigit():
        raise NotFound("That event does not exist.")
    return int(tail)


class EventChecklistState(OfficerState):
    """State of /admin/events/<id>."""

    changes_topics: ClassVar[tuple[str, ...]] = ("events",)
    live_topics: ClassVar[tuple[str, ...]] = ("events", "signups")

    event_id: int = 0
    title: str = ""
    rows: list[att.ChecklistRow] = []

    async def _reload(self) -> None:
        screen = await run_in_session(att.event_checklist, event_id=self.event_id)
        event = screen.event
        self.title = f"{event.title} · {event.start:%a %d %b %Y %H:%M} UTC"
        self.rows = screen.rows

    @rx.event
    @officer_only
    async def load(self):
        self.event_id = _event_id_from_path(self.router.url.path)
        await self._reload()

    async def _save(self, player_id, **change):
        await run_in_session(
            att.set_attendance,
            event_id=self.event_id,
            player_id=record_id(player_id, "player"),
            **change,
        )
        self._changed()
        await self._reload()

    @rx.event
    @officer_only
    async def set_attended(self, player_id: int, value: bool):
        await self._save(player_id, attended=flag(value, "Attended"))

    @rx.event
    @officer_only
    async def set_excused(self, player_id: int, value: bool):
        await self._save(player_id, excused=flag(value, "Excused"))

    @rx.event
    @officer_only
    async def set_character(self, player_id: int, character_id: str):
        await self._save(player_id, character_id=optional_id(character_id, "character") or 0)

    @rx.event
    @officer_only
    async def all_signed_up_attended(self):
        count = await run_in_session(att.mark_signed_up_attended, event_id=self.event_id)
        self._changed()
        await self._reload()
        return rx.toast.success(f"{count} signed-up players marked as attended.")


@dataclass
class ReportRow:
    player_id: int
    name: str
    rank: str
    rank_level: int
    expected: int
    attended: int
    excused: int
    missed: int
    percent: float
    percent_text: str


SORTS = {
    "name": lambda r: r.name.casefold(),
    "percent": lambda r: r.percent,
    "attended": lambda r: r.attended,
    "missed": lambda r: r.missed,
    "rank": lambda r: r.rank_level,
}


class AttendanceReportState(OfficerState):
    """State of /admin/attendance."""

    changes_topics: ClassVar[tuple[str, ...]] = ()
    live_topics: ClassVar[tuple[str, ...]] = ("events", "signups")

    seasons: list[list[str]] = []
    season_id: str = ""
    min_rank: str = "0"
    rows: list[ReportRow] = []
    weekdays: list[dict[str, str]] = []
    chart: list[dict[str, int | str]] = []
    sort_by: str = "percent"
    descending: bool = True

    async def _reload(self) -> None:
        view = await run_in_session(
            attendance_overview,
            season_id=int(self.season_id) if self.season_id else None,
            now=datetime.now(UTC),
            min_rank=int(self.min_rank),
        )
        self.seasons = [[str(s.id), s.name] for s in view.seasons]
        self.season_id = "" if view.season_id is None else str(view.season_id)
        report = view.report
        if report is None:
            self.rows, self.weekdays, self.chart = [], [], []
            return
        self.rows = [
            ReportRow(
                p.player_id,
                p.display_name,
                p.rank_name,
                p.rank_level,
                p.expected,
                p.attended,
                p.excused,
                p.missed,
                -1.0 if p.percent is None else p.percent,
                "—" if p.percent is None else f"{p.percent:.1f} %",
            )
            for p in report.players
        ]
        self.weekdays = [
            {
                "day": w.weekday,
                "events": str(w.events),
                "percent": "—" if w.percent is None else f"{w.percent:.1f} %",
            }
            for w in report.weekdays
        ]
        self.chart = [
            {"event": e.label, "attended": e.attended, "signed up": e.signed_up}
            for e in report.events
        ]
        self._sort()

    def _sort(self) -> None:
        self.rows = sorted(self.rows, key=SORTS[self.sort_by], reverse=self.descending)

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()

    @rx.event
    @officer_only
    async def choose_season(self, season_id: str):
        if season_id not in {s[0] for s in self.seasons}:
            raise InvalidInput("Unknown season.")
        self.season_id = season_id
        await self._reload()

    @rx.event
    @officer_only
    async def choose_min_rank(self, level: str):
        if level not in {"0", "1", "2", "3", "4", "5"}:
            raise InvalidInput("Unknown rank level.")
        self.min_rank = level
        await self._reload()

    @rx.event
    @officer_only
    async def sort(self, key: str):
        if key not in SORTS:
            raise InvalidInput("Unknown column.")
        self.descending = not self.descending if key == self.sort_by else key != "name"
        self.sort_by = key
        self._sort()

    @rx.event
    @officer_only
    async def download_csv(self):
        if not self.season_id:
            raise InvalidInput("No season to export.")
        report = await run_in_session(
            season_report,
            season_id=int(self.season_id),
            now=datetime.now(UTC),
            min_rank=int(self.min_rank),
        )
        return rx.download(
            data=report_csv(report), filename=f"attendance-season-{self.season_id}.csv"
        )
