"""The raid-night outlook on /admin/events: each upcoming event's turnout forecast against the
composition the officer needs, who to nudge, and the daylight-saving warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.bot_status import read_status
from patt_app.services.guild_discord.raid_nudges import nudge_free_players
from patt_app.services.guild_discord.raid_signups import change_seats
from patt_app.services.guild_discord.role_ask_dms import ask_by_dm
from patt_app.services.raids import bench_view
from patt_app.services.raids.bench_view import EventBench
from patt_app.services.raids.outlook_view import EventOutlook, raid_outlook
from patt_app.services.raids.role_gaps import copy_text
from patt_app.services.raids.turnout_forecast import Composition
from patt_app.services.scheduling.availability import player_timezone
from patt_app.settings import get_settings
from patt_app.states.admin.schedule import AdminScheduleState
from patt_app.states.form_values import record_id, whole_number
from patt_app.states.moments import instant
from patt_app.states.officer import OfficerState, officer_only
from patt_app.states.toasts import toast


@dataclass
class OutlookRow:
    event_id: int
    title: str
    when: str  # the raid's start, shown in the officer's zone and clock style
    signed_up: int
    expected: str  # "27.2"
    low: int
    high: int
    roles: str  # "2.7 tanks · 4.4 healers · 9.0 melee · 10.7 ranged"
    needs: list[str]
    free_names: list[str]
    free_count: int
    copy_text: str  # the nudge message followed by the names, to paste into Discord
    raid_size: str  # "" when the event has no seat limit
    over: int  # sign-ups beyond the raid size
    benched: list[list[str]]  # [player id, name]
    proposal: list[str]  # names the fair bench would sit out
    proposal_applied: bool  # the benched players are exactly the proposal
    bench_choices: list[list[str]]  # signed-up, not benched: [player id, name]
    bench_warnings: list[str]
    waitlist: str = ""  # "Dan, Eve": sign-ups beyond the seats, first to get one that opens
    gap_rows: list[list[str]] = field(default_factory=list)  # [gap, whom to ask]
    gap_copy: str = ""  # the questions to paste into Discord
    can_ask: bool = False  # the proposal has someone to ask
    asked: str = ""  # "Rita — Holy (waiting), Rosa — Holy (yes)"


def _bench_fields(bench: EventBench) -> dict:
    proposal = bench.proposal.benched if bench.proposal else []
    names = {c.player_id: c.name for c in bench.signed_up}
    return {
        "raid_size": str(bench.raid_size or ""),
        "over": max(0, len(bench.signed_up) - bench.raid_size) if bench.raid_size else 0,
        "benched": [
            [str(pid), names[pid]]
            for pid in sorted(bench.benched_ids, key=lambda pid: names.get(pid, ""))
        ],
        "proposal": [c.name for c in proposal],
        "proposal_applied": {c.player_id for c in proposal} == bench.benched_ids,
        "bench_choices": [
            [str(c.player_id), c.name]
            for c in bench.signed_up
            if c.player_id not in bench.benched_ids
        ],
        "bench_warnings": bench.proposal.warnings if bench.proposal else [],
        "waitlist": ", ".join(bench.waiting),
    }


GAP_HEADINGS = {"tank": "Tanks", "healer": "Healers", "dps": "DPS"}


def _gap_fields(o: EventOutlook) -> dict:
    """The role gaps of one raid as the outlook shows them."""
    rows = []
    for fill in o.gaps.fills:
        headline = f"{GAP_HEADINGS[fill.gap]}: likely {round(fill.have)}, need {fill.need}"
        asks = ", ".join(
            f"{a.name} ({a.spec}{' on ' + a.character if a.character else ''}, "
            f"{round(a.chance * 100)} %)"
            for a in fill.asks
        )
        if asks:
            rows.append([headline, "ask " + asks])
        elif fill.waiting:
            rows.append([headline, f"{fill.waiting} asked, waiting for their answers"])
        else:
            rows.append([headline, "nobody free or signed up brings it as an off-spec"])
    start = int(o.event.start.timestamp())
    return {
        "gap_rows": rows,
        "gap_copy": "\n\n".join(
            copy_text(f, start_unix=start, title=o.event.title) for f in o.gaps.fills if f.asks
        ),
        "can_ask": any(f.asks for f in o.gaps.fills),
        "asked": ", ".join(f"{a.name} — {a.spec} ({a.answer})" for a in o.gaps.asks),
    }


def _roles(by_role: dict[str, float]) -> str:
    return (
        f"{by_role['tank']:.1f} tanks · {by_role['healer']:.1f} healers · "
        f"{by_role['melee']:.1f} melee · {by_role['ranged']:.1f} ranged"
    )


class AdminRaidOutlookState(OfficerState):
    """State of the outlook section of /admin/events (redrawn when events or availability
    change)."""

    live_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS, Topic.SCHEDULE)
    changes_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS,)

    rows: list[OutlookRow] = []
    viewer_zone: str = "UTC"
    dst_warnings: list[str] = []
    need_tanks: int = 2
    need_healers: int = 4
    need_dps: int = 10
    composition_chosen: bool = False  # set here; else the finder's last composition is used
    discord_ready: bool = False  # the bot is connected: nudges can go by DM
    loaded: bool = False

    async def _reload(self) -> None:
        now = datetime.now(UTC)
        home = await run_in_session(player_timezone, player_id=self.actor.player_id)
        view = await run_in_session(
            raid_outlook,
            now=now,
            base_url=get_settings().public_base_url,
            need=self._need(),
        )
        self.viewer_zone = home
        self.rows = [
            OutlookRow(
                event_id=o.event.id,
                title=o.event.title,
                when=instant(o.event.start),
                signed_up=o.event.signed_up_count,
                expected=f"{o.forecast.expected:.1f}",
                low=o.forecast.low,
                high=o.forecast.high,
                roles=_roles(o.forecast.by_role),
                needs=o.forecast.needs,
                free_names=[p.name for p in o.forecast.free_not_signed_up],
                free_count=len(o.forecast.free_not_signed_up),
                copy_text=o.nudge
                + "\n\n"
                + ", ".join(p.name for p in o.forecast.free_not_signed_up),
                **_bench_fields(o.bench),
                **_gap_fields(o),
            )
            for o in view.events
        ]
        self.dst_warnings = view.dst_warnings
        self.discord_ready = await self._bot_connected(now)
        self.loaded = True

    async def _bot_connected(self, now: datetime) -> bool:
        configured = get_settings().discord_enabled
        status = await run_in_session(read_status, configured=configured, now=now)
        return status.connected

    @rx.event
    @officer_only
    async def load(self):
        finder = await self.get_state(AdminScheduleState)
        if finder.last_need and not self.composition_chosen:
            self.need_tanks, self.need_healers, self.need_dps = finder.last_need
        await self._reload()

    @rx.event
    @officer_only
    async def set_composition(self, form_data: dict):
        tanks = whole_number(form_data.get("tanks"), "Tanks", low=0, high=10)
        healers = whole_number(form_data.get("healers"), "Healers", low=0, high=15)
        dps = whole_number(form_data.get("dps"), "DPS", low=0, high=30)
        self.need_tanks, self.need_healers, self.need_dps = tanks, healers, dps
        self.composition_chosen = True
        await self._reload()
        return toast(f"Forecast against {tanks} tanks, {healers} healers, {dps} DPS.")

    @rx.event
    @officer_only
    async def nudge_by_dm(self, event_id: int):
        """DM the players free for the raid who have not answered (each once per raid)."""
        now = datetime.now(UTC)
        if not await self._bot_connected(now):
            return toast("The Discord bot is not connected — copy the message instead.", "warning")
        outcome = await run_in_session(
            nudge_free_players,
            event_id=record_id(event_id, "event"),
            now=now,
            base_url=get_settings().public_base_url,
        )
        notify(Topic.DISCORD)
        return toast(outcome.summary())

    @rx.event
    @officer_only
    async def ask_for_roles(self, event_id: int):
        """Ask the proposed players by DM to bring the missing role (Yes / No buttons)."""
        outcome = await run_in_session(
            ask_by_dm,
            event_id=record_id(event_id, "event"),
            now=datetime.now(UTC),
            need=self._need(),
        )
        notify(Topic.DISCORD, Topic.EVENTS)
        await self._reload()
        if not self.discord_ready:
            return toast(
                outcome.summary() + " The bot is offline: the DMs go out when it connects "
                "(before the raid) — or copy the questions.",
                "warning",
            )
        return toast(outcome.summary())

    def _need(self) -> Composition:
        return Composition(self.need_tanks, self.need_healers, self.need_dps)

    @rx.event
    @officer_only
    async def set_raid_size(self, form_data: dict):
        size = whole_number(form_data.get("raid_size"), "Raid size", low=1, high=40, optional=True)
        return await self._apply(
            change_seats,
            f"Raid size set to {size}." if size else "Raid size cleared; nobody is benched.",
            event_id=record_id(form_data.get("event_id")),
            raid_size=size,
            now=datetime.now(UTC),
        )

    @rx.event
    @officer_only
    async def apply_bench(self, event_id: int):
        return await self._apply(
            bench_view.apply_proposal,
            "Bench proposal applied.",
            event_id=record_id(event_id),
            need=self._need(),
        )

    @rx.event
    @officer_only
    async def bench_player(self, form_data: dict):
        player = str(form_data.get("player_id", "")).strip()
        if not player.isdigit():
            raise InvalidInput("Pick a signed-up player to bench.")
        return await self._apply(
            bench_view.set_benched,
            "Player benched.",
            event_id=record_id(form_data.get("event_id")),
            player_id=record_id(player),
            benched=True,
        )

    @rx.event
    @officer_only
    async def unbench(self, event_id: int, player_id: str):
        return await self._apply(
            bench_view.set_benched,
            "Player back in the raid.",
            event_id=record_id(event_id),
            player_id=record_id(player_id),
            benched=False,
        )
