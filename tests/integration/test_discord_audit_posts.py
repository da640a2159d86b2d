"""Audit reports: new integrity issues posted to the audit channel grouped by type, each issue
once; nothing reported (and nothing marked reported) while no audit channel is set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import AuditIssue, DiscordPost
from patt_app.services.guild_discord.audit_posts import queue_audit_reports
from patt_app.services.guild_discord.bot_status import save_channels

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
SITE = "https://patt.example"
AUDIT = "555555555555555555"


def _issue(db: Session, n: int, issue_type: str, severity: str, resolved: bool = False):
    db.add(
        AuditIssue(
            issue_type=issue_type,
            severity=severity,
            summary=f"problem {n}",
            issue_hash=f"hash-{n}",
            resolved_at=NOW if resolved else None,
        )
    )
    db.flush()


def _posts(db: Session) -> list[DiscordPost]:
    return list(db.exec(select(DiscordPost).order_by(col(DiscordPost.id))).all())


def test_new_issues_are_reported_once_grouped_by_type(db: Session):
    _issue(db, 1, "unlinked_character", "warning")
    _issue(db, 2, "unlinked_character", "warning")
    _issue(db, 3, "inactive_character", "info")
    _issue(db, 4, "unlinked_character", "warning", resolved=True)
    assert "no audit channel" in queue_audit_reports(session=db, now=NOW, site_url=SITE)
    assert _posts(db) == []
    save_channels(session=db, announcement_channel_id="", audit_channel_id=AUDIT)

    assert queue_audit_reports(session=db, now=NOW, site_url=SITE) == (
        "3 new issues reported in 2 posts"
    )
    assert queue_audit_reports(session=db, now=NOW, site_url=SITE) == "no new issues"
    warning, info = _posts(db)
    assert (warning.channel_id, info.channel_id) == (AUDIT, AUDIT)
    assert warning.payload["embed"]["colour"] == 0xFFA500
    assert warning.payload["embed"]["title"] == "Characters with no player (2 new)"
    assert "problem 1" in warning.payload["embed"]["description"]
    assert "problem 4" not in warning.payload["embed"]["description"]
    assert info.payload["embed"]["colour"] == 0x3498DB

    _issue(db, 5, "unlinked_character", "warning")
    assert queue_audit_reports(session=db, now=NOW + timedelta(minutes=5), site_url=SITE) == (
        "1 new issue reported in 1 post"
    )
    newest = _posts(db)[-1]
    assert "problem 5" in newest.payload["embed"]["description"]
    assert "problem 1" not in newest.payload["embed"]["description"]
