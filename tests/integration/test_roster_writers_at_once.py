"""An addon upload and a Battle.net sync's outcome write `wow_characters` one at a time: before,
a newcomer the upload added while the sync fetched profiles was inserted again by the sync (the
unique name + realm broke and the run failed), and the two, updating most of the guild's rows
in different orders, could deadlock."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.models import WowCharacter
from patt_app.services.identity.addon_keys import KeyHolder
from patt_app.services.identity.addon_roster import UploadedCharacter
from patt_app.services.identity.addon_upload import apply_addon_upload
from patt_app.services.sync.roster_diff import CharacterUpdate, NewCharacter, RosterDiff
from patt_app.services.sync.sync_runs import SyncRun, record_sync_outcome, start_sync_run
from tests.integration.racing import second_waits_for_first

NOW = datetime(2027, 1, 10, 20, 0, tzinfo=UTC)
GUILD = KeyHolder(None, "the guild's PATT_API_KEY")
NEWCOMER = {"blizzard_id": 77, "character_name": "Newcomer", "realm_slug": "senjin", "level": 80}


def _upload(session: Session, name: str) -> None:
    apply_addon_upload(
        session=session,
        uploaded=[UploadedCharacter(name=name, realm="Sen'jin", level=79)],
        home_realm_name="Sen'jin",
        now=NOW,
        holder=GUILD,
        battlenet_ranks=False,
    )


def _record(engine, diff: RosterDiff):
    """The sync's last step, in its own transaction, on a run opened before the upload."""
    with Session(engine) as session:
        run_id = start_sync_run(session=session, now=NOW)
        session.commit()
    with Session(engine) as session:
        run = record_sync_outcome(
            session=session, run_id=run_id, diff=diff, requests=2, note=None, now=NOW
        )
        session.commit()
        return run


def _stored(engine, name: str) -> list[WowCharacter]:
    with Session(engine) as session:
        named = select(WowCharacter).where(WowCharacter.character_name == name)
        return list(session.exec(named).all())


def test_a_newcomer_an_upload_added_meanwhile_is_updated_by_the_sync_not_added_twice(committed):
    diff = RosterDiff(added=[NewCharacter(values=NEWCOMER)])  # read before the upload
    run = second_waits_for_first(
        committed, lambda session: _upload(session, "Newcomer"), lambda: _record(committed, diff)
    )
    assert isinstance(run, SyncRun), run
    assert (run.status, run.added, run.updated) == ("success", 0, 1)
    [newcomer] = _stored(committed, "Newcomer")
    assert (newcomer.blizzard_id, newcomer.level) == (77, 80)
    assert newcomer.addon_last_sync is not None  # the upload's row, taken over


def test_a_sync_outcome_waits_for_an_upload_before_writing_any_row(committed):
    with Session(committed) as session:
        other = WowCharacter(character_name="Other", realm_slug="senjin", realm_name="Sen'jin")
        session.add(other)
        session.commit()
        diff = RosterDiff(updates=[CharacterUpdate(character_id=other.id, changes={"level": 80})])
    run = second_waits_for_first(
        committed,
        lambda session: _upload(session, "Uploaded"),
        lambda: _record(committed, diff),
        kind="advisory",  # not on a row: their row updates can no longer cross
    )
    assert isinstance(run, SyncRun) and run.status == "success", run
    assert [c.level for c in _stored(committed, "Other")] == [80]
    assert len(_stored(committed, "Uploaded")) == 1
