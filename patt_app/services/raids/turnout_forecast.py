"""The turnout forecast of one raid event. Pure: plain data in, plain data out.

How a player's chance of attending is worked out:

1. **Their answer.** Excused, withdrawn or benched by an officer → 0. Signed up (late
   included) → their *show rate* (how often they came when signed up). Tentative → half of it
   (`TENTATIVE_WEIGHT`). No answer yet → their *weekday rate*
   (how often they came on this weekday), faded towards 0 as the start nears: someone silent
   three days out may still sign up, someone silent at pull time will not come.
2. **Their availability.** No answer and no weekly window (in their own zone, away periods
   included) covering the whole event → 0. A sign-up outweighs the weekly window: someone who
   said yes outside their usual hours knows their week better than their profile does.
3. **Their history, shrunk.** Rates are counted on this weekday in this season before the event
   and shrunk towards the guild's average with a Beta prior worth `PRIOR_STRENGTH` raids:
   (attended + strength × guild rate) / (counted + strength). A newcomer sits near the guild
   average; a player with a long record near their own.

The expected turnout is the sum of the chances; the low–high range is the 10th–90th percentile
of the resulting count (independent players, so a Poisson-binomial distribution).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from patt_app.services.scheduling.role_shortfalls import role_shortfalls

ANSWERS = ("signed up", "tentative", "benched", "excused", "withdrew", "no answer")
ROLES = ("tank", "healer", "melee", "ranged")
PRIOR_STRENGTH = 4.0
TENTATIVE_WEIGHT = 0.5
FADE_HOURS = 72.0
LOW_QUANTILE, HIGH_QUANTILE = 0.1, 0.9


@dataclass(frozen=True)
class Record:
    """What happened before: raids counted, raids attended."""

    counted: int = 0
    attended: int = 0


@dataclass(frozen=True)
class Outlook:
    """One player before one event."""

    player_id: int
    name: str
    role: str  # tank | healer | melee | ranged | unknown
    answer: str  # one of ANSWERS
    covered: bool  # their availability covers the whole event window
    weekday: Record = Record()  # every raid on this weekday this season
    when_signed: Record = Record()  # those of them they had signed up for


@dataclass(frozen=True)
class GuildRates:
    """The guild's averages this season: attended ÷ counted, and attended ÷ signed up."""

    weekday: float = 0.6
    show: float = 0.9


@dataclass(frozen=True)
class Composition:
    """What the officer needs (the finder's default: 2 tanks, 4 healers, 10 DPS)."""

    tanks: int = 2
    healers: int = 4
    dps: int = 10


@dataclass(frozen=True)
class Forecast:
    expected: float
    low: int
    high: int
    by_role: dict[str, float]
    needs: list[str]
    free_not_signed_up: list[Outlook] = field(default_factory=list)
    chances: dict[int, float] = field(default_factory=dict)


def shrunk_rate(record: Record, guild_rate: float, strength: float = PRIOR_STRENGTH) -> float:
    """The Beta-prior posterior mean of a rate: few raids → near the guild's, many → own."""
    return (record.attended + strength * guild_rate) / (record.counted + strength)


def attendance_chance(outlook: Outlook, guild: GuildRates, *, hours_to_start: float) -> float:
    """The chance (0–1) that this player attends (see the module's explanation)."""
    if outlook.answer not in ANSWERS:
        raise ValueError(f"unknown answer {outlook.answer!r}")
    if outlook.answer in ("benched", "excused", "withdrew"):
        return 0.0
    if outlook.answer == "signed up":
        return shrunk_rate(outlook.when_signed, guild.show)
    if outlook.answer == "tentative":
        return shrunk_rate(outlook.when_signed, guild.show) * TENTATIVE_WEIGHT
    if not outlook.covered:
        return 0.0
    fade = min(1.0, max(0.0, hours_to_start) / FADE_HOURS)
    return shrunk_rate(outlook.weekday, guild.weekday) * fade


def count_quantiles(chances: list[float], low_q: float, high_q: float) -> tuple[int, int]:
    """The low and high quantiles of how many of independent events with these chances happen."""
    distribution = [1.0]
    for p in chances:
        step = [0.0] * (len(distribution) + 1)
        for k, mass in enumerate(distribution):
            step[k] += mass * (1 - p)
            step[k + 1] += mass * p
        distribution = step
    low = high = None
    total = 0.0
    for k, mass in enumerate(distribution):
        total += mass
        if low is None and total >= low_q - 1e-12:
            low = k
        if high is None and total >= high_q - 1e-12:
            high = k
    return low or 0, high if high is not None else len(chances)


def composition_needs(by_role: dict[str, float], expected: float, need: Composition) -> list[str]:
    """Messages like "likely 3 healers, need 4" for each part of `need` the forecast misses."""
    shortfalls = role_shortfalls(by_role, need, players=expected)
    return [f"likely {have}, need {wanted}" for have, wanted in shortfalls]


def forecast_turnout(
    outlooks: list[Outlook],
    guild: GuildRates,
    *,
    hours_to_start: float,
    need: Composition = Composition(),
) -> Forecast:
    """Expected turnout, its 80 % range, the expected roles, what the composition misses, and
    the players who are free but have not answered (by name)."""
    chances = {
        o.player_id: attendance_chance(o, guild, hours_to_start=hours_to_start) for o in outlooks
    }
    expected = sum(chances.values())
    by_role = {role: 0.0 for role in ROLES}
    for o in outlooks:
        if o.role in by_role:
            by_role[o.role] += chances[o.player_id]
    low, high = count_quantiles([p for p in chances.values() if p > 0], LOW_QUANTILE, HIGH_QUANTILE)
    free = sorted(
        (o for o in outlooks if o.covered and o.answer == "no answer"),
        key=lambda o: o.name.casefold(),
    )
    return Forecast(
        expected=round(expected, 1),
        low=low,
        high=high,
        by_role={role: round(v, 1) for role, v in by_role.items()},
        needs=composition_needs(by_role, expected, need),
        free_not_signed_up=free,
        chances=chances,
    )


def nudge_message(*, title: str, start_unix: int, events_url: str) -> str:
    """The ready-to-paste reminder for players who are free but have not answered. Discord's
    `<t:…:F>` shows each reader the start in their own time."""
    return (
        f"Hi! Your availability covers **{title}** on <t:{start_unix}:F>, but you haven't "
        f"answered yet. Sign up, or excuse yourself if you can't make it: {events_url}"
    )
