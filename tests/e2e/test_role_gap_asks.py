"""Filling a role gap with off-specs on /admin/events: an officer sees whom to ask to bring a
healer off-spec for a raid short of healers, presses "Ask them by DM", and the asks and their
DMs (with Yes / No) are recorded. Uses its own raid and players, removed afterwards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, delete
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.models import (
    DiscordPost,
    DiscordUser,
    Player,
    PlayerAvailability,
    RaidAttendance,
    RaidEvent,
    Role,
    RoleAsk,
    Specialization,
)
from patt_app.services.raids.forecast_view import forecast_for_event
from tests.databases import server_admin_url
from tests.e2e.conftest import logged_in_page

TITLE = "Off-spec gap night"
NAMES = ("Gapfill Aria", "Gapfill Bram", "Gapfill Cleo")
SHOTS = Path("test-results")


def _database():
    url = make_url(server_admin_url()).set(database="patt_e2e")
    return create_engine(url.render_as_string(hide_password=False))


def _spec(session: Session, role: str) -> int:
    return session.exec(
        select(Specialization.id)
        .join(Role, Role.id == Specialization.default_role_id)
        .where(Role.key == role)
        .order_by(Specialization.id)
    ).first()


@pytest.fixture
def short_raid() -> Iterator[int]:
    """The coming Saturday's raid (one to seven days out), three signed-up ranged players with a
    healer off-spec. Soon, so it is among the outlook's next eight raids however many the demo
    guild and other tests have before it (three weeks out, it was the ninth some days)."""
    engine = _database()
    day = datetime.now(UTC).date() + timedelta(days=1)
    day += timedelta(days=(5 - day.weekday()) % 7)
    start = datetime.combine(day, time(19), tzinfo=UTC)
    with Session(engine) as session:
        event = RaidEvent(
            title=TITLE,
            event_date=day,
            start_time_utc=start,
            end_time_utc=start + timedelta(hours=3),
        )
        session.add(event)
        for n, name in enumerate(NAMES):
            user = DiscordUser(discord_id=str(400000000000000000 + n), username=name.lower())
            session.add(user)
            session.flush()
            player = Player(
                display_name=name,
                timezone="Europe/Berlin",
                main_spec_id=_spec(session, "ranged"),
                offspec_spec_id=_spec(session, "healer"),
                discord_user_id=user.id,
            )
            session.add(player)
            session.flush()
            session.add(RaidAttendance(event_id=event.id, player_id=player.id, signed_up=True))
            session.add(
                PlayerAvailability(
                    player_id=player.id,
                    day_of_week=5,
                    earliest_start=time(19),
                    available_hours=Decimal(5),
                )
            )
        session.commit()
        event_id = event.id
    yield event_id
    with Session(engine) as session:
        session.execute(
            delete(DiscordPost).where(DiscordPost.subject == f"raid_event:{event_id}:role_ask")
        )
        session.execute(delete(RaidEvent).where(RaidEvent.id == event_id))
        ids = session.exec(select(Player.id).where(Player.display_name.in_(NAMES))).all()
        users = session.exec(select(Player.discord_user_id).where(Player.id.in_(ids))).all()
        session.execute(delete(Player).where(Player.id.in_(ids)))
        session.execute(delete(DiscordUser).where(DiscordUser.id.in_(users)))
        session.commit()
    engine.dispose()


def test_ask_them_records_the_asks_and_queues_the_dms(
    browser: Browser, app_url: str, short_raid: int
):
    with Session(_database()) as session:
        healers = forecast_for_event(
            session=session, event_id=short_raid, now=datetime.now(UTC)
        ).by_role["healer"]
    need = round(healers) + 1  # one healer short
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/events")
    officer.fill("#need-tanks", "0")
    officer.fill("#need-healers", str(need))
    officer.fill("#need-dps", "0")
    officer.click("#need-apply")
    raid = officer.locator(".forecast-event", has_text=TITLE)
    gap = raid.locator(".gap-fill", has_text="Healers")
    expect(gap).to_contain_text(f"Healers: likely {round(healers)}, need {need}")
    expect(gap).to_contain_text(re.compile(r"ask Gapfill \w+ \(\w[\w ]*, 9\d %\)"))
    proposed = re.findall(r"(Gapfill \w+) \(", gap.inner_text())
    assert 1 <= len(proposed) <= 2  # one short: the fewest that close it, plus one spare
    SHOTS.mkdir(exist_ok=True)
    raid.screenshot(path=str(SHOTS / "role-gap-desktop.png"))

    raid.locator(".ask-off-specs").click()
    expect(officer.get_by_text(re.compile(r"Asked Gapfill .* by DM"))).to_be_visible()
    expect(raid.locator(".gap-asked")).to_contain_text("(waiting)")
    expect(raid.locator(".ask-off-specs")).to_have_count(0)  # the gap has its asks
    officer.set_viewport_size({"width": 390, "height": 900})
    raid.screenshot(path=str(SHOTS / "role-gap-390.png"))

    with Session(_database()) as session:
        asks = session.exec(select(RoleAsk).where(RoleAsk.event_id == short_raid)).all()
        names = {session.get(Player, a.player_id).display_name for a in asks}
        assert names == set(proposed) and {a.role for a in asks} == {"healer"}
        dms = session.exec(
            select(DiscordPost).where(DiscordPost.subject == f"raid_event:{short_raid}:role_ask")
        ).all()
        assert sorted(d.payload["role_ask"] for d in dms) == sorted(a.id for a in asks)
        assert all(d.payload["text"].startswith("Could you bring ") for d in dms)
