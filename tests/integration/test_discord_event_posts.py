"""Raid-event posts through the outbox: announced once, edits and cancellations announced,
the reminder one hour before start to the signed-up players, each once across restarts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import DiscordPost, DiscordUser, Player, RaidAttendance, RaidEvent, RaidSeason
from patt_app.services.guild_discord.bot_status import set_switches
from patt_app.services.guild_discord.event_posts import queue_event_posts
from patt_app.services.guild_discord.posts import claim_due_posts

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
SITE = "https://patt.example"


def _event(db: Session, start: datetime, title: str = "Heroic night") -> RaidEvent:
    season = RaidSeason(name="Season 2", start_date=date(2026, 1, 1))
    db.add(season)
    db.flush()
    event = RaidEvent(
        season_id=season.id,
        title=title,
        event_date=start.date(),
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=3),
        discord_channel_id="333333333333333333",
    )
    db.add(event)
    db.flush()
    return event


def _signed_up(db: Session, event: RaidEvent, name: str, discord_id: str | None) -> Player:
    user = None
    if discord_id:
        user = DiscordUser(discord_id=discord_id, username=name.lower())
        db.add(user)
        db.flush()
    player = Player(display_name=name, discord_user_id=user.id if user else None)
    db.add(player)
    db.flush()
    db.add(RaidAttendance(event_id=event.id, player_id=player.id, signed_up=True))
    db.flush()
    return player


def _posts(db: Session) -> list[DiscordPost]:
    return list(db.exec(select(DiscordPost).order_by(col(DiscordPost.id))).all())


def _titles(db: Session) -> list[str]:
    return [p.payload.get("embed", {}).get("title", p.payload.get("text", "")) for p in _posts(db)]


def test_a_new_event_is_announced_once_however_often_the_job_runs(db: Session):
    event = _event(db, NOW + timedelta(days=2))
    first = queue_event_posts(session=db, now=NOW, site_url=SITE)
    again = queue_event_posts(session=db, now=NOW + timedelta(minutes=1), site_url=SITE)
    assert (first.announced, again.announced) == (1, 0)
    (post,) = _posts(db)
    assert post.channel_id == "333333333333333333"
    unix = int(event.start_time_utc.timestamp())
    when = post.payload["embed"]["fields"][0]["value"]
    assert f"<t:{unix}:F>" in when and f"<t:{unix}:R>" in when


def test_an_event_far_ahead_is_announced_when_it_comes_within_two_weeks(db: Session):
    _event(db, NOW + timedelta(days=20))
    assert queue_event_posts(session=db, now=NOW, site_url=SITE).announced == 0
    later = NOW + timedelta(days=7)
    assert queue_event_posts(session=db, now=later, site_url=SITE).announced == 1


def test_an_edit_then_a_cancellation_then_a_restore_are_each_announced_once(db: Session):
    event = _event(db, NOW + timedelta(days=2))
    queue_event_posts(session=db, now=NOW, site_url=SITE)
    event.start_time_utc += timedelta(hours=1)
    event.end_time_utc += timedelta(hours=1)
    db.add(event)
    db.flush()
    assert queue_event_posts(session=db, now=NOW, site_url=SITE).edited == 1
    assert queue_event_posts(session=db, now=NOW, site_url=SITE).edited == 0
    event.cancelled_at = NOW
    db.add(event)
    db.flush()
    assert queue_event_posts(session=db, now=NOW, site_url=SITE).cancelled == 1
    event.cancelled_at = None
    db.add(event)
    db.flush()
    assert queue_event_posts(session=db, now=NOW, site_url=SITE).edited == 1
    assert _titles(db) == [
        "Heroic night",
        "Raid changed: Heroic night",
        "Cancelled: Heroic night",
        "Back on: Heroic night",
    ]


def test_an_event_cancelled_before_it_was_announced_says_nothing(db: Session):
    event = _event(db, NOW + timedelta(days=2))
    event.cancelled_at = NOW
    db.add(event)
    db.flush()
    assert queue_event_posts(session=db, now=NOW, site_url=SITE).cancelled == 0
    assert _posts(db) == []


def test_the_reminder_goes_by_dm_to_each_signed_up_member_once(db: Session):
    event = _event(db, NOW + timedelta(minutes=50))
    ann = _signed_up(db, event, "Ann", "1001")
    _signed_up(db, event, "Bob", "1002")
    _signed_up(db, event, "Cid", None)  # no Discord account: nobody to remind
    assert (
        queue_event_posts(session=db, now=NOW - timedelta(minutes=20), site_url=SITE).reminders == 0
    )
    assert queue_event_posts(session=db, now=NOW, site_url=SITE).reminders == 2
    # a restart of the runner: the same decision again queues nothing new
    assert (
        queue_event_posts(session=db, now=NOW + timedelta(minutes=1), site_url=SITE).reminders == 0
    )
    dms = [p for p in _posts(db) if p.kind == "dm"]
    assert sorted(p.discord_id for p in dms) == ["1001", "1002"]
    assert all(p.not_after == event.start_time_utc for p in dms)
    assert f"raid_event:{event.id}:reminder:player:{ann.id}" in {p.dedupe_key for p in dms}
    assert "Heroic night" in dms[0].payload["text"]


def test_with_the_dm_switch_off_one_channel_message_mentions_them(db: Session):
    set_switches(session=db, dm_enabled=False)
    event = _event(db, NOW + timedelta(minutes=30))
    _signed_up(db, event, "Ann", "1001")
    _signed_up(db, event, "Bob", "1002")
    queue_event_posts(session=db, now=NOW, site_url=SITE)
    queue_event_posts(session=db, now=NOW + timedelta(minutes=5), site_url=SITE)
    reminders = [p for p in _posts(db) if p.dedupe_key.endswith(":reminder")]
    (reminder,) = reminders
    assert reminder.channel_id == "333333333333333333"
    assert reminder.payload["embed"]["mentions"] == ["1001", "1002"]


def test_a_reminder_the_bot_could_not_send_before_the_start_is_skipped(db: Session):
    event = _event(db, NOW + timedelta(minutes=30))
    _signed_up(db, event, "Ann", "1001")
    queue_event_posts(session=db, now=NOW, site_url=SITE)
    after_start = event.start_time_utc + timedelta(minutes=1)
    claimed = claim_due_posts(session=db, now=after_start, default_channel_id=None)
    assert [c for c in claimed if c.kind == "dm"] == []
    dm = next(p for p in _posts(db) if p.kind == "dm")
    db.refresh(dm)
    assert dm.status == "skipped"
