"""Characters that only ever came from PATTSync uploads and have left the guild.

An upload never removes a character by itself (the uploader may have sent part of the roster),
so without a rule every character an upload once named would be matched and audited forever.
The rule: a character is marked removed (`removed_at`) when

- Battle.net never reported it (`blizzard_last_sync` is empty: the roster sync owns the
  removal of what it has seen),
- it came through an upload (`addon_last_sync` is set) and no upload has named it for
  `DEPARTED_AFTER` while uploads went on (measured from the upload being applied, so a
  guild that stops uploading loses nobody),
- it has no player and never had one taken away by hand (`auto_link_blocked`): a linked
  character stays its player's, whatever uploads say.

Removed characters are outside identity matching and the integrity audit (their open issues
resolve themselves). An upload that names one again brings it back (`removed_at` cleared).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, update
from sqlmodel import Session, col

from patt_app.models import PlayerCharacter, WowCharacter
from patt_app.services.statements import rows_changed

DEPARTED_AFTER = timedelta(days=14)


def retire_departed_upload_characters(*, session: Session, now: datetime) -> int:
    """Mark removed the upload-only, never-linked characters no upload named for
    DEPARTED_AFTER (call it while applying an upload); returns how many."""
    linked = exists().where(col(PlayerCharacter.character_id) == col(WowCharacter.id))
    result = session.execute(
        update(WowCharacter)
        .where(
            col(WowCharacter.removed_at).is_(None),
            col(WowCharacter.blizzard_last_sync).is_(None),
            col(WowCharacter.addon_last_sync) < now - DEPARTED_AFTER,
            ~col(WowCharacter.auto_link_blocked),
            ~linked,
        )
        .values(removed_at=now)
        .execution_options(synchronize_session=False)
    )
    return rows_changed(result)
