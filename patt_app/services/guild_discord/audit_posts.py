"""Audit reports: new integrity issues posted to the audit channel, one embed per issue type in
the colour of its most severe issue (critical red, warning orange, info blue), each issue
reported once (`audit_issues.notified_at`)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import AuditIssue
from patt_app.services.guild_discord.bot_status import discord_config
from patt_app.services.guild_discord.posts import DESCRIPTION_LIMIT, Embed, queue_post
from patt_app.services.identity.integrity import ISSUE_TYPES

SEVERITY_COLOURS = {"critical": 0xFF0000, "warning": 0xFFA500, "info": 0x3498DB}
SEVERITY_ORDER = ("critical", "warning", "info")


@dataclass(frozen=True)
class IssueLine:
    id: int
    issue_type: str
    severity: str
    summary: str


def report_embeds(issues: list[IssueLine], *, site_url: str) -> list[tuple[str, Embed, list[int]]]:
    """(type, embed, issue ids) per issue type, most severe types first; pure."""
    groups: dict[str, list[IssueLine]] = defaultdict(list)
    for issue in issues:
        groups[issue.issue_type].append(issue)

    def worst(lines: list[IssueLine]) -> str:
        return min((line.severity for line in lines), key=SEVERITY_ORDER.index)

    reports = []
    for issue_type, lines in sorted(
        groups.items(), key=lambda item: (SEVERITY_ORDER.index(worst(item[1])), item[0])
    ):
        label = ISSUE_TYPES.get(issue_type, issue_type.replace("_", " ").capitalize())
        footer = f"\nReview them at {site_url}/admin/audit"
        budget = DESCRIPTION_LIMIT - len(footer) - 30
        bullets: list[str] = []
        for n, line in enumerate(lines):
            bullet = f"• {line.summary}"
            if sum(len(b) + 1 for b in bullets) + len(bullet) > budget:
                bullets.append(f"…and {len(lines) - n} more")
                break
            bullets.append(bullet)
        embed = Embed(
            title=f"{label} ({len(lines)} new)"[:256],
            description="\n".join(bullets) + footer,
            colour=SEVERITY_COLOURS[worst(lines)],
            url=f"{site_url}/admin/audit",
        )
        reports.append((issue_type, embed, [line.id for line in lines]))
    return reports


def queue_audit_reports(*, session: Session, now: datetime, site_url: str) -> str:
    """Queue a report of every open issue not reported yet; marks them reported."""
    channel = discord_config(session=session).audit_channel_id
    if not channel:
        return "no audit channel set on /admin/discord: nothing reported"
    rows = session.exec(
        select(AuditIssue)
        .where(col(AuditIssue.resolved_at).is_(None), col(AuditIssue.notified_at).is_(None))
        .order_by(col(AuditIssue.id))
        .with_for_update(skip_locked=True)
    ).all()
    if not rows:
        return "no new issues"
    lines = [IssueLine(r.id, r.issue_type, r.severity, r.summary) for r in rows]
    for issue_type, embed, ids in report_embeds(lines, site_url=site_url):
        digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
        queue_post(
            session=session,
            dedupe_key=f"audit:{issue_type}:{digest}",
            embed=embed,
            now=now,
            channel_id=channel,
        )
    for row in rows:
        row.notified_at = now
        session.add(row)
    groups = len({r.issue_type for r in rows})
    return (
        f"{len(rows)} new issue{'s' if len(rows) != 1 else ''} reported in "
        f"{groups} post{'s' if groups != 1 else ''}"
    )
