"""Sign-up answers (services/raids/signup_answers.py and its Discord-side wrapper): what each
choice records, the refusals, seats and the waitlist, and the DM to whoever gets a freed seat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.models import (
    DiscordPost,
    DiscordUser,
    Player,
    RaidAttendance,
    RaidEvent,
    Role,
    Specialization,
)
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.guild_discord.raid_signups import NotLinked, answer_from_discord
from patt_app.services.raids.raid_seats import event_seating
from patt_app.services.raids.signup_answers import answer_raid

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
START = datetime(2026, 12, 8, 20, tzinfo=UTC)  # a Tuesday, 21:00 in Berlin


def _event(session: Session, **changes) -> RaidEvent:
    event = RaidEvent(
        title="Liberation of Undermine",
        event_date=START.date(),
        start_time_utc=START,
        end_time_utc=START + timedelta(hours=3),
        **changes,
    )
    session.add(event)
    session.flush()
    return event


def _player(session: Session, name: str, *, role: str = "healer", discord_id=None, **kw) -> Player:
    spec = session.exec(
        select(Specialization)
        .join(Role, Role.id == Specialization.default_role_id)
        .where(Role.key == role)
    ).first()
    user_id = None
    if discord_id:
        user = DiscordUser(discord_id=discord_id, username=name.lower())
        session.add(user)
        session.flush()
        user_id = user.id
    player = Player(
        display_name=name,
        timezone="Europe/Berlin",
        main_spec_id=spec.id,
        discord_user_id=user_id,
        **kw,
    )
    session.add(player)
    session.flush()
    return player


def _row(session: Session, event: RaidEvent, player: Player) -> RaidAttendance:
    session.expire_all()
    return session.exec(
        select(RaidAttendance).where(
            RaidAttendance.event_id == event.id, RaidAttendance.player_id == player.id
        )
    ).one()


def _answer(session, player, event, choice, when=NOW, **kw):
    return answer_raid(
        session=session, player_id=player.id, event_id=event.id, choice=choice, now=when, **kw
    )


@pytest.mark.parametrize(
    "choice, kw, recorded",
    [
        ("sign_up", {}, dict(signed_up=True, tentative=False, late_minutes=None)),
        ("tentative", {}, dict(signed_up=False, tentative=True, noted_absence=False)),
        ("late", {"late_minutes": 30}, dict(signed_up=True, late_minutes=30)),
        ("bench", {}, dict(signed_up=True, bench_volunteer=True)),
        (
            "cant_come",
            {"reason": "  work trip "},
            dict(signed_up=False, noted_absence=True, absence_note="work trip"),
        ),
        ("cant_come", {}, dict(signed_up=False, noted_absence=True, absence_note=None)),
        ("withdraw", {}, dict(signed_up=False, noted_absence=False, tentative=False)),
    ],
)
def test_each_choice_records_its_answer_and_clears_the_others(seeded, choice, kw, recorded):
    event, ann = _event(seeded), _player(seeded, "Ann")
    _answer(seeded, ann, event, "late", late_minutes=15)  # an earlier answer, replaced
    _answer(seeded, ann, event, "tentative")
    _answer(seeded, ann, event, choice, **kw)
    row = _row(seeded, event, ann)
    assert {k: getattr(row, k) for k in recorded} == recorded
    assert seeded.get(RaidEvent, event.id).roster_changed_at == NOW  # the post will follow


def test_the_answer_reads_in_plain_words_in_the_players_zone(seeded):
    event, ann = _event(seeded, raid_size=25), _player(seeded, "Ann")
    outcome = _answer(seeded, ann, event, "sign_up")
    # The day in the player's zone; the raid's card beside the reply shows the clock time.
    raid = "Liberation of Undermine on Tue 8 Dec"
    assert outcome.message == f"You're in for {raid} as Healer — seat 1 of 25."
    late = _answer(seeded, ann, event, "late", late_minutes=20)
    assert late.message == f"You're in for {raid} as Healer, about 20 min late — seat 1 of 25."
    assert _answer(seeded, ann, event, "tentative").message.startswith(
        f"Marked tentative for {raid}"
    )


@pytest.mark.parametrize(
    "setup, choice, kw, refusal",
    [
        ("cancelled", "sign_up", {}, "That raid was cancelled."),
        ("started", "sign_up", {}, "That raid has already started; ask an officer."),
        ("started", "cant_come", {}, "That raid has already started; ask an officer."),
        ("inactive", "sign_up", {}, "Your player is inactive"),
        ("inactive", "tentative", {}, "Your player is inactive"),
        ("", "late", {}, "Say how late in minutes, 1 to 240."),
        ("", "late", {"late_minutes": 241}, "Say how late in minutes, 1 to 240."),
        ("", "cant_come", {"reason": "x" * 201}, "Keep the reason to 200 characters."),
        ("", "maybe", {}, "Pick one of"),
    ],
)
def test_refusals_change_nothing(seeded, setup, choice, kw, refusal):
    event = _event(seeded, cancelled_at=NOW if setup == "cancelled" else None)
    ann = _player(seeded, "Ann", is_active=setup != "inactive")
    when = START + timedelta(minutes=1) if setup == "started" else NOW
    with pytest.raises(InvalidInput) as refused:
        _answer(seeded, ann, event, choice, when=when, **kw)
    assert str(refused.value).startswith(refusal)
    seeded.expire_all()
    assert seeded.exec(select(RaidAttendance)).all() == []
    assert seeded.get(RaidEvent, event.id).roster_changed_at is None


def test_an_unknown_event_is_not_found(seeded):
    with pytest.raises(NotFound):
        answer_raid(
            session=seeded,
            player_id=_player(seeded, "Ann").id,
            event_id=999_999,
            choice="sign_up",
            now=NOW,
        )


def test_seats_fill_in_order_the_rest_wait_and_a_freed_seat_goes_to_the_first_waiting(seeded):
    event = _event(seeded, raid_size=2)
    ann, bob = _player(seeded, "Ann"), _player(seeded, "Bob", role="tank")
    cat = _player(seeded, "Cat", discord_id="70001")
    dan = _player(seeded, "Dan", discord_id="70002")
    _answer(seeded, cat, event, "bench")  # first, but will sit if needed: seated last
    _answer(seeded, ann, event, "sign_up", when=NOW + timedelta(seconds=1))
    _answer(seeded, bob, event, "late", when=NOW + timedelta(seconds=2), late_minutes=10)
    waiting = _answer(seeded, dan, event, "sign_up", when=NOW + timedelta(seconds=3))
    assert waiting.seat is None and waiting.waiting_place == 1
    assert "you're number 1 on the waitlist" in waiting.message
    assert event_seating(session=seeded, event_id=event.id).seated == [ann.id, bob.id]
    from patt_app.services.raids.bench_view import event_bench

    assert event_bench(session=seeded, event_id=event.id).waiting == ["Dan", "Cat"]  # Cat sits
    # Ann changes her mind: late keeps her place; then she can't come and Dan gets her seat.
    _answer(seeded, ann, event, "late", when=NOW + timedelta(seconds=4), late_minutes=5)
    assert event_seating(session=seeded, event_id=event.id).seated == [ann.id, bob.id]
    freed = _answer(seeded, ann, event, "cant_come", when=NOW + timedelta(seconds=5))
    assert freed.seated == [dan.id]


def test_the_discord_path_dms_the_seated_player_and_refuses_unlinked_accounts(seeded):
    event = _event(seeded, raid_size=1)
    ann = _player(seeded, "Ann", discord_id="70011")
    _player(seeded, "Bob", discord_id="70012")
    site = "https://patt.example"
    answer_from_discord(
        session=seeded,
        discord_id="70011",
        event_id=event.id,
        choice="sign_up",
        now=NOW,
        site_url=site,
    )
    second = answer_from_discord(
        session=seeded,
        discord_id="70012",
        event_id=event.id,
        choice="sign_up",
        now=NOW + timedelta(seconds=1),
        site_url=site,
    )
    assert second.waiting_place == 1
    answer_from_discord(
        session=seeded,
        discord_id="70011",
        event_id=event.id,
        choice="cant_come",
        now=NOW + timedelta(seconds=2),
        site_url=site,
        reason="sick",
    )
    (dm,) = seeded.exec(select(DiscordPost).where(DiscordPost.kind == "dm")).all()
    assert (
        dm.discord_id == "70012"
        and "A seat opened for **Liberation of Undermine**" in (dm.payload["text"])
    )
    assert _row(seeded, event, ann).absence_note == "sick"
    with pytest.raises(NotLinked) as refused:
        answer_from_discord(
            session=seeded,
            discord_id="79999",
            event_id=event.id,
            choice="sign_up",
            now=NOW,
            site_url=site,
        )
    assert "https://patt.example/register" in str(refused.value)
    assert len(seeded.exec(select(RaidAttendance)).all()) == 2


def test_forecast_bench_and_checklist_understand_the_answers(seeded):
    from patt_app.services.raids.attendance import checklist
    from patt_app.services.raids.bench_view import event_bench
    from patt_app.services.raids.forecast_view import forecast_for_event

    event = _event(seeded, raid_size=2)
    ann, bob, cat = (_player(seeded, n) for n in ("Ann", "Bob", "Cat"))
    tia = _player(seeded, "Tia")
    _answer(seeded, cat, event, "bench")
    _answer(seeded, ann, event, "sign_up")
    _answer(seeded, bob, event, "late", late_minutes=30)
    _answer(seeded, tia, event, "tentative")
    chances = forecast_for_event(session=seeded, event_id=event.id, now=NOW).chances
    assert 0 < chances[tia.id] == pytest.approx(chances[ann.id] / 2)
    assert chances[bob.id] == chances[ann.id]  # late still comes
    proposal = event_bench(session=seeded, event_id=event.id).proposal
    assert [c.name for c in proposal.benched] == ["Cat"]  # the volunteer sits first
    rows = {r.name: r for r in checklist(session=seeded, event_id=event.id)}
    assert (rows["Bob"].late_minutes, rows["Tia"].tentative, rows["Ann"].late_minutes) == (
        30,
        True,
        0,
    )


def test_more_seats_take_the_first_waiting_off_the_waitlist_with_a_dm(seeded):
    from patt_app.services.guild_discord.raid_signups import change_seats

    event = _event(seeded, raid_size=1)
    _player(seeded, "Ann", discord_id="70021")
    bob = _player(seeded, "Bob", discord_id="70022")
    cat = _player(seeded, "Cat", discord_id="70023")
    for n, discord_id in enumerate(("70021", "70022", "70023")):
        answer_from_discord(
            session=seeded,
            discord_id=discord_id,
            event_id=event.id,
            choice="sign_up",
            now=NOW + timedelta(seconds=n),
            site_url="x",
        )
    assert change_seats(session=seeded, event_id=event.id, raid_size=2, now=NOW) == [bob.id]
    (dm,) = seeded.exec(select(DiscordPost).where(DiscordPost.kind == "dm")).all()
    assert dm.discord_id == "70022"
    assert event_seating(session=seeded, event_id=event.id).waiting == [cat.id]


def test_signing_up_as_an_off_spec_role_and_keeping_it_through_late(seeded):
    from patt_app.services.raids.raid_roster import raid_roster

    event = _event(seeded, raid_size=10)
    ann = _player(seeded, "Ann")  # a healer
    tank = seeded.exec(
        select(Specialization)
        .join(Role, Role.id == Specialization.default_role_id)
        .where(Role.key == "tank")
    ).first()
    ann.offspec_spec_id = tank.id
    seeded.add(ann)
    seeded.flush()
    first = _answer(seeded, ann, event, "sign_up")
    assert first.roles == ("healer", "tank") and "as Healer" in first.message
    assert "as Tank" in _answer(seeded, ann, event, "sign_up", role="tank").message
    late = _answer(seeded, ann, event, "late", late_minutes=10)
    assert "as Tank, about 10 min late" in late.message
    assert [n.name for n in raid_roster(session=seeded, event_id=event.id).by_role["tank"]] == [
        "Ann"
    ]
    with pytest.raises(InvalidInput, match=r"You can sign up as: Healer, Tank\."):
        _answer(seeded, ann, event, "sign_up", role="ranged")
    with pytest.raises(InvalidInput, match="You can sign up as"):
        _answer(seeded, ann, event, "tentative", role="tank")
    _answer(seeded, ann, event, "withdraw")
    assert _row(seeded, event, ann).signup_role is None
    assert "as Healer" in _answer(seeded, ann, event, "sign_up").message
