"""Officer tools on the scheduling view: who is behind a cell, and the raid-night finder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from urllib.parse import urlencode

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.errors import InvalidInput
from patt_app.services.raids.finder_clashes import night_clashes
from patt_app.services.scheduling import schedule_view as view
from patt_app.services.scheduling.heatmap import week_grid
from patt_app.services.scheduling.raid_night_finder import FinderRequest, Suggestion
from patt_app.services.scheduling.schedule_time import zone as zone_info
from patt_app.states.form_values import record_id, time_value, whole_number
from patt_app.states.heatmap_rows import SKIPPED, local_text
from patt_app.states.officer import OfficerState, officer_only
from patt_app.states.schedule import ScheduleState

RANK_ORDER = {"Guild Leader": 0, "Officer": 1, "Veteran": 2, "Member": 3, "Initiate": 4}


@dataclass
class SuggestionRow:
    index: int
    when: str
    weighted: int
    count: int
    roles: str
    warnings: list[str]
    names: str
    start_iso: str
    end_iso: str
    create_link: str  # /admin/events prefilled, in the officer's own zone
    studio_link: str  # /admin/raid-times with this night as a weekly candidate
    booked: str  # "" or the raid already planned that night


def finder_request(form: dict) -> FinderRequest:
    """The finder form, checked: a clear message for anything out of range."""
    duration = whole_number(form.get("duration"), "Raid length (minutes)", low=60, high=480)
    if duration % 15:
        raise InvalidInput("Raid length must be a multiple of 15 minutes.")
    return FinderRequest(
        duration_minutes=duration,
        tanks=whole_number(form.get("tanks"), "Tanks", low=0, high=10),
        healers=whole_number(form.get("healers"), "Healers", low=0, high=15),
        dps=whole_number(form.get("dps"), "DPS", low=0, high=30),
        nights=whole_number(form.get("nights"), "Nights", low=1, high=7),
        earliest=time_value(form.get("earliest"), "Earliest start"),
        latest=time_value(form.get("latest"), "Latest start"),
    )


def _event_link(start: datetime, end: datetime) -> str:
    """The new-event form, filled in from a suggestion."""
    query = urlencode(
        {
            "title": "Raid night",
            "event_date": start.date().isoformat(),
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }
    )
    return f"/admin/events?{query}"


def _studio_link(start: datetime, length: timedelta, home: tzinfo) -> str:
    """The raid-time studio with this night, weekly, as a candidate in the officer's zone."""
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[start.weekday()]
    spec = f"{day}@{start:%H:%M}/{home}/{int(length.total_seconds() // 60)}"
    return f"/admin/raid-times?{urlencode({'candidate': spec})}"


def _suggestion_row(
    n: int, s: Suggestion, people: dict, zone: str, home: tzinfo, booked: str
) -> SuggestionRow:
    """One suggestion as shown: times in the officer's zone, the event form in their own."""
    return SuggestionRow(
        index=n,
        when=f"{local_text(s.start, zone)}–{s.end.astimezone(zone_info(zone)):%H:%M}",
        weighted=s.weighted,
        count=s.count,
        roles=f"{s.roles['tank']} tanks · {s.roles['healer']} healers · "
        f"{s.roles['melee'] + s.roles['ranged']} DPS",
        warnings=s.warnings,
        names=", ".join(
            sorted((people[i].name for i in s.player_ids if i in people), key=str.casefold)
        ),
        start_iso=s.start.isoformat(),
        end_iso=s.end.isoformat(),
        create_link=_event_link(s.start.astimezone(home), s.end.astimezone(home)),
        studio_link=_studio_link(s.start.astimezone(home), s.end - s.start, home),
        booked=booked,
    )


