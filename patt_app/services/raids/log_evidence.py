"""What a Warcraft Logs report says about one raid night, as plain data (no database).

The Warcraft Logs adapter turns the API's answers into `LogReport`s; these functions decide
whether a report belongs to the raid (our guild, that night) and who was in which fights,
first and last seen. Times are aware datetimes; a fight counts when it overlaps the raid's
window widened by `WINDOW_SLACK` (people pull a little early, or finish a boss late).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

WINDOW_SLACK = timedelta(minutes=30)
REPORT_CODE = re.compile(r"^[A-Za-z0-9]{8,40}$")
REPORT_URL = re.compile(r"warcraftlogs\.com/reports/([A-Za-z0-9]{8,40})")


@dataclass(frozen=True)
class LogFight:
    id: int
    start: datetime
    end: datetime
    player_ids: tuple[int, ...]  # the report's actor ids of the players in the fight


@dataclass(frozen=True)
class LogActor:
    id: int
    name: str
    server: str | None  # the realm as the log writes it ("Senjin", "BleedingHollow")


@dataclass(frozen=True)
class LogGuild:
    name: str
    server_slug: str
    region_slug: str


@dataclass(frozen=True)
class LogReport:
    code: str
    title: str
    start: datetime
    end: datetime
    guild: LogGuild | None  # None: uploaded to someone's personal logs
    actors: tuple[LogActor, ...] = ()
    fights: tuple[LogFight, ...] = ()


@dataclass(frozen=True)
class OurGuild:
    name: str
    realm_slug: str
    region: str


@dataclass
class Presence:
    """One character's presence in the raid's fights."""

    name: str
    realm: str  # the log's server name, or our realm's slug when the log gives none
    fights: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    fight_ids: set[tuple[str, int]] = field(default_factory=set)


def report_code(link: str | None) -> str | None:
    """The report code in an event's Warcraft Logs link (a full URL or the bare code)."""
    text = (link or "").strip()
    if not text:
        return None
    if found := REPORT_URL.search(text):
        return found.group(1)
    return text if REPORT_CODE.match(text) else None


def realm_key(realm: str) -> str:
    """A realm's comparable form: "Sen'jin", "senjin", "Bleeding Hollow", "bleeding-hollow"
    and "BleedingHollow" all become the same key."""
    plain = unicodedata.normalize("NFKD", realm)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", plain.casefold())


def name_key(name: str) -> str:
    """A character name's comparable form (case and Unicode normalisation only)."""
    return unicodedata.normalize("NFC", name.strip()).lower()


def _describe_gap(delta: timedelta) -> str:
    hours = abs(delta.total_seconds()) / 3600
    if hours >= 36:
        return f"{round(hours / 24)} days"
    return f"{max(1, round(hours))} h"


def refusal(*, report: LogReport, guild: OurGuild, start: datetime, end: datetime) -> str | None:
    """Why `report` is not evidence for the raid from `start` to `end` of `guild`, or None."""
    if report.guild is not None:
        same_guild = (
            name_key(report.guild.name) == name_key(guild.name)
            and realm_key(report.guild.server_slug) == realm_key(guild.realm_slug)
            and report.guild.region_slug.casefold() == guild.region.casefold()
        )
        if not same_guild:
            return (
                f"Report {report.code} belongs to {report.guild.name} "
                f"({report.guild.server_slug}, {report.guild.region_slug.upper()}), "
                f"not to {guild.name}: not imported."
            )
    if report.end < start - WINDOW_SLACK:
        gap = _describe_gap(start - report.end)
        return f"Report {report.code} ended {gap} before this raid started: another night."
    if report.start > end + WINDOW_SLACK:
        gap = _describe_gap(report.start - end)
        return f"Report {report.code} began {gap} after this raid ended: another night."
    return None


def presence(
    *, reports: list[LogReport], start: datetime, end: datetime, home_realm: str
) -> tuple[list[Presence], int]:
    """Every player seen in the raid's fights (by name and realm, over all `reports`), and
    how many fights the raid had."""
    seen: dict[tuple[str, str], Presence] = {}
    fights = 0
    for report in reports:
        actors = {a.id: a for a in report.actors}
        for fight in report.fights:
            if fight.end < start - WINDOW_SLACK or fight.start > end + WINDOW_SLACK:
                continue
            fights += 1
            for actor_id in fight.player_ids:
                actor = actors.get(actor_id)
                if actor is None:
                    continue
                realm = actor.server or home_realm
                key = (name_key(actor.name), realm_key(realm))
                entry = seen.setdefault(key, Presence(name=actor.name, realm=realm))
                if (report.code, fight.id) in entry.fight_ids:
                    continue
                entry.fight_ids.add((report.code, fight.id))
                entry.fights += 1
                entry.first_seen = min(filter(None, (entry.first_seen, fight.start)))
                entry.last_seen = max(filter(None, (entry.last_seen, fight.end)))
    return sorted(seen.values(), key=lambda p: name_key(p.name)), fights
