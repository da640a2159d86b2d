"""A role ask on Discord, the real bot against the fake Discord: "Ask them" queues the DM with
Yes / No; the bot sends it; a press of Yes moves the player's sign-up to the asked role."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.models import Player, RaidAttendance, Role, Specialization
from patt_app.services.guild_discord.role_ask_dms import ask_by_dm
from patt_app.services.raids.signup_answers import answer_raid
from patt_app.services.raids.turnout_forecast import Composition
from tests.integration.discord_bot_harness import BotThread, wait_connected, wait_for
from tests.integration.test_discord_protocol_raid_signups import _player, _raid, _reply, _row


def _give_holy_offspec(engine, player_id: int) -> None:
    with Session(engine) as session:
        player = session.get(Player, player_id)
        player.offspec_spec_id = session.exec(
            select(Specialization.id)
            .join(Role, Role.id == Specialization.default_role_id)
            .where(Role.key == "healer")
        ).first()
        session.add(player)
        session.commit()


def test_yes_under_the_ask_moves_the_sign_up(committed, fake_discord):
    rita = fake_discord.add_member("rita")
    with BotThread():
        wait_connected(committed, fake_discord)
        rita_id = _player(committed, rita, "Rita", role="ranged")
        _give_holy_offspec(committed, rita_id)
        event_id = _raid(committed, fake_discord)
        with Session(committed) as session:
            now = datetime.now(UTC)
            answer_raid(
                session=session, player_id=rita_id, event_id=event_id, choice="sign_up", now=now
            )
            outcome = ask_by_dm(
                session=session,
                event_id=event_id,
                now=now,
                need=Composition(tanks=0, healers=1, dps=0),
            )
            session.commit()
        assert outcome.asked == ["Rita"]
        (dm,) = wait_for(lambda: fake_discord.dms_to(rita), 10, "the ask")
        assert dm.content.startswith("Could you bring ")
        ids = [c["custom_id"] for row in dm.components for c in row["components"]]
        assert len(ids) == 2 and ids[0].endswith(":yes") and ids[1].endswith(":no")
        press = fake_discord.button_press_in_dm(dm.id, ids[0])
        assert _reply(press).startswith("Thanks! You're signed up as Healer")
        row: RaidAttendance = _row(committed, event_id, rita_id)
        assert row.signed_up and row.signup_role == "healer"
