"""Two member syncs at once for the same newcomer (the bot hears the join and, on another
thread, the role an auto-role bot gives right after; or a full sync runs meanwhile) write one
`discord_users` row and neither fails: before, the second died on the unique Discord id, and
when that was the join, the newcomer's onboarding never started."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.models import DiscordUser
from patt_app.services.guild_discord.bot_status import set_switches
from patt_app.services.guild_discord.member_sync import SeenMember, sync_members
from tests.integration.discord_bot_harness import BotThread, wait_connected, wait_for
from tests.integration.racing import until_one_waits_on_a_lock

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
NEWCOMER = "900000000000000123"
WITH_ROLE = SeenMember(NEWCOMER, "newbie", None, role_names=("Initiate",))


def _rows(engine) -> list[DiscordUser]:
    with Session(engine) as session:
        return list(session.exec(select(DiscordUser).where(DiscordUser.discord_id == NEWCOMER)))


def test_two_syncs_of_a_newcomer_at_once_write_one_row_and_both_finish(committed):
    outcome: dict[str, object] = {}

    def second() -> None:
        try:
            with Session(committed) as session:
                seen = [SeenMember(NEWCOMER, "newbie", None)]
                diff = sync_members(session=session, seen=seen, now=NOW, complete=False)
                outcome["second"] = diff.summary()
                session.commit()
        except Exception as error:  # what the bot's handler died of
            outcome["second"] = error

    with Session(committed) as first:
        sync_members(session=first, seen=[WITH_ROLE], now=NOW, complete=False)  # not committed
        thread = threading.Thread(target=second)
        thread.start()
        until_one_waits_on_a_lock(committed, thread, outcome)  # the second waits for the first
        first.commit()
    thread.join(30)
    assert outcome == {"second": "0 joined · 0 returned · 0 left · 1 updated · 0 unchanged"}
    assert [(row.username, row.all_guild_roles) for row in _rows(committed)] == [("newbie", [])]


def test_the_join_still_starts_onboarding_when_a_role_update_synced_first(committed, fake_discord):
    with Session(committed) as session:
        set_switches(session=session, onboarding_enabled=True)
        session.commit()
    with BotThread():
        wait_connected(committed, fake_discord)
        with Session(committed) as update:  # the role update's sync, not committed yet
            sync_members(session=update, seen=[WITH_ROLE], now=NOW, complete=False)
            fake_discord.add_member("newbie", uid=NEWCOMER)  # the bot's join handler waits
            until_one_waits_on_a_lock(committed, None, "the join's member sync")
            update.commit()
        wait_for(lambda: fake_discord.dms_to(NEWCOMER), 30, "the onboarding DM")
    assert len(_rows(committed)) == 1
