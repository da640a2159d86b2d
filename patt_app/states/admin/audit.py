"""/admin/audit: open integrity issues grouped by type and severity, resolve or dismiss with a
note, accept a suggested link in one click, the history of resolved ones, and the PATTSync uploader
keys: one per owner, generated here for an officer or a member (shown once, replacing that
owner's earlier key), listed with owner, hint, created and last used, revoked one by one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.identity import addon_keys
from patt_app.services.identity.audit_log import IssueView, close_issue
from patt_app.services.identity.audit_screen import load_audit_screen
from patt_app.services.identity.refresh import accept_suggestion, refresh_identity
from patt_app.states.form_values import record_id
from patt_app.states.moments import instant
from patt_app.states.officer import OfficerState, officer_only
from patt_app.states.toasts import toast

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
    answer_at: str = ""


@dataclass
class KeyRow:
    id: int
    owner: str
    hint: str
    created: str
    created_by: str
    last_used: str


@dataclass
class IssueGroup:
    label: str
    severity: str
    colour: str
    issues: list[IssueRow] = field(default_factory=list)
    # Info-level groups (e.g. dozens of "not logged in for 30 days") start folded, unless one
    # of their issues offers a one-click suggestion.
    expanded: bool = True


def _row(issue: IssueView) -> IssueRow:
    return IssueRow(
        id=issue.id,
        summary=issue.summary,
        severity=issue.severity,
        colour=SEVERITY_COLOURS.get(issue.severity, "gray"),
        created=instant(issue.created_at),
        resolved=instant(issue.resolved_at),
        resolution=issue.resolution,
        note=issue.resolution_note,
        resolved_by=issue.resolved_by,
        can_accept=issue.can_accept,
        answer_at=issue.answer_at,
    )


def _grouped(issues: list[IssueView]) -> list[IssueGroup]:
    groups: dict[tuple[str, str], IssueGroup] = {}
    for issue in issues:
        key = (issue.severity, issue.type_label)
        group = groups.setdefault(
            key,
            IssueGroup(
                issue.type_label, issue.severity, SEVERITY_COLOURS.get(issue.severity, "gray")
            ),
        )
        group.issues.append(_row(issue))
    for group in groups.values():
        group.expanded = group.severity != "info" or any(
            i.can_accept or i.answer_at for i in group.issues
        )
    return [groups[k] for k in sorted(groups, key=lambda k: (SEVERITY_ORDER.get(k[0], 9), k[1]))]


class AdminAuditState(OfficerState):
    """State of /admin/audit."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER,)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.ROSTER,)

    groups: list[IssueGroup] = []
    history: list[IssueRow] = []
    open_count: int = 0
    keys: list[KeyRow] = []
    key_owner_options: list[list[str]] = []
    key_owner: str = ""
    new_key: str = ""
    new_key_owner: str = ""
    viewer_zone: str = "UTC"

    async def _reload(self) -> None:
        screen = await run_in_session(load_audit_screen)
        open_issues, resolved = screen.open_issues, screen.resolved
        keys, owners = screen.keys, screen.key_owners
        self.groups = _grouped(open_issues)
        self.open_count = len(open_issues)
        self.history = [_row(issue) for issue in resolved]
        self.keys = [
            KeyRow(
                id=k.id,
                owner=k.owner,
                hint=k.hint,
                created=instant(k.created_at),
                created_by=k.created_by,
                last_used=instant(k.last_used_at),
            )
            for k in keys
        ]
        self.key_owner_options = [[str(pid), name] for pid, name in owners]
        if self.key_owner not in {pid for pid, _ in self.key_owner_options}:
            self.key_owner = str(self.actor.player_id or "")

    @rx.event
    @officer_only
    async def load(self):
        self.new_key = ""
        await self._reload_in_viewer_zone()

    @rx.event
    @officer_only
    async def run_check(self):
        return await self._apply(
            refresh_identity,
            "Identity matching and the integrity check ran.",
            now=datetime.now(UTC),
        )

    @rx.event
    @officer_only
    async def resolve(self, form_data: dict):
        resolution = "dismissed" if form_data.get("resolution") == "dismissed" else "fixed"
        return await self._apply(
            close_issue,
            "Issue dismissed." if resolution == "dismissed" else "Issue resolved.",
            issue_id=record_id(form_data.get("issue_id"), "issue"),
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
        return await self._confirm(done)

    @rx.event
    @officer_only
    async def set_key_owner(self, value: str):
        self.key_owner = str(record_id(value, "player"))

    @rx.event
    @officer_only
    async def generate_key(self):
        owner_id = record_id(self.key_owner, "player")
        self.new_key = await run_in_session(
            addon_keys.generate_key,
            officer_player_id=self.actor.player_id,
            owner_player_id=owner_id,
            now=datetime.now(UTC),
        )
        self.new_key_owner = dict(self.key_owner_options).get(str(owner_id), "")
        await self._reload()
        return toast(
            f"New uploader key for {self.new_key_owner}; their previous key no longer works."
        )

    @rx.event
    @officer_only
    async def revoke_key(self, key_id: int):
        owner = await run_in_session(
            addon_keys.revoke_key, key_id=record_id(key_id, "key"), now=datetime.now(UTC)
        )
        self.new_key = ""
        await self._reload()
        return toast(f"{owner}'s uploader key revoked.")
