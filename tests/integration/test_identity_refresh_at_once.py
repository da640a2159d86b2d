"""Two identity refreshes at once (a Discord sync, a Battle.net sync, an upload or an officer's
check) that find the same new problem open one audit issue, and neither fails: before, the
second died on the open issues' unique hash (a failed sync, a 500 on the upload)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.models import AuditIssue, WowCharacter
from patt_app.services.identity.refresh import refresh_identity
from tests.integration.racing import until_one_waits_on_a_lock

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def test_two_refreshes_at_once_open_one_issue_and_both_finish(committed):
    with Session(committed) as session:  # a character with no player: one finding
        session.add(
            WowCharacter(character_name="Orphan", realm_slug="senjin", realm_name="Sen'jin")
        )
        session.commit()
    outcome: dict[str, object] = {}

    def second() -> None:
        try:
            with Session(committed) as session:
                outcome["second"] = refresh_identity(session=session, now=NOW).audit.new
                session.commit()
        except Exception as error:  # what the sync or the upload died of
            outcome["second"] = error

    with Session(committed) as first:
        assert refresh_identity(session=first, now=NOW).audit.new == 1  # not committed yet
        thread = threading.Thread(target=second)
        thread.start()
        until_one_waits_on_a_lock(committed, thread, outcome)  # the second waits for the first
        first.commit()
    thread.join(30)
    assert outcome == {"second": 0}  # it saw the first one's issue, open already
    with Session(committed) as session:
        issues = session.exec(select(AuditIssue).where(AuditIssue.resolved_at.is_(None))).all()
    assert [i.summary for i in issues] == ["Orphan-Sen'jin belongs to no player"]
