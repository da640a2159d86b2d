"""A heatmap patched after a few players changed is the full computation's, cell for cell and
span for span, whatever the filters; and the slots it says were touched hold every change."""

from __future__ import annotations

from datetime import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patt_app.services.scheduling.heatmap import Filters, week_grid
from patt_app.services.scheduling.heatmap_patch import patched_heatmap
from patt_app.services.scheduling.heatmap_vectorised import (
    heatmap_from_runs,
    patched_runs,
    week_runs,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow
from tests.unit.test_heatmap_vectorised import WEEKS, ZONES, guild_after, players

filters = st.builds(
    Filters,
    min_rank=st.integers(0, 4),
    roles=st.sets(st.sampled_from(("tank", "healer", "melee", "ranged")), max_size=2).map(
        frozenset
    ),
    include=st.sets(st.integers(1, 10_000), max_size=2).map(frozenset),
    exclude=st.sets(st.integers(1, 10_000), max_size=2).map(frozenset),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    guild=players,
    changes=players,
    week=st.sampled_from(WEEKS),
    viewer=st.sampled_from(ZONES),
    slot=st.sampled_from((15, 30, 60)),
    chosen=filters,
)
def test_a_patched_heatmap_is_the_full_computations(guild, changes, week, viewer, slot, chosen):
    """Players changed (windows, rank, role, weight), added, cleared or gone."""
    grid = week_grid(week, viewer, slot)
    before = week_runs(guild, grid)
    changed, after = guild_after(guild, changes)
    runs = patched_runs(before, after, changed)
    old = heatmap_from_runs(before, chosen)
    got, touched = patched_heatmap(old, before, runs, changed, chosen)
    full = heatmap_from_runs(week_runs(after, grid), chosen)
    assert (got.count, got.weighted, got.roles) == (full.count, full.weighted, full.roles)
    assert got.spans == full.spans
    columns = [(old.count, full.count), (old.weighted, full.weighted)]
    columns += [(old.roles[r], full.roles[r]) for r in full.roles]
    differing = {i for a, b in columns for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y}
    assert differing <= touched


def test_one_players_new_evening_moves_only_their_cells():
    """Nyla's Tuesday evening moves an hour later: her old first hour is free again, the new
    last hour counts her, and Zed's Wednesday is neither touched nor changed."""
    nyla = PlayerSchedule(1, "America/New_York", 3, 3, "tank", (WeeklyWindow(1, time(20), 2.0),))
    zed = PlayerSchedule(2, "Europe/Berlin", 1, 2, "healer", (WeeklyWindow(2, time(20), 2.0),))
    later = PlayerSchedule(1, "America/New_York", 3, 3, "tank", (WeeklyWindow(1, time(21), 2.0),))
    grid = week_grid(WEEKS[0], "America/New_York", 60)
    before = week_runs([nyla, zed], grid)
    runs = patched_runs(before, [later, zed], {1})
    old = heatmap_from_runs(before)
    got, touched = patched_heatmap(old, before, runs, {1}, Filters())
    tuesday = grid.day_starts[1]
    assert (old.weighted[tuesday + 20], got.weighted[tuesday + 20]) == (3, 0)
    assert (old.roles["tank"][tuesday + 22], got.roles["tank"][tuesday + 22]) == (0, 1)
    assert touched == {tuesday + h for h in (20, 21, 22)}
    berlin_evening = grid.day_starts[2] + 14  # 20:00 in Berlin is 14:00 in New York
    assert got.count[berlin_evening] == old.count[berlin_evening] == 1
