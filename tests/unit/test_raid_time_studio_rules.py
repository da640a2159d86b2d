"""The raid-time studio's pure rules: writing a candidate, its raids, who gains and who loses,
the weekly rows and the fast forecast range."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pytest

from patt_app.services.errors import InvalidInput
from patt_app.services.raids.raid_time_candidates import (
    Candidate,
    candidate_raids,
    parse_candidate,
    parse_candidates,
)
from patt_app.services.raids.raid_time_compare import (
    NightForecast,
    StudioPlayer,
    count_quantiles_fast,
    covered_matrix,
    makes,
    movers,
    weekly_rows,
)
from patt_app.services.raids.turnout_forecast import count_quantiles
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow

GOOD = "tue,thu@21:00/America/New_York/180"


def test_a_candidate_is_read_and_written_back():
    candidate = parse_candidate(GOOD)
    assert candidate == Candidate((1, 3), time(21), "America/New_York", 180)
    assert candidate.spec == GOOD
    assert candidate.label == "Tue, Thu 21:00–00:00 America/New_York"
    assert parse_candidate("Thursday,TUE@9:30/Europe/London/90").spec == (
        "tue,thu@09:30/Europe/London/90"
    )


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("tux,thu@21:00/America/New_York/180", "weekday 'tux'"),
        ("tue,tue@21:00/America/New_York/180", "name each weekday once"),
        ("tue@24:00/America/New_York/180", "time '24:00'"),
        ("tue@9pm/America/New_York/180", "time '9pm'"),
        ("tue@21:00/America/Gotham/180", "zone 'America/Gotham'"),
        ("tue@21:00/180", "zone"),
        ("tue@21:00/America/New_York/three", "length 'three'"),
        ("tue@21:00/America/New_York/20", "length '20'"),
        ("tue@21:00/America/New_York/500", "length '500'"),
        ("tue@21:00/America/New_York/100", "length '100'"),
        ("21:00/America/New_York/180", "no weekdays"),
    ],
)
def test_a_malformed_candidate_names_its_bad_part(text, named):
    with pytest.raises(InvalidInput, match="candidate 3: ") as refused:
        parse_candidate(text, 3)
    assert named in str(refused.value)


@pytest.mark.parametrize("count", [0, 1, 5])
def test_two_to_four_candidates(count):
    with pytest.raises(InvalidInput, match=f"compare 2 to 4 candidates, not {count}"):
        parse_candidates([GOOD] * count)
    four = [GOOD, "mon@20:00/UTC/120", "wed@20:00/UTC/120", "sun@20:00/UTC/120"]
    assert len(parse_candidates(four)) == 4


def test_the_same_schedule_twice_is_refused():
    with pytest.raises(InvalidInput, match="candidate 3: the same schedule as candidate 1"):
        parse_candidates([GOOD, "mon@20:00/UTC/120", "thu,tue@21:00/America/New_York/180"])


def test_raids_keep_their_wall_clock_time_across_the_clock_change():
    raids = candidate_raids(parse_candidate(GOOD), from_day=date(2027, 3, 8), weeks=2)
    assert [r.local_date for r in raids] == [date(2027, 3, d) for d in (9, 11, 16, 18)]
    assert [r.start.hour for r in raids] == [2, 2, 1, 1]  # EST, then EDT: always 21:00 local
    assert all(r.end - r.start == timedelta(minutes=180) for r in raids)


def _player(pid: int, name: str, windows=(), away=()) -> StudioPlayer:
    return StudioPlayer(
        pid, name, "healer", PlayerSchedule(pid, "America/New_York", windows=windows, away=away)
    )


def test_covered_means_the_whole_raid_inside_one_window_away_days_skipped():
    evening = tuple(WeeklyWindow(d, time(20), 4) for d in range(7))
    players = [
        _player(1, "Always", evening),
        _player(2, "Short", tuple(WeeklyWindow(d, time(20), 2) for d in range(7))),
        _player(3, "Away", evening, away=((date(2027, 3, 9), date(2027, 3, 9)),)),
    ]
    raids = [
        (r.start, r.end)
        for r in candidate_raids(parse_candidate(GOOD), from_day=date(2027, 3, 8), weeks=1)
    ]
    assert covered_matrix(players, raids).tolist() == [[True, True], [False, False], [False, True]]


def test_half_the_raids_is_enough_to_make_a_schedule():
    assert makes(4, 8) and not makes(3, 8) and not makes(0, 0)


def test_gains_and_losses_against_the_current_schedule():
    players = [_player(1, "bea"), _player(2, "Al"), _player(3, "Cy")]
    gains, losses = movers(players, [8, 0, 8], 8, [0, 6, 8], 8)
    assert [m.name for m in gains] == ["Al"]
    assert [(m.name, m.covered_now, m.covered_then) for m in losses] == [("bea", 8, 0)]
    assert losses[0].zone == "America/New_York"


def test_no_current_schedule_means_everyone_who_makes_it_gains():
    gains, losses = movers([_player(1, "A")], [0], 0, [2], 2)
    assert [m.name for m in gains] == ["A"] and losses == []


def test_a_week_shows_its_weakest_night():
    def night(day: int, expected: float) -> tuple[date, NightForecast]:
        start = datetime(2027, 3, day, 2, tzinfo=UTC)
        return date(2027, 3, day), NightForecast(start, expected, 0, 9, {}, [])

    rows = weekly_rows([night(9, 12.0), night(11, 9.5), night(16, 14.0)])
    assert [(r.week_start, r.night.expected, r.nights) for r in rows] == [
        (date(2027, 3, 8), 9.5, 2),
        (date(2027, 3, 15), 14.0, 1),
    ]


def test_the_fast_range_equals_the_forecasts_own():
    rng = np.random.default_rng(3)
    for size in (0, 1, 7, 60, 300):
        chances = rng.random(size)
        assert count_quantiles_fast(chances) == count_quantiles(list(chances), 0.1, 0.9)


def test_the_finders_suggestion_opens_the_studio_with_itself_as_a_weekly_candidate():
    from urllib.parse import parse_qs, urlparse
    from zoneinfo import ZoneInfo

    from patt_app.states.admin.schedule import _studio_link

    home = ZoneInfo("Europe/Berlin")
    start = datetime(2027, 3, 10, 19, 30, tzinfo=home)  # a Wednesday
    link = urlparse(_studio_link(start, timedelta(minutes=150), home))
    assert link.path == "/admin/raid-times"
    [spec] = parse_qs(link.query)["candidate"]
    assert spec == "wed@19:30/Europe/Berlin/150"
    assert parse_candidate(spec).weekdays == (2,)
