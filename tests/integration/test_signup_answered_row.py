"""A member's answer on /events: the reply and the raid's row the tab shows come from the
answer itself (its seats worked out from the seats before it and the row it wrote, not read
again). Over a run of answers by six players for four seats, each reply's seat or waitlist
place and each row match what a fresh read of the raid and the member's whole list say — the
season's name and the sign-up count too, which counts an inactive player's sign-up that takes
no seat."""

from __future__ import annotations

import random

from sqlmodel import Session

from patt_app.models import RaidAttendance, RaidSeason
from patt_app.services.raids.event_view import member_upcoming
from patt_app.services.raids.raid_seats import event_seating
from patt_app.states.events import _signed
from tests.integration.test_signup_answers import NOW, _event, _player

CHOICES = ("sign_up", "late", "bench", "tentative", "cant_come", "withdraw")


def test_each_answer_row_matches_a_fresh_read_of_the_raid(seeded: Session):
    season = RaidSeason(name="Season of Seats", start_date=NOW.date())
    seeded.add(season)
    seeded.flush()
    event = _event(seeded, raid_size=4, season_id=season.id)
    players = [_player(seeded, f"Raider{n}", role=("tank", "healer")[n % 2]) for n in range(6)]
    resting = _player(seeded, "Resting", is_active=False)
    seeded.add(RaidAttendance(event_id=event.id, player_id=resting.id, signed_up=True))
    seeded.flush()
    pick = random.Random(7)
    waitlisted = 0
    for _ in range(60):
        player = pick.choice(players)
        choice = pick.choice(CHOICES)
        extra = {"late_minutes": pick.randint(1, 60)} if choice == "late" else {}
        said, rows = _signed(
            session=seeded,
            player_id=player.id,
            now=NOW,
            origin=None,
            event_id=event.id,
            choice=choice,
            **extra,
        )
        seeded.expire_all()
        fresh = member_upcoming(session=seeded, player_id=player.id, now=NOW)
        assert rows == [u for u in fresh if u.event.id == event.id]
        assert rows[0].event.season_name == "Season of Seats"
        seating = event_seating(session=seeded, event_id=event.id)
        taking_part = len(seating.seated) + len(seating.waiting)
        assert rows[0].event.signed_up_count == taking_part + 1  # the resting player's too
        if player.id in seating.waiting:
            waitlisted += 1
            place = seating.waiting.index(player.id) + 1
            assert f"number {place} on the waitlist" in said
            assert rows[0].detail == f"number {place} on the waitlist"
        elif player.id in seating.seated:
            assert f"seat {seating.seated.index(player.id) + 1} of 4" in said
    assert waitlisted > 0  # the run did reach the waitlist
