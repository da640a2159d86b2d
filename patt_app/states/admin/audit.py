"""/admin/audit: open integrity issues grouped by type and severity, resolve or dismiss with a
note, accept a suggested link in one click, the history of resolved ones, and the key the
PATTSync uploaders use (generated here, shown once, replaced by the next one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.identity import addon_keys
from patt_app.services.identity.audit_log import IssueView, close_issue, list_issues
from patt_app.services.identity.refresh import accept_suggestion, refresh_identity
from patt_app.services.scheduling.availability import player_timezone
from patt_app.services.scheduling.schedule_time import zone
from patt_app.states.form_values import record_id
from patt_app.states.officer import OfficerState, officer_only

SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}
SEVERITY_COLOURS = {"critical": "red", "warning": "orange", "info": "blue"}


@dataclass
class IssueRow:
    id: int
    summary: str
    severity: str
    colour: str
    created: str
    resolved: str
    resolution: str
    note: str
    resolved_by: str
    can_accept: bool


@dataclass
class IssueGroup:
    label: str
    severity: str
    colour: str
    issues: list[IssueRow] = field(default_factory=list)
    # Info-level groups (e.g. dozens of "not logged in for 30 days") start folded, unless one
    # of their issues offers a one-click suggestion.
    expanded: bool = True


def _moment(value: datetime | None, tz: str) -> str:
    return value.astimezone(zone(tz)).strftime("%a %d %b %H:%M") if value else ""


def _row(issue: IssueView, tz: str) -> IssueRow:
    return IssueRow(
        id=issue.id,
        summary=issue.summary,
        severity=issue.severity,
        colour=SEVERITY_COLOURS.get(issue.severity, "gray"),
        created=_moment(issue.created_at, tz),
        resolved=_moment(issue.resolved_at, tz),
        resolution=issue.resolution,
        note=issue.resolution_note,
        resolved_by=issue.resolved_by,
        can_accept=issue.can_accept,
    )


def _grouped(issues: list[IssueView], tz: str) -> list[IssueGroup]:
    groups: dict[tuple[str, str], IssueGroup] = {}
    for issue in issues:
        key = (issue.severity, issue.type_label)
        group = groups.setdefault(
            key,
            IssueGroup(
                issue.type_label, issue.severity, SEVERITY_COLOURS.get(issue.severity, "gray")
            ),
        )
        group.issues.append(_row(issue, tz))
    for group in groups.values():
        group.expanded = group.severity != "info" or any(i.can_accept for i in group.issues)
    return [groups[k] for k in sorted(groups, key=lambda k: (SEVERITY_ORDER.get(k[0], 9), k[1]))]


class AuditState(OfficerState):
    """State of /admin/audit."""

    changes_topics: ClassVar[tuple[str, ...]] = ("roster",)
    live_topics: ClassVar[tuple[str, ...]] = ("roster",)

    groups: list[IssueGroup] = []
    history: list[IssueRow] = []
    open_count: int = 0
    key_summary: str = ""
    new_key: str = ""
    viewer_zone: str = "UTC"

    async def _reload(self) -> None:
        open_issues = await run_in_session(list_issues, resolved=False)
        resolved = await run_in_session(list_issues, resolved=True, limit=50)
        key = await run_in_session(addon_keys.current_key)
        self.groups = _grouped(open_issues, self.viewer_zone)
        self.open_count = len(open_issues)
        self.history = [_row(issue, self.viewer_zone) for issue in resolved]
        self.key_summary = (
            f"Active key {key.hint}, generated {_moment(key.created_at, self.viewer_zone)}"
            + (f" by {key.created_by}" if key.created_by else "")
            + (
                f", last used {_moment(key.last_used_at, self.viewer_zone)}"
                if key.last_used_at
                else ", never used"
            )
            if key
            else "No generated key: uploaders need the server's PATT_API_KEY or a key from here."
        )

    @rx.event
    @officer_only
    async def load(self):
        self.new_key = ""
        if self.actor.player_id is not None:
            self.viewer_zone = await run_in_session(player_timezone, player_id=self.actor.player_id)
        await self._reload()

    @rx.event
    @officer_only
    async def run_check(self):
        await run_in_session(refresh_identity, now=datetime.now(UTC))
        self._changed()
        await self._reload()
        return rx.toast.success("Identity matching and the integrity check ran.")

    @rx.event
    @officer_only
    async def resolve(self, issue_id: int, form_data: dict):
        resolution = "dismissed" if form_data.get("resolution") == "dismissed" else "fixed"
        return await self._apply(
            close_issue,
            "Issue dismissed." if resolution == "dismissed" else "Issue resolved.",
            issue_id=record_id(issue_id, "issue"),
            officer_player_id=self.actor.player_id,
            resolution=resolution,
            note=str(form_data.get("note", "")),
            now=datetime.now(UTC),
        )

    @rx.event
    @officer_only
    async def accept(self, issue_id: int):
        done = await run_in_session(
            accept_suggestion,
            issue_id=record_id(issue_id, "issue"),
            officer_player_id=self.actor.player_id,
            now=datetime.now(UTC),
        )
        self._changed()
        await self._reload()
        return rx.toast.success(done)

    @rx.event
    @officer_only
    async def generate_key(self):
        self.new_key = await run_in_session(
            addon_keys.generate_key, officer_player_id=self.actor.player_id, now=datetime.now(UTC)
        )
        await self._reload()
        return rx.toast.success("New uploader key generated; the previous one no longer works.")

    @rx.event
    @officer_only
    async def revoke_keys(self):
        self.new_key = ""
        count = await run_in_session(addon_keys.revoke_keys, now=datetime.now(UTC))
        await self._reload()
        return rx.toast.success(f"{count} generated key(s) revoked.")
