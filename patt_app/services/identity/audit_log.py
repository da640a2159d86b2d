"""The integrity audit kept in `audit_issues`: one open row per finding's hash, rows that
resolve themselves when the problem is gone, and what officers do with them (resolve, dismiss,
accept a suggested link)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from patt_app.models import AuditIssue, DiscordUser, Player, PlayerCharacter
from patt_app.models.appeals import APPEAL_ISSUE
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.identity.integrity import ISSUE_TYPES, Finding
from patt_app.services.identity.linking import link_character, player_for_discord
from patt_app.services.players.rank_log import RANK_SET_ISSUE, RANK_SET_LABEL
from patt_app.services.players.ranks import RANK_CLAIM, RANK_CLAIM_LABEL, accept_rank_claim
from patt_app.services.statements import row_or_refuse

ACCEPTABLE = ("link_suggestion", "link_needs_review", RANK_CLAIM)
# Things that happened, for officers to note, and claims that wait for an officer: the checker
# never resolves them by itself.
NOTICE_TYPES = {
    "verified_link_moved": "Characters moved by a Battle.net proof",
    RANK_CLAIM: RANK_CLAIM_LABEL,
    APPEAL_ISSUE: "Attendance appeals (answered on the raid's attendance page)",
    RANK_SET_ISSUE: RANK_SET_LABEL,
}
TYPE_LABELS = {**ISSUE_TYPES, **NOTICE_TYPES}


@dataclass
class AuditStats:
    found: int = 0
    new: int = 0
    resolved: int = 0
    open: int = 0


@dataclass
class IssueView:
    id: int
    issue_type: str
    type_label: str
    severity: str
    summary: str
    created_at: datetime
    resolved_at: datetime | None
    resolution: str
    resolution_note: str
    resolved_by: str
    can_accept: bool
    answer_at: str = ""  # an appeal: the page where officers answer it


def _open_issues(session: Session) -> dict[str, tuple[int, str, str]]:
    """The open issues by hash: (id, type, summary)."""
    return {
        issue_hash: (issue_id, issue_type, summary)
        for issue_id, issue_hash, issue_type, summary in session.exec(
            select(
                col(AuditIssue.id),
                col(AuditIssue.issue_hash),
                col(AuditIssue.issue_type),
                col(AuditIssue.summary),
            ).where(col(AuditIssue.resolved_at).is_(None))
        ).all()
    }


def record_findings(*, session: Session, findings: list[Finding], now: datetime) -> AuditStats:
    """Open an issue for each new finding (unless an officer dismissed it before), leave open
    ones open, and resolve automatically the open ones no longer found. Reads and writes plain
    rows in bulk: a guild with thousands of open issues pays milliseconds, not seconds."""
    open_rows = _open_issues(session)
    dismissed = set(
        session.exec(
            select(col(AuditIssue.issue_hash)).where(col(AuditIssue.resolution) == "dismissed")
        ).all()
    )
    stats = AuditStats(found=len(findings))
    current: set[str] = set()
    renamed: list[dict[str, Any]] = []
    added: dict[str, dict[str, Any]] = {}  # issue hash → the new row's values
    for finding in findings:
        current.add(finding.issue_hash)
        row = open_rows.get(finding.issue_hash)
        if row is not None:
            if row[2] != finding.summary:
                renamed.append({"id": row[0], "summary": finding.summary})
        elif finding.issue_hash not in dismissed:
            added.setdefault(finding.issue_hash, _new_issue(finding, now))
    if added:
        session.execute(insert(AuditIssue), list(added.values()))
    stats.new = len(added)
    if renamed:
        session.execute(update(AuditIssue), renamed)
    stats.resolved = _resolve_gone(session, open_rows, current, now)
    session.flush()
    stats.open = len(open_rows) + stats.new - stats.resolved
    return stats


def _resolve_gone(
    session: Session, open_rows: dict[str, tuple[int, str, str]], current: set[str], now: datetime
) -> int:
    """Resolve ("auto") the open issues of the checks' types no longer found; how many."""
    gone = [
        row[0]
        for issue_hash, row in open_rows.items()
        if issue_hash not in current and row[1] in ISSUE_TYPES
    ]
    if gone:
        session.execute(
            update(AuditIssue)
            .where(col(AuditIssue.id).in_(gone))
            .values(resolved_at=now, resolution="auto")
        )
    return len(gone)


def _new_issue(finding: Finding, now: datetime) -> dict[str, Any]:
    return {
        "issue_type": finding.issue_type,
        "severity": finding.severity,
        "wow_character_id": finding.wow_character_id,
        "discord_user_id": finding.discord_user_id,
        "summary": finding.summary,
        "details": finding.details,
        "issue_hash": finding.issue_hash,
        "created_at": now,
        "last_seen_at": now,
    }


