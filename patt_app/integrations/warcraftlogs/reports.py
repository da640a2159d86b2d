"""Our two questions to Warcraft Logs, in the v2 schema's shape, and their answers as plain
`LogReport`s (services/raids/log_evidence.py).

Report times are UNIX milliseconds; a fight's start and end are milliseconds from the start
of its report.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from patt_app.integrations.warcraftlogs.client import WarcraftLogsClient, WarcraftLogsError
from patt_app.services.raids.log_evidence import (
    LogActor,
    LogFight,
    LogGuild,
    LogReport,
    OurGuild,
)

GUILD_REPORTS = """
query GuildReports($guildName: String, $serverSlug: String, $serverRegion: String,
                   $startTime: Float, $endTime: Float, $page: Int) {
  reportData {
    reports(guildName: $guildName, guildServerSlug: $serverSlug,
            guildServerRegion: $serverRegion, startTime: $startTime, endTime: $endTime,
            limit: 25, page: $page) {
      data { code startTime endTime }
      has_more_pages
    }
  }
}
"""

REPORT = """
query Report($code: String) {
  reportData {
    report(code: $code) {
      code
      title
      startTime
      endTime
      guild { name server { slug region { slug } } }
      fights { id startTime endTime friendlyPlayers }
      masterData { actors(type: "Player") { id name server } }
    }
  }
}
"""

# Reports that began this long before the raid may still cover it (logging started early).
LOOK_BACK = timedelta(hours=6)
MAX_PAGES = 4


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000


def _moment(ms: float) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


async def guild_report_codes(
    client: WarcraftLogsClient, *, guild: OurGuild, start: datetime, end: datetime
) -> list[str]:
    """Codes of the guild's reports that overlap `start`–`end`, oldest first."""
    found: list[tuple[float, str]] = []
    for page in range(1, MAX_PAGES + 1):
        data = await client.query(
            GUILD_REPORTS,
            {
                "guildName": guild.name,
                "serverSlug": guild.realm_slug,
                "serverRegion": guild.region,
                "startTime": _ms(start - LOOK_BACK),
                "endTime": _ms(end),
                "page": page,
            },
        )
        listing = (data.get("reportData") or {}).get("reports") or {}
        for item in listing.get("data") or []:
            if item and item["endTime"] >= _ms(start) and item["startTime"] <= _ms(end):
                found.append((item["startTime"], item["code"]))
        if not listing.get("has_more_pages"):
            break
    return [code for _start, code in sorted(found)]


async def fetch_report(client: WarcraftLogsClient, code: str) -> LogReport:
    """One report with its guild, fights and players; `WarcraftLogsError` when Warcraft Logs
    does not know it (or will not show it)."""
    data = await client.query(REPORT, {"code": code})
    body = (data.get("reportData") or {}).get("report")
    if body is None:
        why = "; ".join(data.get("_errors") or []) or "no such report"
        raise WarcraftLogsError(f"Warcraft Logs has no report {code} ({why}).")
    return parse_report(body)


def parse_report(body: dict[str, Any]) -> LogReport:
    """The API's report object as a `LogReport`."""
    start = float(body["startTime"])
    guild = body.get("guild")
    actors = (body.get("masterData") or {}).get("actors") or []
    return LogReport(
        code=body["code"],
        title=body.get("title") or "",
        start=_moment(start),
        end=_moment(float(body["endTime"])),
        guild=LogGuild(
            name=guild["name"],
            server_slug=guild["server"]["slug"],
            region_slug=guild["server"]["region"]["slug"],
        )
        if guild
        else None,
        actors=tuple(
            LogActor(id=a["id"], name=a["name"], server=a.get("server"))
            for a in actors
            if a and a.get("id") is not None and a.get("name")
        ),
        fights=tuple(
            LogFight(
                id=f["id"],
                start=_moment(start + float(f["startTime"])),
                end=_moment(start + float(f["endTime"])),
                player_ids=tuple(p for p in f.get("friendlyPlayers") or [] if p is not None),
            )
            for f in body.get("fights") or []
            if f
        ),
    )
