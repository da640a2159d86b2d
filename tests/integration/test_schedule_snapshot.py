"""The raid-night finder's one read (`schedule_snapshot`): it brings the asking officer's own
zone, so the finder can show each night in it, and never a zone that is not one."""

from sqlalchemy import text
from sqlmodel import Session

from patt_app.models import Player
from patt_app.services.scheduling.schedule_view import schedule_snapshot


def _player(session: Session, name: str, zone: str) -> Player:
    player = Player(display_name=name, timezone=zone)
    session.add(player)
    session.flush()
    return player


def test_the_asking_players_zone_comes_with_the_read(seeded):
    officer = _player(seeded, "Berliner", "Europe/Berlin")
    assert schedule_snapshot(session=seeded, player_id=officer.id).home_zone == "Europe/Berlin"
    assert schedule_snapshot(session=seeded).home_zone is None  # nobody asked


def test_a_zone_that_is_not_one_is_not_passed_on(seeded):
    officer = _player(seeded, "Lost", "Europe/Berlin")
    seeded.execute(  # what a hand-edited database or an old import could leave
        text("UPDATE guild_identity.players SET timezone = 'Mars/Olympus' WHERE id = :p"),
        {"p": officer.id},
    )
    seeded.expire_all()
    snapshot = schedule_snapshot(session=seeded, player_id=officer.id)
    assert snapshot.home_zone is None
    assert officer.id in {skipped.player_id for skipped in snapshot.skipped}
