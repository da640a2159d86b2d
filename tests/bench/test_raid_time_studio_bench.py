"""The raid-time studio for a 1,000-player guild: four candidates compared over eight weeks,
the studio's way (the forecast once per weekday and per set of players free) against the same
computation done raid by raid (the forecast and `covers` asked for every raid). The guild is
built in memory as the studio reads it (eight weeks of held Tuesday and Thursday raids with
attendance, everyone's weekly windows); the database read is not timed. Prints both numbers;
asserts that both give the same answer and that the studio takes under a second.

Run with `make bench`.
"""

from __future__ import annotations

import random
import time as clock
from datetime import UTC, datetime, timedelta

from patt_app.models import RaidAttendance, RaidEvent
from patt_app.services.raids.forecast_view import SeasonData
from patt_app.services.raids.raid_time_candidates import parse_candidates
from patt_app.services.raids.raid_time_compare import StudioPlayer
from patt_app.services.raids.raid_time_studio import (
    StudioInputs,
    compare_loaded,
    compare_raid_by_raid,
)
from patt_app.services.scheduling.schedule_time import local_to_utc
from tests.bench.test_scheduling_bench import _guild

NOW = datetime(2027, 2, 24, 18, tzinfo=UTC)  # the span crosses the US and EU clock changes
CANDIDATES = [
    "tue,thu@21:00/America/New_York/180",
    "wed,sun@20:00/America/Chicago/180",
    "mon,wed,fri@19:30/Europe/London/150",
    "sat@18:00/America/Los_Angeles/240",
]


def _inputs(size: int = 1000) -> StudioInputs:
    rng = random.Random(11)
    schedules = _guild(size)
    joined = NOW - timedelta(days=200)
    players = [(s.player_id, f"Player {s.player_id:04d}", s.role, joined) for s in schedules]
    events, rows = [], {}
    day = NOW.date() - timedelta(weeks=8)
    while day < NOW.date():
        if day.weekday() in (1, 3):
            start = local_to_utc("America/New_York", day, datetime.min.time().replace(hour=21))
            event = RaidEvent(
                id=len(events) + 1,
                season_id=1,
                title="Raid",
                event_date=day,
                start_time_utc=start,
                end_time_utc=start + timedelta(hours=3),
            )
            events.append(event)
            for pid, *_ in players:
                if rng.random() < 0.5:
                    signed = rng.random() < 0.8
                    rows[(event.id, pid)] = RaidAttendance(
                        event_id=event.id,
                        player_id=pid,
                        signed_up=signed,
                        attended=rng.random() < (0.85 if signed else 0.3),
                    )
        day += timedelta(days=1)
    data = SeasonData(
        events=events, rows=rows, players=players, schedules={s.player_id: s for s in schedules}
    )
    studio_players = [
        StudioPlayer(pid, name, role, data.schedules[pid]) for pid, name, role, _ in players
    ]
    current = [
        (e.start_time_utc + timedelta(weeks=9), e.end_time_utc + timedelta(weeks=9)) for e in events
    ]
    monday = NOW.date() + timedelta(days=7 - NOW.weekday())
    return StudioInputs(data, studio_players, 1, current, monday)


def _timed(fn) -> tuple[float, object]:
    started = clock.perf_counter()
    result = fn()
    return clock.perf_counter() - started, result


def test_the_studio_compares_four_candidates_for_1000_players_in_under_a_second():
    inputs = _inputs()
    candidates = parse_candidates(CANDIDATES)
    fast_s, fast = _timed(lambda: compare_loaded(inputs, candidates))
    again_s, _ = _timed(lambda: compare_loaded(inputs, candidates))
    slow_s, slow = _timed(lambda: compare_raid_by_raid(inputs, candidates))
    raids = sum(w.nights for c in fast for w in c.weeks)
    print(
        f"\nraid-time studio, 1,000 players, {len(candidates)} candidates, {raids} raids over "
        f"8 weeks: studio {fast_s * 1000:.0f} ms (again {again_s * 1000:.0f} ms), raid by raid "
        f"{slow_s * 1000:.0f} ms ({slow_s / fast_s:.1f}× slower)"
    )
    for c in fast:
        print(
            f"  {c.candidate.label}: weakest nights "
            f"{min(w.night.expected for w in c.weeks):.1f}–{max(w.night.expected for w in c.weeks):.1f}, "
            f"gains {len(c.gains)}, losses {len(c.losses)}, {len(c.dst)} clock-change notes"
        )
    assert fast == slow
    assert fast_s < 1.0