def _view(issue: AuditIssue, resolver: str | None) -> IssueView:
    return IssueView(
        id=issue.id,
        issue_type=issue.issue_type,
        type_label=TYPE_LABELS.get(issue.issue_type, issue.issue_type),
        severity=issue.severity,
        summary=issue.summary,
        created_at=issue.created_at,
        resolved_at=issue.resolved_at,
        resolution="recorded" if issue.issue_type == RANK_SET_ISSUE else issue.resolution or "",
        resolution_note=issue.resolution_note or "",
        resolved_by=resolver or _unnamed_resolver(issue),
        can_accept=issue.issue_type in ACCEPTABLE and issue.resolved_at is None,
        answer_at=f"/admin/events/{int(issue.details.get('event_id', 0))}"
        if issue.issue_type == APPEAL_ISSUE
        else "",
    )


def _unnamed_resolver(issue: AuditIssue) -> str:
    """Who resolved an issue no officer resolved: the checker, or the command line."""
    if issue.resolution == "auto":
        return "the checker"
    return "the command line" if issue.issue_type == RANK_SET_ISSUE else ""


def list_issues(*, session: Session, resolved: bool, limit: int = 200) -> list[IssueView]:
    """Open issues (most severe, then oldest first) or resolved ones (latest first)."""
    query = select(AuditIssue, col(Player.display_name)).join(
        Player, col(AuditIssue.resolved_by_player_id) == col(Player.id), isouter=True
    )
    if resolved:
        query = query.where(col(AuditIssue.resolved_at).is_not(None)).order_by(
            col(AuditIssue.resolved_at).desc(), col(AuditIssue.id).desc()
        )
    else:
        query = query.where(col(AuditIssue.resolved_at).is_(None)).order_by(
            col(AuditIssue.issue_type), col(AuditIssue.created_at), col(AuditIssue.id)
        )
    return [_view(issue, name) for issue, name in session.exec(query.limit(limit)).all()]


def _open_issue(session: Session, issue_id: int) -> AuditIssue:
    issue = row_or_refuse(session, AuditIssue, issue_id, "That issue does not exist.")
    if issue.resolved_at is not None:
        raise InvalidInput("That issue is already resolved.")
    return issue


def close_issue(
    *,
    session: Session,
    issue_id: int,
    officer_player_id: int | None,
    resolution: str,
    note: str,
    now: datetime,
) -> AuditIssue:
    """An officer marks an issue fixed or dismisses it (a dismissed finding stays quiet)."""
    if resolution not in ("fixed", "dismissed"):
        raise InvalidInput("An issue is either fixed or dismissed.")
    issue = _open_issue(session, issue_id)
    if issue.issue_type == APPEAL_ISSUE:
        raise InvalidInput("Answer an appeal on the raid's attendance page.")
    issue.resolved_at, issue.resolution = now, resolution
    issue.resolution_note = note.strip()[:500] or None
    issue.resolved_by_player_id = officer_player_id
    session.add(issue)
    session.flush()
    return issue


def accept_issue(
    *, session: Session, issue_id: int, officer_player_id: int | None, now: datetime
) -> str:
    """Accept a suggested link (the character joins the Discord user's player), confirm a
    near-match link, or confirm a rank change a feed claims; returns what was done."""
    issue = _open_issue(session, issue_id)
    if issue.issue_type == RANK_CLAIM:
        done = accept_rank_claim(
            session=session, issue=issue, officer_player_id=officer_player_id, now=now
        )
        return _accepted(session, issue, officer_player_id, now, done)
    if issue.issue_type not in ACCEPTABLE or issue.wow_character_id is None:
        raise InvalidInput("Only suggested links and rank changes can be accepted.")
    link = session.exec(
        select(PlayerCharacter).where(col(PlayerCharacter.character_id) == issue.wow_character_id)
    ).first()
    if issue.issue_type == "link_needs_review":
        if link is None:
            raise InvalidInput("That link no longer exists.")
        link.confidence = "high"
        session.add(link)
        done = "Link confirmed."
    else:
        if link is not None:
            raise InvalidInput("That character already belongs to a player.")
        discord = session.get(DiscordUser, issue.discord_user_id) if issue.discord_user_id else None
        if discord is None:
            raise NotFound("That Discord user no longer exists.")
        player = player_for_discord(session, discord)
        link_character(
            session,
            player=player,
            character_id=issue.wow_character_id,
            source="manual",
            confidence="high",
        )
        done = f"Linked to {player.display_name}."
    return _accepted(session, issue, officer_player_id, now, done)


def _accepted(
    session: Session, issue: AuditIssue, officer_player_id: int | None, now: datetime, done: str
) -> str:
    issue.resolved_at, issue.resolution = now, "accepted"
    issue.resolved_by_player_id = officer_player_id
    session.add(issue)
    session.flush()
    return done
