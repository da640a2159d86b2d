"""A week's heatmap after a few players changed, worked out from the heatmap before: the
changed players' runs are taken away and added back, everyone else's numbers are kept. Pure.

On raid night every member's save redraws the officers' heatmaps; the save changes one
player's runs (`heatmap_vectorised.patched_runs`), and so a few dozen cells, not the week.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import numpy as np

from patt_app.services.scheduling.heatmap import ROLES, Filters, Heatmap, Span
from patt_app.services.scheduling.heatmap_vectorised import WeekRuns


def _player_runs(week: WeekRuns, index: int) -> list[tuple[int, int]]:
    """The runs (first slot, one past the last) of `week.players[index]`, in time order
    (a week's runs are ordered by player, each player's by time)."""
    low, high = np.searchsorted(week.pidx, [index, index + 1])
    return list(zip(week.first[low:high].tolist(), week.stop[low:high].tolist(), strict=True))


def patched_heatmap(
    old: Heatmap, old_runs: WeekRuns, runs: WeekRuns, changed: AbstractSet[int], filters: Filters
) -> tuple[Heatmap, set[int]]:
    """`heatmap_from_runs(runs, filters)`, given `old` = `heatmap_from_runs(old_runs, filters)`
    of the same grid, where only the players whose ids are in `changed` differ between
    `old_runs` and `runs`. Also the slots their runs touch: the only ones that may differ."""
    weighted, count = list(old.weighted), list(old.count)
    roles = {role: list(cells) for role, cells in old.roles.items()}
    spans = [s for s in old.spans if s.player_id not in changed]
    touched: set[int] = set()
    for week, sign in ((old_runs, -1), (runs, 1)):
        for index, player in enumerate(week.players):
            if player.player_id not in changed:
                continue
            blocks = _player_runs(week, index)
            for first, stop in blocks:
                touched.update(range(first, stop))
            if not filters.admits(player):
                continue
            role = roles[player.role if player.role in ROLES else ROLES[-1]]
            for first, stop in blocks:
                for slot in range(first, stop):
                    weighted[slot] += sign * player.weight
                    count[slot] += sign
                    role[slot] += sign
            if sign > 0:
                spans.extend(Span(player.player_id, first, stop) for first, stop in blocks)
    order = {p.player_id: n for n, p in enumerate(runs.players)}
    spans.sort(key=lambda s: order[s.player_id])  # as a full computation lists them
    return Heatmap(runs.grid, weighted, count, roles, spans), touched
