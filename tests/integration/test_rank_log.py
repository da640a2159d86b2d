"""Every rank set by hand is a line of the audit log's history (/admin/audit, "Resolved"):
whose rank, from what to what, pinned or unpinned, by whom and when; a refused or empty change
writes none."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from patt_app.models import AuditIssue
from patt_app.services.errors import NotAllowed
from patt_app.services.identity.audit_log import list_issues
from patt_app.services.players import player_admin as players
from tests.integration.test_officer_guards import NOW, _player, _rank


def _rank_lines(session: Session) -> list[tuple[str, str, str, str]]:
    """The history's rank lines, latest first: summary, outcome, by whom, note."""
    return [
        (i.summary, i.resolution, i.resolved_by, i.resolution_note)
        for i in list_issues(session=session, resolved=True)
        if i.type_label == "Ranks set by hand"
    ]


def test_an_officer_pinning_and_unpinning_a_rank_is_in_the_history(seeded: Session):
    officer = _player(seeded, "Warden", 4)
    member = players.create_player(session=seeded, display_name="Bramble")
    before = len(_rank_lines(seeded))
    later = NOW + timedelta(hours=1)

    players.set_rank_override(
        session=seeded,
        player_id=member.id,
        rank_id=_rank(seeded, 3).id,
        actor_player_id=officer.id,
        now=later,
    )
    veteran = _rank(seeded, 3).name
    lines = _rank_lines(seeded)
    assert len(lines) == before + 1
    assert lines[0] == (
        f"Bramble: no rank → {veteran} (pinned by hand)",
        "recorded",
        "Warden",
        "Set by Warden.",
    )
    line = seeded.exec(select(AuditIssue).where(AuditIssue.summary == lines[0][0])).one()
    assert line.resolved_at == later and line.resolved_by_player_id == officer.id

    players.set_rank_override(  # back to what the game and Discord say: nothing, here
        session=seeded,
        player_id=member.id,
        rank_id=None,
        actor_player_id=officer.id,
        now=later + timedelta(minutes=5),
    )
    assert _rank_lines(seeded)[0][0] == (
        f"Bramble: {veteran} → no rank (no longer pinned: as the game and Discord give it)"
    )


def test_the_command_line_is_named_as_the_one_who_set_it(seeded: Session):
    _player(seeded, "First Officer", 4)  # (what `create-officer` does)
    summary, outcome, by, note = _rank_lines(seeded)[0]
    assert summary == f"First Officer: no rank → {_rank(seeded, 4).name} (pinned by hand)"
    assert (outcome, by, note) == ("recorded", "the command line", "Set by the command line.")


def test_a_refused_or_unchanged_rank_writes_no_line(seeded: Session):
    officer = _player(seeded, "Warden", 4)
    member = _player(seeded, "Bramble", 2)
    before = _rank_lines(seeded)
    with pytest.raises(NotAllowed), seeded.begin_nested():
        players.set_rank_override(
            session=seeded,
            player_id=member.id,
            rank_id=_rank(seeded, 5).id,  # above the officer's own
            actor_player_id=officer.id,
            now=NOW,
        )
    players.set_rank_override(  # the rank it is pinned at already
        session=seeded,
        player_id=member.id,
        rank_id=_rank(seeded, 2).id,
        actor_player_id=officer.id,
        now=NOW,
    )
    assert _rank_lines(seeded) == before
