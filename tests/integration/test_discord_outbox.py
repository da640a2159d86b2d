"""The posting service: each dedupe key sent once, even across restarts; late posts skipped;
passing failures retried, lasting ones not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.models import DiscordPost
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord import posts
from patt_app.services.guild_discord.posts import Embed, EmbedField

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
EMBED = Embed(title="Hello", description="World", fields=(EmbedField("a", "b"),), timestamp=NOW)


def _claim(db: Session, at: datetime = NOW, default: str | None = "111111111111111111"):
    return posts.claim_due_posts(session=db, now=at, default_channel_id=default)


def test_a_post_queued_twice_is_one_row_and_is_sent_once(db: Session):
    assert posts.queue_post(session=db, dedupe_key="k1", embed=EMBED, now=NOW)
    assert not posts.queue_post(session=db, dedupe_key="k1", embed=EMBED, now=NOW)
    (claimed,) = _claim(db)
    assert claimed.embed == EMBED and claimed.channel_id == "111111111111111111"
    # The bot restarts before recording the answer: the row is not handed out again.
    assert _claim(db, NOW + timedelta(seconds=5)) == []
    posts.record_sent(session=db, post_id=claimed.id, message_id="999", now=NOW)
    assert not posts.queue_post(session=db, dedupe_key="k1", embed=EMBED, now=NOW)
    assert _claim(db, NOW + timedelta(hours=1)) == []
    outcome = posts.post_outcome(session=db, dedupe_key="k1")
    assert (outcome.status, outcome.message_id) == ("sent", "999")


def test_a_post_interrupted_mid_send_is_failed_not_sent_twice(db: Session):
    posts.queue_dm(session=db, dedupe_key="dm1", discord_id="42", text="hi", now=NOW)
    assert len(_claim(db)) == 1
    assert _claim(db, NOW + timedelta(minutes=5)) == []
    row = db.exec(select(DiscordPost).where(DiscordPost.dedupe_key == "dm1")).one()
    assert row.status == "failed" and "interrupted" in row.error


def test_a_post_too_late_to_matter_is_skipped(db: Session):
    posts.queue_post(
        session=db, dedupe_key="late", embed=EMBED, now=NOW, not_after=NOW + timedelta(minutes=1)
    )
    assert _claim(db, NOW + timedelta(minutes=2)) == []
    assert posts.post_outcome(session=db, dedupe_key="late").status == "skipped"


def test_passing_failures_are_retried_up_to_three_times_lasting_ones_never(db: Session):
    posts.queue_post(session=db, dedupe_key="flaky", embed=EMBED, now=NOW)
    at = NOW
    for _attempt in range(posts.MAX_ATTEMPTS):
        (claimed,) = _claim(db, at)
        posts.record_failed(session=db, post_id=claimed.id, error="503", now=at, retry=True)
        at += timedelta(minutes=5)
    assert _claim(db, at + timedelta(hours=1)) == []
    assert posts.post_outcome(session=db, dedupe_key="flaky").status == "failed"

    posts.queue_dm(session=db, dedupe_key="closed", discord_id="42", text="hi", now=NOW)
    (claimed,) = _claim(db, at)
    posts.record_failed(session=db, post_id=claimed.id, error="DMs closed", now=at, retry=False)
    assert _claim(db, at + timedelta(hours=1)) == []
    assert posts.post_outcome(session=db, dedupe_key="closed").error == "DMs closed"


def test_a_retry_waits_longer_after_each_passing_failure(db: Session):
    """Discord down: the post is not tried again before its pause is over (30 s, then 60 s),
    so a failing Discord is not hammered; a long error is kept at 500 characters."""
    posts.queue_post(session=db, dedupe_key="backoff", embed=EMBED, now=NOW)
    at = NOW
    for attempt in (1, 2):
        (claimed,) = _claim(db, at)
        posts.record_failed(session=db, post_id=claimed.id, error="5" * 600, now=at, retry=True)
        pause = posts.RETRY_AFTER * attempt
        assert _claim(db, at + pause - timedelta(seconds=1)) == []
        at += pause
    assert len(_claim(db, at)) == 1
    assert posts.post_outcome(session=db, dedupe_key="backoff").error == "5" * 500


def test_a_post_for_the_default_channel_fails_clearly_when_none_is_set(db: Session):
    posts.queue_post(session=db, dedupe_key="nowhere", embed=EMBED, now=NOW)
    assert _claim(db, default=None) == []
    outcome = posts.post_outcome(session=db, dedupe_key="nowhere")
    assert outcome.status == "failed" and "announcement channel" in outcome.error


def test_bad_posts_are_refused_and_nothing_is_queued(db: Session):
    with pytest.raises(InvalidInput):
        posts.queue_post(session=db, dedupe_key="x", embed=Embed(title=" "), now=NOW)
    with pytest.raises(InvalidInput):
        posts.queue_post(
            session=db, dedupe_key="x", embed=Embed(title="t", description="d" * 5000), now=NOW
        )
    with pytest.raises(InvalidInput):
        posts.queue_dm(session=db, dedupe_key="x", discord_id="abc", text="hi", now=NOW)
    with pytest.raises(InvalidInput):
        posts.queue_dm(session=db, dedupe_key="x", discord_id="42", text="", now=NOW)
    assert posts.recent_posts(session=db) == []


def test_an_explicit_channel_wins_over_the_default_and_the_newest_post_is_listed_first(
    db: Session,
):
    posts.queue_post(
        session=db, dedupe_key="a", embed=EMBED, now=NOW, channel_id="222222222222222222"
    )
    posts.queue_dm(session=db, dedupe_key="b", discord_id="42", text="Your code\nmore", now=NOW)
    first, second = _claim(db)
    assert first.channel_id == "222222222222222222"
    assert (second.kind, second.discord_id, second.text) == ("dm", "42", "Your code\nmore")
    assert [(p.dedupe_key, p.title, p.about_at) for p in posts.recent_posts(session=db)] == [
        ("b", "Your code", None),
        ("a", "Hello", NOW),  # the moment is shown in the officer's zone by the page
    ]


def test_private_dms_lose_their_text_once_given_up_or_skipped_others_keep_it(db: Session):
    def dm(key: str, *, private: bool, not_after=None) -> None:
        posts.queue_dm(
            session=db,
            dedupe_key=key,
            discord_id="42",
            text=f"secret link for {key}",
            now=NOW,
            not_after=not_after,
            private=private,
        )

    dm("closed", private=True)
    dm("plain", private=False)
    for claimed in _claim(db):
        posts.record_failed(
            session=db, post_id=claimed.id, error="DMs closed", now=NOW, retry=False
        )
    dm("late", private=True, not_after=NOW + timedelta(minutes=1))
    assert _claim(db, NOW + timedelta(minutes=2)) == []
    texts = {row.dedupe_key: row.payload["text"] for row in db.exec(select(DiscordPost)).all()}
    assert texts == {"closed": "", "plain": "secret link for plain", "late": ""}


def test_a_post_being_sent_right_now_is_left_to_its_sender(db: Session):
    """Another claim while the bot is still within its time for a post (two bots, or the next
    poll): that post is neither failed as interrupted nor handed out again."""
    posts.queue_dm(session=db, dedupe_key="busy", discord_id="42", text="hi", now=NOW)
    assert len(_claim(db)) == 1
    assert _claim(db, NOW + posts.INTERRUPTED_AFTER - timedelta(seconds=1)) == []
    assert _claim(db, NOW + posts.INTERRUPTED_AFTER) == []  # its time is up only after that
    row = db.exec(select(DiscordPost).where(DiscordPost.dedupe_key == "busy")).one()
    assert (row.status, row.error) == ("sending", None)
    assert _claim(db, NOW + posts.INTERRUPTED_AFTER + timedelta(seconds=1)) == []
    assert (row.status, row.error) == ("failed", "interrupted while sending; not sent again")


def test_a_post_sent_in_time_stays_sent_when_its_deadline_passes(db: Session):
    posts.queue_post(
        session=db, dedupe_key="ontime", embed=EMBED, now=NOW, not_after=NOW + timedelta(hours=1)
    )
    (claimed,) = _claim(db)
    posts.record_sent(session=db, post_id=claimed.id, message_id="777", now=NOW)
    _claim(db, NOW + timedelta(hours=2))
    assert posts.post_outcome(session=db, dedupe_key="ontime").status == "sent"


def test_a_post_is_sent_up_to_its_deadline_and_skipped_after_it(db: Session):
    deadline = NOW + timedelta(hours=1)
    posts.queue_post(session=db, dedupe_key="edge", embed=EMBED, now=NOW, not_after=deadline)
    assert len(_claim(db, deadline)) == 1
    posts.queue_post(session=db, dedupe_key="missed", embed=EMBED, now=NOW, not_after=deadline)
    assert _claim(db, deadline + timedelta(seconds=1)) == []
    missed = db.exec(select(DiscordPost).where(DiscordPost.dedupe_key == "missed")).one()
    assert (missed.status, missed.error) == ("skipped", "too late to matter; not sent")


def test_a_claim_takes_the_oldest_due_posts_up_to_its_limit_with_no_stray_text(db: Session):
    for n in range(3):
        posts.queue_post(session=db, dedupe_key=f"p{n}", embed=EMBED, now=NOW)
    claimed = posts.claim_due_posts(session=db, now=NOW, default_channel_id="1", limit=2)
    keys = {p.id: p.dedupe_key for p in db.exec(select(DiscordPost))}
    assert [keys[p.id] for p in claimed] == ["p0", "p1"]
    assert [p.text for p in claimed] == ["", ""]  # an embed alone: no message text beside it
