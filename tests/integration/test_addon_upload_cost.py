"""What keeps an upload's cost bounded without losing the audit: upload-only characters that
left the guild are retired, fuzzy matching looks only at new characters while the suggestions
of the others stay open until something really changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from patt_app.models import (
    AuditIssue,
    DiscordUser,
    Player,
    PlayerCharacter,
    SyncLog,
    WowCharacter,
)
from patt_app.services.identity.addon_keys import KeyHolder
from patt_app.services.identity.addon_roster import UploadedCharacter
from patt_app.services.identity.addon_upload import apply_addon_upload
from patt_app.services.identity.linking import link_character
from patt_app.services.identity.refresh import refresh_identity

NOW = datetime(2027, 1, 10, 20, 0, tzinfo=UTC)
GUILD = KeyHolder(None, "the guild's PATT_API_KEY")


def _upload(session: Session, names: list[str], now: datetime):
    return apply_addon_upload(
        session=session,
        uploaded=[UploadedCharacter(name=n, realm="Sen'jin") for n in names],
        home_realm_name="Sen'jin",
        now=now,
        holder=GUILD,
        battlenet_ranks=False,
    )


def _character(session: Session, name: str) -> WowCharacter:
    session.expire_all()
    return session.exec(select(WowCharacter).where(WowCharacter.character_name == name)).one()


def _open(session: Session, issue_type: str) -> set[int]:
    return set(
        session.exec(
            select(AuditIssue.wow_character_id).where(
                AuditIssue.issue_type == issue_type, AuditIssue.resolved_at.is_(None)
            )
        ).all()
    )


def test_upload_only_characters_unseen_for_two_weeks_are_retired_unless_linked(seeded):
    _upload(seeded, ["Gonefor", "Linkedone", "Blizzseen"], NOW - timedelta(days=20))
    player = Player(display_name="Keeper")
    seeded.add(player)
    seeded.flush()
    link_character(seeded, player=player, character_id=_character(seeded, "Linkedone").id,
                   source="manual", confidence="high")  # fmt: skip
    blizz = _character(seeded, "Blizzseen")
    blizz.blizzard_last_sync = NOW - timedelta(days=20)
    seeded.add(blizz)
    seeded.flush()
    gone = _character(seeded, "Gonefor").id
    assert gone in _open(seeded, "unlinked_character")

    outcome = _upload(seeded, ["Stillhere"], NOW)
    assert outcome.retired == 1
    assert _character(seeded, "Gonefor").removed_at == NOW
    assert _character(seeded, "Linkedone").removed_at is None  # a player's character stays
    assert _character(seeded, "Blizzseen").removed_at is None  # Battle.net owns its removal
    assert gone not in _open(seeded, "unlinked_character")  # the audit forgot it

    back = _upload(seeded, ["Gonefor"], NOW + timedelta(hours=1))
    assert back.updated == 1 and _character(seeded, "Gonefor").removed_at is None
    assert gone in _open(seeded, "unlinked_character")


def test_nobody_is_retired_while_nobody_uploads(seeded):
    _upload(seeded, ["Quietone"], NOW - timedelta(days=60))
    refresh_identity(session=seeded, now=NOW)  # other syncs go on; uploads do not
    assert _character(seeded, "Quietone").removed_at is None


def test_a_suggestion_stays_open_across_uploads_that_do_not_touch_it(seeded):
    seeded.add(DiscordUser(discord_id="3", username="skatefarm_main"))  # 78 % alike
    seeded.flush()
    _upload(seeded, ["Skatefarm"], NOW)
    skate = _character(seeded, "Skatefarm").id
    assert skate in _open(seeded, "link_suggestion")

    _upload(seeded, ["Otherone"], NOW + timedelta(minutes=5))  # fuzzy looks only at Otherone
    assert skate in _open(seeded, "link_suggestion")

    player = Player(display_name="Skate")
    seeded.add(player)
    seeded.flush()
    link_character(seeded, player=player, character_id=skate, source="manual", confidence="high")
    _upload(seeded, ["Thirdone"], NOW + timedelta(minutes=10))
    assert skate not in _open(seeded, "link_suggestion")  # linked: the suggestion resolved


def test_a_new_discord_user_is_matched_against_characters_already_there(seeded):
    _upload(seeded, ["Moonfire"], NOW)
    moon = _character(seeded, "Moonfire").id
    seeded.add(DiscordUser(discord_id="9", username="moonfire"))
    seeded.flush()
    refresh_identity(session=seeded, now=NOW + timedelta(minutes=1))  # a Discord sync's refresh
    assert seeded.exec(
        select(PlayerCharacter.player_id).where(PlayerCharacter.character_id == moon)
    ).first()


def test_a_character_back_in_the_guild_is_matched_again(seeded):
    _upload(seeded, ["Wanderer"], NOW - timedelta(days=20))
    _upload(seeded, ["Someoneelse"], NOW)  # Wanderer unseen for two weeks: retired
    wanderer = _character(seeded, "Wanderer")
    assert wanderer.removed_at == NOW
    seeded.add(DiscordUser(discord_id="12", username="wanderer_main"))  # joined Discord since
    seeded.flush()

    _upload(seeded, ["Wanderer"], NOW + timedelta(hours=1))  # back: looked at like a new one
    assert _character(seeded, "Wanderer").removed_at is None
    assert wanderer.id in _open(seeded, "link_suggestion")


def test_an_upload_is_a_line_of_the_sync_log_with_its_duration(seeded):
    _upload(seeded, ["Logged", "Timed"], NOW)
    line = seeded.exec(select(SyncLog).where(SyncLog.source == "addon_upload")).one()
    assert (line.characters_found, line.characters_new, line.completed_at) == (2, 2, NOW)
    assert 0 <= line.duration_seconds < 60  # seconds this upload took, to the millisecond
    assert line.duration_seconds == round(line.duration_seconds, 3)
