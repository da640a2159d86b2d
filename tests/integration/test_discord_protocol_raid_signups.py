"""Raid night on Discord, the real bot against the fake Discord's protocol: the raid's post
carries the answer buttons; a press (INTERACTION_CREATE) is deferred, recorded and answered
ephemerally; the post is edited to show it (coalesced, a 429 waited out); a form (modal) for
late and can't come; an unlinked account is told how to link; and the buttons still answer
after the bot restarts."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, select

from patt_app.models import (
    DiscordUser,
    Player,
    PlayerAvailability,
    RaidAttendance,
    RaidEvent,
    Role,
    Specialization,
)
from patt_app.services.guild_discord.event_posts import queue_event_posts
from patt_app.services.guild_discord.posts import queue_dm
from patt_app.services.guild_discord.raid_signups import answer_as_player, discord_when
from patt_app.settings import get_settings
from tests.integration.discord_bot_harness import BotThread, wait_connected, wait_for
from tests.support.fake_discord.interactions import DEFERRED_MESSAGE, EPHEMERAL

SITE = "https://patt.example"


def _raid(engine, fake, *, raid_size: int | None = 25) -> int:
    start = (datetime.now(UTC) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    with Session(engine) as session:
        event = RaidEvent(
            title="Liberation of Undermine",
            event_date=start.date(),
            start_time_utc=start,
            end_time_utc=start + timedelta(hours=3),
            discord_channel_id=fake.announcements,
            raid_size=raid_size,
        )
        session.add(event)
        session.flush()
        queue_event_posts(session=session, now=datetime.now(UTC), site_url=SITE)
        session.commit()
        return event.id


def _player(engine, uid: str | None, name: str, role: str = "healer") -> int:
    """A player linked to the Discord member `uid` (synced by the bot on connect)."""
    with Session(engine) as session:
        spec = session.exec(
            select(Specialization)
            .join(Role, Role.id == Specialization.default_role_id)
            .where(Role.key == role)
        ).first()
        user = None
        if uid:
            user = session.exec(select(DiscordUser).where(DiscordUser.discord_id == uid)).one()
        player = Player(
            display_name=name,
            timezone="America/New_York",
            main_spec_id=spec.id,
            discord_user_id=user.id if user else None,
        )
        session.add(player)
        session.commit()
        return player.id


def _row(engine, event_id: int, player_id: int) -> RaidAttendance | None:
    with Session(engine) as session:
        return session.exec(
            select(RaidAttendance).where(
                RaidAttendance.event_id == event_id, RaidAttendance.player_id == player_id
            )
        ).first()


def _post(fake):
    return wait_for(
        lambda: next((m for m in fake.messages_in(fake.announcements) if m.components), None),
        10,
        "the raid's post with its buttons",
    )


def _fields(message) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message.embeds[0].get("fields", [])}


def _reply(interaction) -> str:
    return wait_for(lambda: interaction.follow_ups and interaction.follow_ups[-1], 10).content


def _when(engine, event_id: int) -> str:
    with Session(engine) as session:
        return discord_when(session.get(RaidEvent, event_id), "America/New_York")


def test_a_press_signs_up_answers_ephemerally_and_the_post_follows(committed, fake_discord):
    ann = fake_discord.add_member("ann")
    stranger = fake_discord.add_member("stranger")
    with BotThread():
        wait_connected(committed, fake_discord)
        ann_id = _player(committed, ann, "Ann")
        event_id = _raid(committed, fake_discord)
        post = _post(fake_discord)
        ids = [c["custom_id"] for row in post.components for c in row["components"]]
        assert ids == [
            f"raid:{event_id}:{c}" for c in ("sign_up", "tentative", "late", "bench", "cant_come")
        ]
        assert _fields(post)["Seats"] == "0 / 25"
        assert "<t:" in _fields(post)["When"] and ":R>" in _fields(post)["When"]

        press = fake_discord.button_press(post.id, f"raid:{event_id}:sign_up", ann)
        assert _reply(press) == (
            f"You're in for {_when(committed, event_id)} as Healer — seat 1 of 25."
        )
        assert press.callbacks[0]["type"] == DEFERRED_MESSAGE  # acknowledged first
        assert press.follow_ups[-1].flags & EPHEMERAL
        assert _row(committed, event_id, ann_id).signed_up
        wait_for(lambda: _fields(post).get("Seats") == "1 / 25", 10, "the post edited")
        assert "Ann" in _fields(post)["💚 Healers (1)"]

        # Late: a form asks how late; the post lists her as late.
        late = fake_discord.button_press(post.id, f"raid:{event_id}:late", ann)
        wait_for(lambda: late.modal, 10, "the late form")
        submitted = fake_discord.submit_modal(late, ann, minutes="30")
        assert "about 30 min late — seat 1 of 25" in _reply(submitted)
        wait_for(lambda: "Late (1)" in _fields(post), 10, "the late list")
        assert "Ann (~30 min)" in _fields(post)["Late (1)"]

        # An account linked to nobody is told how to link; nothing is recorded.
        lost = fake_discord.button_press(post.id, f"raid:{event_id}:sign_up", stranger)
        assert (
            f"{get_settings().public_base_url}/register" in _reply(lost)
            and lost.follow_ups[-1].flags & EPHEMERAL
        )
        with Session(committed) as session:
            assert len(session.exec(select(RaidAttendance)).all()) == 1


def test_website_answers_edit_the_post_coalesced_and_a_429_is_waited_out(committed, fake_discord):
    with BotThread():
        wait_connected(committed, fake_discord)
        event_id = _raid(committed, fake_discord, raid_size=None)
        post = _post(fake_discord)
        wait_for(lambda: post.edits >= 0 and _fields(post).get("Seats"), 5)
        people = [_player(committed, None, f"Raider {n}", "ranged") for n in range(6)]
        fake_discord.rate_limit_next(
            "PATCH", f"/channels/{fake_discord.announcements}/messages/{post.id}", 0.5
        )
        before = post.edits
        for player_id in people:  # six sign-ups on the website within a moment
            with Session(committed) as session:
                answer_as_player(
                    session=session,
                    player_id=player_id,
                    event_id=event_id,
                    choice="sign_up",
                    now=datetime.now(UTC),
                )
                session.commit()
        wait_for(lambda: _fields(post).get("Seats") == "6 signed up", 15, "all six shown")
        assert fake_discord.times_of(  # Discord did say 429, and the edit came through after
            f"429 PATCH /api/v10/channels/{fake_discord.announcements}/messages/{post.id}"
        )
        assert post.edits - before <= 3  # six answers, a handful of edits at most
        assert _fields(post)["🏹 Ranged (6)"].count("Raider") == 6


def test_the_buttons_answer_after_a_restart_and_a_freed_seat_goes_to_the_waitlist(
    committed, fake_discord
):
    ann, bob = fake_discord.add_member("ann"), fake_discord.add_member("bob")
    with BotThread():
        wait_connected(committed, fake_discord)
        _player(committed, ann, "Ann")
        bob_id = _player(committed, bob, "Bob", "tank")
        event_id = _raid(committed, fake_discord, raid_size=1)
        post = _post(fake_discord)
        assert "seat 1 of 1" in _reply(
            fake_discord.button_press(post.id, f"raid:{event_id}:sign_up", ann)
        )
    with BotThread():  # a new process: nothing of the old bot's views is left
        wait_for(lambda: len(fake_discord.identifies) == 2, 15, "the restarted bot")
        wait_connected(committed, fake_discord)
        waiting = fake_discord.button_press(post.id, f"raid:{event_id}:sign_up", bob)
        assert "you're number 1 on the waitlist" in _reply(waiting)
        cant = fake_discord.button_press(post.id, f"raid:{event_id}:cant_come", ann)
        wait_for(lambda: cant.modal, 10, "the can't-come form")
        assert "you can't come" in _reply(fake_discord.submit_modal(cant, ann, reason="sick"))
        (dm,) = wait_for(lambda: fake_discord.dms_to(bob), 10, "Bob's DM")
        assert "A seat opened for **Liberation of Undermine**" in dm.content
        assert _row(committed, event_id, bob_id).signed_up
        wait_for(lambda: "Can't come (1)" in _fields(post), 10, "the post shows it")
        assert "Bob" in _fields(post)["🛡️ Tanks (1)"] and "Waitlist (1)" not in _fields(post)


def test_the_members_slash_commands_answer_in_their_zone_with_the_buttons(committed, fake_discord):
    ann, stranger = fake_discord.add_member("ann"), fake_discord.add_member("stranger")
    with BotThread():
        wait_connected(committed, fake_discord)
        ann_id = _player(committed, ann, "Ann")
        with Session(committed) as session:
            session.add(
                PlayerAvailability(
                    player_id=ann_id, day_of_week=1, earliest_start=time(20), available_hours=4
                )
            )
            session.commit()
        event_id = _raid(committed, fake_discord)
        wait_for(lambda: {c["name"] for c in fake_discord.commands} >= {"raids", "link"}, 10)

        asked = fake_discord.slash_command("raids", ann)
        listed = wait_for(lambda: asked.follow_ups and asked.follow_ups[0], 10, "/raids")
        assert "Liberation of Undermine — not signed up" in listed.content
        assert listed.flags & EPHEMERAL and listed.components  # the raid's buttons
        press = fake_discord.button_press(listed.id, f"raid:{event_id}:tentative", ann)
        assert _reply(press).startswith(f"Marked tentative for {_when(committed, event_id)}")

        week = _reply(fake_discord.slash_command("availability", ann))
        assert "Your week (America/New_York):\nTue from 20:00 for 4 h" in week
        assert _reply(fake_discord.slash_command("link", ann)).startswith(
            "Your Discord account is linked to Ann."
        )
        assert "isn't linked" in _reply(fake_discord.slash_command("link", stranger))
        assert "isn't linked" in _reply(fake_discord.slash_command("raids", stranger))


def test_the_day_ahead_nudge_arrives_by_dm_with_the_buttons(committed, fake_discord):
    ann = fake_discord.add_member("ann")
    with BotThread():
        wait_connected(committed, fake_discord)
        event_id = _raid(committed, fake_discord)
        with Session(committed) as session:
            queue_dm(
                session=session,
                dedupe_key=f"nudge:{event_id}:test",
                discord_id=ann,
                text="Your availability covers the raid, but you haven't answered yet.",
                now=datetime.now(UTC),
                buttons_for_event=event_id,
            )
            session.commit()
        (dm,) = wait_for(lambda: fake_discord.dms_to(ann), 10, "the nudge")
        ids = [c["custom_id"] for row in dm.components for c in row["components"]]
        assert f"raid:{event_id}:sign_up" in ids and f"raid:{event_id}:cant_come" in ids
        ann_id = _player(committed, ann, "Ann")
        press = fake_discord.button_press_in_dm(dm.id, f"raid:{event_id}:sign_up")
        assert _reply(press).startswith(f"You're in for {_when(committed, event_id)}")
        assert _row(committed, event_id, ann_id).signed_up


def test_a_player_with_an_off_spec_picks_its_role_under_the_answer(committed, fake_discord):
    ann = fake_discord.add_member("ann")
    with BotThread():
        wait_connected(committed, fake_discord)
        ann_id = _player(committed, ann, "Ann")
        with Session(committed) as session:
            player = session.get(Player, ann_id)
            player.offspec_spec_id = session.exec(
                select(Specialization.id)
                .join(Role, Role.id == Specialization.default_role_id)
                .where(Role.key == "tank")
            ).first()
            session.add(player)
            session.commit()
        event_id = _raid(committed, fake_discord)
        post = _post(fake_discord)
        press = fake_discord.button_press(post.id, f"raid:{event_id}:sign_up", ann)
        assert "as Healer" in _reply(press)
        (menu,) = press.follow_ups[-1].components[0]["components"]
        assert menu["custom_id"] == f"raidrole:{event_id}"
        assert [o["value"] for o in menu["options"]] == ["healer", "tank"]
        picked = fake_discord.select_option(press.follow_ups[-1].id, menu["custom_id"], ann, "tank")
        assert "as Tank — seat 1 of 25" in _reply(picked)
        wait_for(lambda: "🛡️ Tanks (1)" in _fields(post), 10, "Ann among the tanks")
