"""Import one raid's Warcraft Logs evidence: the report linked on the event, or else the
guild's reports overlapping the raid; refuse a report of another guild or another night.

Database work happens before and after the questions to Warcraft Logs, never during, so a
slow Warcraft Logs holds no transaction open.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from patt_app.db import call_in_session
from patt_app.integrations.warcraftlogs.client import WarcraftLogsClient, WarcraftLogsError
from patt_app.integrations.warcraftlogs.reports import fetch_report, guild_report_codes
from patt_app.services.raids.log_evidence import LogReport, OurGuild, presence, refusal
from patt_app.services.raids.log_import import (
    ImportPlan,
    due_imports,
    finish_import,
    start_import,
)
from patt_app.settings import Settings, get_settings

log = logging.getLogger(__name__)

NOT_CONFIGURED = (
    "Warcraft Logs is not configured: set WCL_CLIENT_ID and WCL_CLIENT_SECRET (see the README)."
)


@dataclass(frozen=True)
class Outcome:
    status: str  # imported, refused, no_report, failed
    message: str
    codes: tuple[str, ...] = ()


def our_guild(settings: Settings) -> OurGuild:
    return OurGuild(
        name=settings.guild_name,
        realm_slug=settings.guild_realm_slug,
        region=settings.blizzard_region,
    )


def make_client(settings: Settings) -> WarcraftLogsClient:
    assert settings.wcl_client_id and settings.wcl_client_secret
    return WarcraftLogsClient(
        api_url=settings.wcl_api_url,
        token_url=settings.wcl_token_url,
        client_id=settings.wcl_client_id,
        client_secret=settings.wcl_client_secret.get_secret_value(),
    )


async def _reports(
    client: WarcraftLogsClient, plan: ImportPlan, guild: OurGuild
) -> list[LogReport]:
    if plan.report_code:
        return [await fetch_report(client, plan.report_code)]
    codes = await guild_report_codes(client, guild=guild, start=plan.start, end=plan.end)
    return [await fetch_report(client, code) for code in codes]


async def import_one(
    client: WarcraftLogsClient, *, event_id: int, settings: Settings, now: datetime
) -> Outcome:
    """Fetch, check and store one raid's evidence; the outcome as stored."""
    plan = await asyncio.to_thread(call_in_session, start_import, event_id=event_id, now=now)
    guild = our_guild(settings)
    try:
        reports = await _reports(client, plan, guild)
    except WarcraftLogsError as error:
        return await _finished(event_id, Outcome("failed", str(error)), now)
    except Exception as error:  # an answer in a shape we did not expect: say so, stay usable
        log.exception("Warcraft Logs import of event %s failed", event_id)
        unexpected = f"Warcraft Logs answered something unexpected ({error!r})."
        return await _finished(event_id, Outcome("failed", unexpected), now)
    unusable = _unusable(reports, plan, guild)
    if unusable is not None:
        return await _finished(event_id, unusable, now)
    seen, fights = presence(
        reports=reports, start=plan.start, end=plan.end, home_realm=guild.realm_slug
    )
    codes = tuple(r.code for r in reports)
    outcome = Outcome(
        "imported", f"{len(seen)} players in {fights} fights (report {', '.join(codes)}).", codes
    )
    await asyncio.to_thread(
        call_in_session,
        finish_import,
        event_id=event_id,
        status="imported",
        message=outcome.message,
        now=now,
        report_codes=list(codes),
        seen=seen,
        total_fights=fights,
    )
    return outcome


def _unusable(reports: list[LogReport], plan: ImportPlan, guild: OurGuild) -> Outcome | None:
    """Why these reports cannot be the raid's evidence: one is not ours or not of that night,
    or there is none yet; None when they can."""
    checks = (refusal(report=r, guild=guild, start=plan.start, end=plan.end) for r in reports)
    refusals = [why for why in checks if why]
    if refusals:
        return Outcome("refused", " ".join(refusals))
    if not reports:
        return Outcome(
            "no_report",
            f"No Warcraft Logs report of {guild.name} overlaps this raid yet; link one on the "
            "event, or wait for the upload.",
        )
    return None


async def _finished(event_id: int, outcome: Outcome, now: datetime) -> Outcome:
    """Store an import that ended without evidence; its outcome."""
    await asyncio.to_thread(_finish, event_id, outcome, now)
    return outcome


def _finish(event_id: int, outcome: Outcome, now: datetime) -> None:
    call_in_session(
        finish_import, event_id=event_id, status=outcome.status, message=outcome.message, now=now
    )


async def import_due(
    *, now: datetime, settings: Settings | None = None, client: WarcraftLogsClient | None = None
) -> list[Outcome]:
    """Import every raid due (queued by an officer, or ended in the last three days and not
    imported yet), one after another."""
    settings = settings or get_settings()
    events = await asyncio.to_thread(call_in_session, due_imports, now=now)
    if not events:
        return []
    own = client is None
    client = client or make_client(settings)
    try:
        return [
            await import_one(client, event_id=event_id, settings=settings, now=now)
            for event_id in events
        ]
    finally:
        if own:
            await client.__aexit__(None, None, None)