class AdminScheduleState(OfficerState):
    """Cell details with names, and raid-night suggestions."""

    cell_title: str = ""
    cell_people: list[view.Person] = []
    suggestions: list[SuggestionRow] = []
    searched: bool = False
    people_options: list[list[str]] = []  # [id, name] of active players, for "always count"
    skipped_zones: list[list[str]] = []  # [name, stored zone]: left out, zone not IANA

    def _show_skipped(self, snapshot: view.ScheduleSnapshot) -> None:
        self.skipped_zones = [[s.display_name, s.timezone] for s in snapshot.skipped]

    last_need: list[int] = []  # the finder's last [tanks, healers, DPS]: the outlook's default

    @rx.event
    @officer_only
    async def load(self):
        snapshot = await run_in_session(view.schedule_snapshot)
        self.people_options = sorted(
            ([str(p.id), p.name] for p in snapshot.people.values()),
            key=lambda o: o[1].casefold(),
        )
        self._show_skipped(snapshot)

    @rx.event
    @officer_only
    async def select_cell(self, key: int | str):
        schedule = await self.get_state(ScheduleState)
        if str(key) in ("", str(SKIPPED)) or not schedule.loaded:
            return  # a cell the clock change skipped
        snapshot = await run_in_session(view.schedule_snapshot)
        self._show_skipped(snapshot)
        heatmap = view.compute(
            snapshot.schedules,
            date.fromisoformat(schedule.week_start),
            schedule.viewer_zone,
            schedule.slot_minutes,
            schedule.filters(),
        )
        slot = whole_number(key, "Cell", low=0, high=10_000)
        if not 0 <= slot < len(heatmap.grid.starts):
            raise InvalidInput("That cell is not in this week.")
        people = snapshot.people
        ids = heatmap.players_at(slot)
        self.cell_people = sorted(
            (people[i] for i in ids if i in people),
            key=lambda p: (RANK_ORDER.get(p.rank, 9), p.name.casefold()),
        )
        when = local_text(heatmap.grid.starts[slot], schedule.viewer_zone)
        self.cell_title = (
            f"{when} · {heatmap.count[slot]} available · score {heatmap.weighted[slot]}"
        )

    @rx.event
    @officer_only
    async def find_nights(self, form_data: dict):
        request = finder_request(form_data)
        self.last_need = [request.tanks, request.healers, request.dps]
        schedule = await self.get_state(ScheduleState)
        snapshot = await run_in_session(view.schedule_snapshot, player_id=self.actor.player_id)
        self._show_skipped(snapshot)
        _, found = view.suggest(
            snapshot.schedules,
            date.fromisoformat(schedule.week_start),
            schedule.viewer_zone,
            request,
            schedule.filters(),
            not_before=datetime.now(UTC),  # nights already past are not proposed
        )
        clashes = await run_in_session(
            night_clashes,
            windows=[(s.start, s.end) for s in found],
            timezone=schedule.viewer_zone,
        )
        home = zone_info(snapshot.home_zone or schedule.viewer_zone)
        self.suggestions = [
            _suggestion_row(n, s, snapshot.people, schedule.viewer_zone, home, clash)
            for n, (s, clash) in enumerate(zip(found, clashes, strict=True))
        ]
        self.searched = True
        schedule.highlight = []

    @rx.event
    @officer_only
    async def show_suggestion(self, index: int):
        """Highlight a suggestion's cells on the heatmap."""
        schedule = await self.get_state(ScheduleState)
        wanted = whole_number(index, "Suggestion", low=0, high=1_000)
        chosen = next((s for s in self.suggestions if s.index == wanted), None)
        if chosen is None:
            raise InvalidInput("That suggestion is gone; search again.")
        grid = week_grid(
            date.fromisoformat(schedule.week_start), schedule.viewer_zone, schedule.slot_minutes
        )
        start, end = (
            datetime.fromisoformat(chosen.start_iso),
            datetime.fromisoformat(chosen.end_iso),
        )
        schedule.highlight = [
            i for i, s in enumerate(grid.starts) if start <= s and grid.ends[i] <= end
        ]
        await schedule._redraw()

    @rx.event
    @officer_only
    async def exclude_player(self, player_id: int, name: str):
        """Leave someone out of the heatmap and the finder (e.g. benched, or an alt account)."""
        schedule = await self.get_state(ScheduleState)
        player_id = record_id(player_id, "player")
        if str(player_id) not in {pid for pid, _ in schedule.excluded}:
            schedule.excluded = [*schedule.excluded, [str(player_id), str(name)[:64]]]
        self.cell_people = [p for p in self.cell_people if p.id != player_id]
        await schedule._redraw()

    @rx.event
    @officer_only
    async def include_player(self, player_id: str):
        schedule = await self.get_state(ScheduleState)
        schedule.excluded = [e for e in schedule.excluded if e[0] != str(player_id)]
        await schedule._redraw()

    @rx.event
    @officer_only
    async def always_count(self, player_id: str):
        """Count someone whatever the rank and role filters say (e.g. an Initiate tank)."""
        schedule = await self.get_state(ScheduleState)
        name = next((n for pid, n in self.people_options if pid == player_id), None)
        if name is None:
            raise InvalidInput("Pick an active player.")
        if player_id not in {pid for pid, _ in schedule.included}:
            schedule.included = [*schedule.included, [player_id, name]]
        await schedule._redraw()

    @rx.event
    @officer_only
    async def stop_counting(self, player_id: str):
        schedule = await self.get_state(ScheduleState)
        schedule.included = [e for e in schedule.included if e[0] != str(player_id)]
        await schedule._redraw()
