"""Voice presence as attendance evidence, on a real database: the stays the bot recorded become
each player's minutes and flags on the attendance page, suggestions from voice alone (no
Warcraft Logs report), "accept all" records them; without any stay the page stays the
checklist; a raid's own voice channel, and what is refused."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.models import (
    DiscordUser,
    GuildRank,
    Player,
    RaidAttendance,
    RaidAttendanceStatus,
    RaidEvent,
)
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.guild_discord.bot_status import save_raid_voice_channel
from patt_app.services.raids.evidence_review import accept_all, evidence_review
from patt_app.services.raids.voice_stays import (
    reconcile,
    record_voice_move,
    set_event_voice_channel,
)

NOW = datetime.now(UTC).replace(microsecond=0)
START = NOW - timedelta(hours=4)
END = START + timedelta(hours=3)
M = timedelta(minutes=1)
RAID, LOUNGE = "111111111111111111", "222222222222222222"


def _guild(db: Session) -> dict[str, int]:
    """Tonight's raid (ended an hour ago) and five raiders with Discord accounts."""
    save_raid_voice_channel(session=db, channel_id=RAID)
    rank = db.exec(select(GuildRank).where(GuildRank.level == 2)).one()
    event = RaidEvent(title="Voice night", event_date=START.date(), start_time_utc=START,
                      end_time_utc=END)  # fmt: skip
    db.add(event)
    db.flush()
    ids = {"event": event.id}
    for n, (name, signed) in enumerate(
        (("Alyssa", True), ("Brannoc", True), ("Cerys", True), ("Dorrin", True), ("Ezra", False))
    ):
        user = DiscordUser(discord_id=f"90000000000000000{n}", username=name.lower())
        db.add(user)
        db.flush()
        player = Player(display_name=name, guild_rank_id=rank.id, discord_user_id=user.id)
        db.add(player)
        db.flush()
        if signed:
            db.add(RaidAttendance(event_id=event.id, player_id=player.id, signed_up=True))
        ids[name], ids[f"{name}:discord"] = player.id, int(user.discord_id)
    db.flush()
    return ids


def _move(db, ids, name, at, joined=None, left=None) -> int:
    return record_voice_move(session=db, discord_id=str(ids[f"{name}:discord"]),
                             left_channel=left, joined_channel=joined, at=at)  # fmt: skip


def _night(db, ids) -> None:
    """Alyssa all night (with a dropped connection), Brannoc 25 minutes late, Dorrin leaves an
    hour early, Ezra (not signed up) comes, Cerys never; a stranger in the Lounge."""
    _move(db, ids, "Alyssa", START - 20 * M, joined=RAID)
    _move(db, ids, "Alyssa", START + 60 * M, left=RAID)
    _move(db, ids, "Alyssa", START + 64 * M, joined=RAID)
    _move(db, ids, "Brannoc", START + 25 * M, joined=RAID)
    _move(db, ids, "Dorrin", START - 5 * M, joined=RAID)
    _move(db, ids, "Dorrin", END - 60 * M, left=RAID, joined=LOUNGE)
    _move(db, ids, "Ezra", START, joined=RAID)
    assert _move(db, ids, "Cerys", START, joined=LOUNGE) == 0  # not the raid's channel
    present = {RAID: {str(ids[f"{n}:discord"]) for n in ("Alyssa", "Brannoc", "Ezra")}}
    assert reconcile(session=db, present=present, at=END + 10 * M) == 0  # nothing missed
    db.flush()


def test_voice_alone_suggests_everyones_status_and_accept_all_records_them(seeded):
    db = seeded
    ids = _guild(db)
    assert not evidence_review(session=db, event_id=ids["event"], now=NOW).has_evidence
    _night(db, ids)
    review = evidence_review(session=db, event_id=ids["event"], now=NOW)
    assert review.has_evidence and review.voice_listened and review.voice_channel_id == RAID
    rows = review.rows
    got = {n: (rows[ids[n]].suggestion, rows[ids[n]].voice_minutes) for n in
           ("Alyssa", "Brannoc", "Cerys", "Dorrin", "Ezra")}  # fmt: skip
    assert got == {
        "Alyssa": ("attended", 176),  # four minutes away
        "Brannoc": ("late", 155),
        "Cerys": ("no-show", 0),
        "Dorrin": ("left early", 120),
        "Ezra": ("came (not signed up)", 180),
    }
    assert rows[ids["Brannoc"]].voice_late and not rows[ids["Brannoc"]].voice_left_early
    assert rows[ids["Dorrin"]].voice_left_early and not rows[ids["Cerys"]].in_voice
    assert rows[ids["Cerys"]].evidence == "signed up; not in voice"
    assert accept_all(session=db, event_id=ids["event"], recorded_by="Officer", now=NOW) == 5
    recorded = {
        s.player_id: s.status
        for s in db.exec(select(RaidAttendanceStatus).where(RaidAttendanceStatus.event_id == ids["event"]))
    }  # fmt: skip
    assert recorded[ids["Brannoc"]] == "late" and recorded[ids["Cerys"]] == "no-show"
    ticks = {
        a.player_id: a.attended
        for a in db.exec(select(RaidAttendance).where(RaidAttendance.event_id == ids["event"]))
    }
    assert ticks[ids["Ezra"]] and not ticks[ids["Cerys"]]


def test_a_raid_can_name_its_own_voice_channel(seeded):
    db = seeded
    ids = _guild(db)
    set_event_voice_channel(session=db, event_id=ids["event"], channel_id=LOUNGE)
    db.flush()
    assert _move(db, ids, "Alyssa", START, joined=RAID) == 0  # the default no longer counts
    assert _move(db, ids, "Alyssa", START + M, left=RAID, joined=LOUNGE) == 1
    review = evidence_review(session=db, event_id=ids["event"], now=NOW)
    assert review.voice_channel_id == LOUNGE and review.voice_own_channel
    with pytest.raises(InvalidInput, match="15 to 21 digits"):
        set_event_voice_channel(session=db, event_id=ids["event"], channel_id="raid-voice")
    with pytest.raises(NotFound):
        set_event_voice_channel(session=db, event_id=10**9, channel_id="")
    set_event_voice_channel(session=db, event_id=ids["event"], channel_id=" ")
    assert evidence_review(session=db, event_id=ids["event"], now=NOW).voice_channel_id == RAID
