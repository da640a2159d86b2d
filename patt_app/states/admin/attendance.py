"""Officer attendance: one event's checklist, and the season report (with CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.jobs.warcraftlogs_import import queue_import_now
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.raids import attendance as att
from patt_app.services.raids import evidence_review as review
from patt_app.services.raids.attendance_csv import report_csv
from patt_app.services.raids.attendance_report import attendance_overview, season_report
from patt_app.services.raids.voice_stays import set_event_voice_channel
from patt_app.services.scheduling.availability import player_timezone
from patt_app.settings import get_settings
from patt_app.states.admin.attendance_appeals import AdminAttendanceAppealsState
from patt_app.states.channel_choices import channel_choices
from patt_app.states.form_values import flag, optional_id, record_id
from patt_app.states.officer import LoadsScreen, OfficerState, officer_only
from patt_app.states.toasts import toast


def _event_id_from_path(path: str) -> int:
    tail = path.rstrip("/").rsplit("/", 1)[-1]
    if not tail.isdigit():
        raise NotFound("That event does not exist.")
    return int(tail)


class AdminRaidAttendanceState(OfficerState):
    """State of /admin/events/<id>."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS,)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS, Topic.SIGNUPS)

    event_id: int = 0
    title: str = ""
    start_iso: str = ""  # shown in the officer's zone by the browser
    viewer_zone: str = "UTC"
    rows: list[review.ReviewRow] = []
    logs_configured: bool = False
    import_status: str = ""  # "" never imported; queued, running, imported, refused, …
    import_message: str = ""
    imported_iso: str = ""
    has_evidence: bool = False
    total_fights: int = 0
    suggestions: int = 0
    unknown: list[review.UnknownName] = []
    voice_listened: bool = False  # the bot heard someone in this raid's voice channel
    discord_configured: bool = False  # a bot is set up: the voice panel shows
    voice_channel: str = ""  # the channel's name (or id) the bot listens to; "" none
    voice_own_channel: str = ""  # this raid's own channel id ("": the guild's default)
    voice_options: list[list[str]] = []  # [id, name] of the server's voice channels

    async def _reload(self) -> None:
        screen = await run_in_session(review.event_review, event_id=self.event_id)
        event = screen.event
        self.title = event.title
        self.start_iso = event.start.isoformat()
        self.rows = screen.rows
        self.logs_configured = get_settings().warcraftlogs_enabled
        evidence = screen.evidence
        self.import_status = evidence.import_status
        self.import_message = evidence.import_message
        self.imported_iso = evidence.imported_at.isoformat() if evidence.imported_at else ""
        self.has_evidence = evidence.has_evidence
        self.total_fights = evidence.total_fights
        self.suggestions = sum(1 for r in screen.rows if r.suggestion)
        self.unknown = evidence.unknown
        self.voice_listened = evidence.voice_listened
        self.discord_configured = get_settings().discord_enabled
        self.voice_channel = evidence.voice_channel_name
        self.voice_own_channel = evidence.voice_channel_id if evidence.voice_own_channel else ""
        self.voice_options = [
            [i, n.removeprefix("#")]
            for i, n in channel_choices(
                ({"id": k, "name": v} for k, v in evidence.voice_channels.items()),
                self.voice_own_channel,
            )
        ]

    @rx.event
    @officer_only
    async def load(self):
        self.event_id = _event_id_from_path(self.router.url.path)
        if self.actor.player_id is not None:
            self.viewer_zone = await run_in_session(player_timezone, player_id=self.actor.player_id)
        await self._reload()
        return AdminAttendanceAppealsState.load(self.event_id)  # the raid's open appeals

    async def _save(self, player_id, **change):
        await run_in_session(
            review.set_by_hand,
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
        return await self._confirm(f"{count} signed-up players marked as attended.")

    @rx.event
    @officer_only
    async def import_now(self):
        await run_in_session(
            queue_import_now,
            event_id=self.event_id,
            now=datetime.now(UTC),
            requested_by=self.actor.display_name,
        )
        notify(Topic.EVENTS, Topic.JOBS)
        await self._reload()
        return toast("Warcraft Logs import starts within a few seconds.")

    @rx.event
    @officer_only
    async def save_voice_channel(self, form_data: dict):
        channel = str(form_data.get("voice_channel_id", ""))
        return await self._apply(
            set_event_voice_channel,
            "This raid's voice channel saved.",
            event_id=self.event_id,
            channel_id=channel,
        )

    @rx.event
    @officer_only
    async def accept_all(self):
        count = await run_in_session(
            review.accept_all,
            event_id=self.event_id,
            recorded_by=self.actor.display_name,
            now=datetime.now(UTC),
        )
        return await self._confirm(f"{count} suggestions recorded; each can still be changed.")


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
    late: int = 0
    left_early: int = 0


SORTS = {
    "name": lambda r: r.name.casefold(),
    "percent": lambda r: r.percent,
    "attended": lambda r: r.attended,
    "missed": lambda r: r.missed,
    "rank": lambda r: r.rank_level,
}


class AdminAttendanceReportState(LoadsScreen, OfficerState):
    """State of /admin/attendance."""

    changes_topics: ClassVar[tuple[str, ...]] = ()
    live_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS, Topic.SIGNUPS)

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
                p.late,
                p.left_early,
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
