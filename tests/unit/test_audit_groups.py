"""/admin/audit groups issues by type, worst first; long info-level groups start folded."""

from datetime import UTC, datetime

from patt_app.services.identity.audit_log import IssueView
from patt_app.states.admin.audit import _grouped

FOUND = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)


def _issue(n: int, severity: str, label: str, *, can_accept: bool = False) -> IssueView:
    return IssueView(
        id=n,
        issue_type=label.lower().replace(" ", "_"),
        type_label=label,
        severity=severity,
        summary=f"issue {n}",
        created_at=FOUND,
        resolved_at=None,
        resolution="",
        resolution_note="",
        resolved_by="",
        can_accept=can_accept,
    )


def test_groups_come_worst_first_and_only_plain_info_groups_start_folded():
    issues = [
        *(_issue(n, "info", "Not logged in for 30 days") for n in range(1, 81)),
        _issue(81, "warning", "Character without a player"),
        _issue(82, "info", "Suggested link", can_accept=True),
        _issue(83, "critical", "Rank mismatch"),
    ]
    groups = _grouped(issues)
    shown = [(g.severity, g.label, len(g.issues), g.expanded) for g in groups]
    assert shown == [
        ("critical", "Rank mismatch", 1, True),
        ("warning", "Character without a player", 1, True),
        ("info", "Not logged in for 30 days", 80, False),
        ("info", "Suggested link", 1, True),  # a one-click suggestion is never hidden
    ]
    assert groups[0].issues[0].created == "2026-11-30T18:00:00+00:00"  # the page shows it locally
