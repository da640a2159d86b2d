"""Which roster posts are behind their raid: after an answer, an officer's edit or a
cancellation the post is behind until the bot's edit is recorded; a change meanwhile keeps it
behind; a cancelled raid's post loses its buttons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from patt_app.models import DiscordPost, Player, RaidEvent
from patt_app.services.guild_discord.roster_post import roster_posted, rosters_behind
from patt_app.services.raids.events import cancel_event
from patt_app.services.raids.signup_answers import answer_raid

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def _behind(session: Session, now=NOW):
    return rosters_behind(session=session, now=now, site_url="https://x", default_channel_id="9")


def test_a_post_is_behind_until_its_edit_is_recorded_and_cancelling_drops_the_buttons(seeded):
    start = NOW + timedelta(days=2)
    event = RaidEvent(
        title="Heroic night",
        event_date=start.date(),
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=3),
    )
    ann = Player(display_name="Ann")
    seeded.add_all([event, ann])
    seeded.flush()
    answer_raid(session=seeded, player_id=ann.id, event_id=event.id, choice="sign_up", now=NOW)
    assert _behind(seeded) == []  # nothing posted yet: nothing to edit
    seeded.add(
        DiscordPost(
            dedupe_key=f"raid_event:{event.id}:0:abc",
            kind="channel",
            subject=f"raid_event:{event.id}",
            payload={},
            created_at=NOW,
            status="sent",
            message_id="555",
        )
    )
    seeded.flush()
    (edit,) = _behind(seeded)
    assert (edit.channel_id, edit.message_id, edit.open) == ("9", "555", True)
    assert "Ann" in str(edit.embed.fields)
    later = NOW + timedelta(seconds=1)
    answer_raid(
        session=seeded,
        player_id=ann.id,
        event_id=event.id,
        choice="late",
        now=later,
        late_minutes=15,
    )
    roster_posted(session=seeded, event_id=edit.event_id, changed_at=edit.changed_at)
    seeded.expire_all()
    assert len(_behind(seeded)) == 1  # the late answer came after the edit read the raid
    (edit,) = _behind(seeded)
    roster_posted(session=seeded, event_id=edit.event_id, changed_at=edit.changed_at)
    seeded.expire_all()
    assert _behind(seeded) == []
    cancel_event(session=seeded, event_id=event.id, now=NOW + timedelta(seconds=2))
    (edit,) = _behind(seeded)
    assert edit.embed.title == "Cancelled: Heroic night" and not edit.open
    assert _behind(seeded, now=start + timedelta(hours=4)) == []  # over: left alone


def test_once_the_raid_starts_its_post_loses_the_buttons_once(seeded):
    start = NOW + timedelta(hours=1)
    event = RaidEvent(
        title="Heroic night",
        event_date=start.date(),
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=3),
    )
    seeded.add(event)
    seeded.flush()
    seeded.add(
        DiscordPost(
            dedupe_key=f"raid_event:{event.id}:0:abc",
            kind="channel",
            subject=f"raid_event:{event.id}",
            payload={},
            created_at=NOW,
            status="sent",
            message_id="556",
        )
    )
    seeded.flush()
    assert _behind(seeded) == []  # announced, nothing changed, not started
    started = start + timedelta(minutes=1)
    (edit,) = _behind(seeded, now=started)
    assert not edit.open
    roster_posted(session=seeded, event_id=event.id, changed_at=edit.changed_at)
    seeded.expire_all()
    assert _behind(seeded, now=started) == []
