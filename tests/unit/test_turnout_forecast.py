"""The turnout forecast, case by case: answers, availability, history shrunk towards the
guild's average, the 80 % range, composition messages and the nudge text."""

from __future__ import annotations

import pytest

from patt_app.services.raids.turnout_forecast import (
    Composition,
    GuildRates,
    Outlook,
    Record,
    attendance_chance,
    count_quantiles,
    forecast_turnout,
    nudge_message,
)

GUILD = GuildRates(weekday=0.6, show=0.9)


def _outlook(
    pid=1, *, answer="no answer", covered=True, weekday=Record(), signed=Record(), role="melee"
):
    return Outlook(pid, f"P{pid}", role, answer, covered, weekday, signed)


def test_no_availability_and_no_answer_means_zero():
    chance = attendance_chance(
        _outlook(covered=False, weekday=Record(8, 8)), GUILD, hours_to_start=100
    )
    assert chance == 0.0


def test_full_history_and_a_covering_window_is_near_one():
    chance = attendance_chance(_outlook(weekday=Record(40, 40)), GUILD, hours_to_start=100)
    assert 0.95 < chance <= 1.0


def test_signed_up_with_a_perfect_record_is_near_one():
    chance = attendance_chance(
        _outlook(answer="signed up", signed=Record(40, 40)), GUILD, hours_to_start=1
    )
    assert chance > 0.95


@pytest.mark.parametrize("answer", ["withdrew", "excused", "benched"])
def test_withdrawn_excused_or_benched_means_zero(answer):
    chance = attendance_chance(
        _outlook(answer=answer, weekday=Record(10, 10), signed=Record(10, 10)),
        GUILD,
        hours_to_start=100,
    )
    assert chance == 0.0


def test_little_history_stays_near_the_guild_average():
    one_miss = attendance_chance(_outlook(weekday=Record(1, 0)), GUILD, hours_to_start=100)
    one_show = attendance_chance(_outlook(weekday=Record(1, 1)), GUILD, hours_to_start=100)
    assert 0.45 < one_miss < 0.6 < one_show < 0.7
    many_misses = attendance_chance(_outlook(weekday=Record(30, 0)), GUILD, hours_to_start=100)
    assert many_misses < 0.1


def test_silence_counts_less_as_the_start_nears():
    far = attendance_chance(_outlook(weekday=Record(10, 10)), GUILD, hours_to_start=96)
    near = attendance_chance(_outlook(weekday=Record(10, 10)), GUILD, hours_to_start=12)
    late = attendance_chance(_outlook(weekday=Record(10, 10)), GUILD, hours_to_start=0)
    assert far > near > late == 0.0


def test_the_range_holds_the_expected_count():
    low, high = count_quantiles([0.9] * 20, 0.1, 0.9)
    assert low < 18 < high <= 20
    assert count_quantiles([1.0] * 5, 0.1, 0.9) == (5, 5)
    assert count_quantiles([], 0.1, 0.9) == (0, 0)


def test_forecast_counts_roles_and_says_what_the_composition_misses():
    outlooks = [
        _outlook(1, answer="signed up", signed=Record(20, 20), role="tank"),
        _outlook(2, answer="signed up", signed=Record(20, 20), role="tank"),
        _outlook(3, answer="signed up", signed=Record(20, 20), role="healer"),
        _outlook(4, answer="signed up", signed=Record(20, 20), role="healer"),
        _outlook(5, answer="signed up", signed=Record(20, 20), role="healer"),
        _outlook(6, answer="excused", role="healer"),
        *[_outlook(10 + k, answer="signed up", signed=Record(20, 20)) for k in range(10)],
        _outlook(30, covered=True, role="ranged"),
        _outlook(31, covered=False, role="ranged"),
    ]
    result = forecast_turnout(outlooks, GUILD, hours_to_start=0, need=Composition(2, 4, 10))
    assert result.by_role["healer"] == pytest.approx(2.95, abs=0.06)
    assert "likely 3 healers, need 4" in result.needs
    assert not any("tank" in n for n in result.needs)
    assert "likely 15 players, need 16" in result.needs
    assert [o.name for o in result.free_not_signed_up] == ["P30"]
    assert result.low <= round(result.expected) <= result.high


def test_enough_of_everything_needs_nothing():
    outlooks = [
        _outlook(k, answer="signed up", signed=Record(20, 20), role=role)
        for k, role in enumerate(["tank"] * 2 + ["healer"] * 4 + ["ranged"] * 12)
    ]
    assert forecast_turnout(outlooks, GUILD, hours_to_start=5).needs == []


def test_nudge_message_names_the_raid_with_a_discord_timestamp():
    text = nudge_message(title="Heroic", start_unix=1790000000, events_url="https://x/events")
    assert "**Heroic**" in text and "<t:1790000000:F>" in text and "https://x/events" in text
