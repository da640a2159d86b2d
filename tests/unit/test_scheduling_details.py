"""Details of the heatmap and the raid-night finder that a person would notice: which players a
suggestion lists, adjacent raids, one night per day, colours at their thresholds, odd roles."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from patt_app.services.scheduling.heatmap import (
    Filters,
    build_heatmap,
    day_colour,
    day_summary,
    week_grid,
)
from patt_app.services.scheduling.raid_night_finder import (
    FinderRequest,
    find_raid_nights,
    grid_minutes_for,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow, utc_intervals

MONDAY = date(2027, 1, 11)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(MONDAY + timedelta(days=day), time(hour, minute), tzinfo=UTC)


def player(pid, *windows, zone="UTC", weight=1, rank=2, role="melee", away=()):
    return PlayerSchedule(
        player_id=pid,
        timezone=zone,
        weight=weight,
        rank_level=rank,
        role=role,
        windows=tuple(WeeklyWindow(*w) for w in windows),
        away=away,
    )


def nights(people, **request):
    return find_raid_nights(people, week_grid(MONDAY, "UTC"), FinderRequest(**request))


# The finder ---------------------------------------------------------------------------------


def test_a_suggestion_lists_exactly_those_who_stay_the_whole_raid():
    people = [
        player(1, (0, time(20), 3)),  # exactly the raid
        player(2, (0, time(19), 5)),  # more than the raid
        player(3, (0, time(20), 2)),  # leaves an hour early
        player(4, (0, time(21), 2)),  # comes an hour late
        player(5, (1, time(20), 3)),  # another day
    ]
    [night] = nights(people, duration_minutes=180, nights=1, earliest=time(20), latest=time(20))
    assert (night.start, night.end) == (at(0, 20), at(0, 23))
    assert night.player_ids == [1, 2] and night.count == 2 and night.weighted == 2
    grid = week_grid(MONDAY, "UTC")
    assert (night.first_slot, night.slot_count) == (grid.starts.index(at(0, 20)), 6)


def test_one_player_is_enough_for_a_suggestion():
    [night] = nights([player(1, (2, time(20), 3))], duration_minutes=180, nights=1)
    assert night.start == at(2, 20) and night.count == 1


def test_back_to_back_raids_do_not_overlap_and_may_both_be_chosen():
    people = [player(i, (0, time(17), 6)) for i in range(3)]
    chosen = nights(people, duration_minutes=180, nights=2, per_day=2)
    assert sorted((n.start, n.end) for n in chosen) == [
        (at(0, 17), at(0, 20)),
        (at(0, 20), at(0, 23)),
    ]


def test_a_full_day_is_skipped_and_the_next_day_still_chosen():
    people = [player(i, (0, time(18), 4), weight=5) for i in range(3)]
    people += [player(10 + i, (1, time(20), 3)) for i in range(2)]
    chosen = nights(people, duration_minutes=120, nights=2, per_day=1)
    assert [n.start.date() for n in chosen] == [at(0, 0).date(), at(1, 0).date()]


def test_per_day_limits_each_day_separately():
    everyday = [player(i, *[(d, time(17), 6) for d in range(7)]) for i in range(2)]
    chosen = nights(everyday, duration_minutes=120, nights=7, per_day=1)
    assert sorted(n.start.weekday() for n in chosen) == list(range(7))
    twice = nights(everyday, duration_minutes=120, nights=3, per_day=2)
    assert [n.start.date() for n in twice].count(at(0, 0).date()) == 2


def test_a_raid_ending_exactly_at_the_end_of_the_week_is_possible():
    [night] = nights(
        [player(1, (6, time(21), 3))], duration_minutes=180, nights=1, latest=time(23, 30)
    )
    assert (night.start, night.end) == (at(6, 21), at(7, 0))


def test_an_empty_start_window_admits_only_that_minute():
    people = [player(1, (0, time(18), 6))]
    [night] = nights(people, duration_minutes=120, nights=1, earliest=time(20), latest=time(20))
    assert night.start == at(0, 20)


def test_warnings_count_melee_and_ranged_as_dps():
    people = [player(1, (0, time(20), 3), role="tank")]
    people += [player(10 + i, (0, time(20), 3), role="ranged") for i in range(2)]
    people += [player(20 + i, (0, time(20), 3), role="melee") for i in range(1)]
    [night] = nights(people, duration_minutes=180, nights=1, tanks=1, healers=1, dps=4)
    assert night.warnings == [
        "only 0 healers (need 1)",
        "only 3 DPS (need 4)",
        "only 4 players (need 6)",
    ]


def test_raid_lengths_and_grid_slots():
    assert [grid_minutes_for(m) for m in (15, 45, 60, 135, 180)] == [15, 15, 30, 15, 30]
    for bad in (0, -30, 20):
        with pytest.raises(ValueError, match="positive multiple of 15"):
            grid_minutes_for(bad)
    with pytest.raises(ValueError, match="multiple of the grid's slot"):
        nights([player(1, (0, time(20), 3))], duration_minutes=45)


# The heatmap --------------------------------------------------------------------------------


def test_slot_ends_follow_elapsed_time_even_on_a_dst_day():
    grid = week_grid(date(2027, 3, 8), "America/New_York")  # Sunday 14 March springs forward
    assert grid.ends == [s + timedelta(minutes=30) for s in grid.starts]
    assert grid.end == grid.ends[-1]


def test_players_at_a_slot_exclude_those_whose_window_ended_at_its_start():
    heat = build_heatmap([player(1, (0, time(20), 1))], week_grid(MONDAY, "UTC"))
    first = heat.grid.starts.index(at(0, 20))
    assert [heat.players_at(first + i) for i in range(3)] == [[1], [1], []]
    assert heat.players_by_slot()[first : first + 3] == [[1], [1], []]


def test_away_players_are_not_counted_in_the_heatmap():
    away = ((MONDAY, MONDAY),)
    heat = build_heatmap(
        [player(1, (0, time(20), 2), (1, time(20), 2), away=away)], week_grid(MONDAY, "UTC")
    )
    assert heat.count[heat.grid.starts.index(at(0, 20))] == 0
    assert heat.count[heat.grid.starts.index(at(1, 20))] == 1


def test_an_unknown_role_counts_as_unknown():
    people = [player(1, (0, time(20), 2), role="bard"), player(2, (0, time(20), 2), role="tank")]
    heat = build_heatmap(people, week_grid(MONDAY, "UTC"))
    slot = heat.grid.starts.index(at(0, 20))
    assert {r: v[slot] for r, v in heat.roles.items()} == {
        "tank": 1,
        "healer": 0,
        "melee": 0,
        "ranged": 0,
        "unknown": 1,
    }
    [monday, *_] = day_summary(heat, people, 2)
    assert monday.roles == {"tank": 1, "healer": 0, "melee": 0, "ranged": 0, "unknown": 1}


def test_day_colour_thresholds():
    assert [day_colour(p) for p in (100, 70, 69.9, 40, 39.9, 0)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
        "red",
    ]


def test_day_summary_dates_percent_to_one_decimal_and_an_empty_guild():
    people = [player(1, (2, time(20), 2)), player(2), player(3)]
    heat = build_heatmap(people, week_grid(MONDAY, "UTC"))
    days = day_summary(heat, people, 3)
    assert [d.day for d in days] == [MONDAY + timedelta(days=i) for i in range(7)]
    assert (days[2].count, days[2].percent, days[2].colour) == (1, 33.3, "red")
    assert [d.percent for d in day_summary(heat, people, 0)] == [0.0] * 7


def test_filters_by_role_and_rank_keep_included_players():
    people = [
        player(1, (0, time(20), 2), role="healer", rank=1),
        player(2, (0, time(20), 2), rank=4),
    ]
    heat = build_heatmap(people, week_grid(MONDAY, "UTC"), Filters(roles=frozenset({"healer"})))
    assert heat.players_at(heat.grid.starts.index(at(0, 20))) == [1]


# Weekly windows -----------------------------------------------------------------------------


def test_an_away_week_skips_only_its_own_dates():
    tuesdays = player(1, (1, time(20), 2), away=((MONDAY, MONDAY + timedelta(days=2)),))
    starts = [s for s, _ in utc_intervals(tuesdays, MONDAY, MONDAY + timedelta(days=13))]
    assert starts == [at(8, 20)]


def test_touching_windows_merge_into_one():
    touching = player(1, (0, time(18), 2), (0, time(20), 2))
    assert utc_intervals(touching, MONDAY, MONDAY) == [(at(0, 18), at(0, 22))]
    apart = player(1, (0, time(18), 1.5), (0, time(20), 2))
    assert len(utc_intervals(apart, MONDAY, MONDAY)) == 2


def test_the_heavier_later_raid_does_not_block_the_one_ending_as_it_starts():
    early = [player(i, (0, time(17), 6)) for i in range(3)]
    late = [player(10 + i, (0, time(20), 3), weight=9) for i in range(3)]
    chosen = nights(early + late, duration_minutes=180, nights=2, per_day=2)
    assert [(n.start, n.end) for n in chosen] == [(at(0, 20), at(0, 23)), (at(0, 17), at(0, 20))]


def test_players_by_slot_lists_nobody_before_a_window_starts():
    heat = build_heatmap([player(1, (0, time(20), 1))], week_grid(MONDAY, "UTC"))
    first = heat.grid.starts.index(at(0, 20))
    by_slot = heat.players_by_slot()
    assert by_slot[first - 1 : first + 3] == [[], [1], [1], []]
    assert sum(len(ids) for ids in by_slot) == 2


@pytest.mark.parametrize("start", [time(2, 10), time(2, 47), time(2, 59)])
def test_any_start_in_the_spring_forward_gap_moves_to_the_exact_end_of_the_gap(start):
    from patt_app.services.scheduling.schedule_time import local_to_utc

    assert local_to_utc("America/New_York", date(2027, 3, 14), start) == datetime(
        2027, 3, 14, 7, tzinfo=UTC
    )
    assert local_to_utc("Europe/Berlin", date(2027, 3, 28), start) == datetime(
        2027, 3, 28, 1, tzinfo=UTC
    )


def test_error_messages_of_the_finder_read_as_written():
    with pytest.raises(ValueError, match=r"^duration_minutes must be a positive multiple of 15$"):
        grid_minutes_for(20)
    with pytest.raises(
        ValueError, match=r"^the raid length must be a multiple of the grid's slot$"
    ):
        nights([player(1, (0, time(20), 3))], duration_minutes=45)
