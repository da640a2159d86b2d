"""What /admin/audit shows, read in one transaction: the open issues, the latest resolved ones,
the active uploader keys and the players a key can be generated for."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from patt_app.services.identity import addon_keys
from patt_app.services.identity.audit_log import IssueView, list_issues

RESOLVED_SHOWN = 50


@dataclass(frozen=True)
class AuditScreen:
    open_issues: list[IssueView]
    resolved: list[IssueView]
    keys: list[addon_keys.KeyInfo]
    key_owners: list[tuple[int, str]]


def load_audit_screen(*, session: Session) -> AuditScreen:
    return AuditScreen(
        open_issues=list_issues(session=session, resolved=False),
        resolved=list_issues(session=session, resolved=True, limit=RESOLVED_SHOWN),
        keys=addon_keys.active_keys(session=session),
        key_owners=addon_keys.key_owner_choices(session=session),
    )
