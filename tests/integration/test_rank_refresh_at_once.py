"""Two rank refreshes at once (the bot hears one member's role change twice, or a sync runs
while it does) open one claim between them, and neither fails: before, the second died on
the open claim's unique hash and the member's Discord role was never taken back."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.models import AuditIssue, DiscordUser, Player
from patt_app.services.players.ranks import RANK_CLAIM, refresh_ranks
from tests.integration.racing import until_one_waits_on_a_lock

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def _claimant(engine: Engine) -> None:
    """A player known only by a Discord account that says "Officer": a claim waits."""
    with Session(engine) as session:
        discord = DiscordUser(
            discord_id="000000000000000777", username="claimant", highest_guild_role="Officer"
        )
        session.add(discord)
        session.flush()
        session.add(Player(display_name="Claimant", discord_user_id=discord.id))
        session.commit()


def test_two_refreshes_at_once_open_one_claim_and_both_finish(committed):
    _claimant(committed)
    outcome: dict[str, object] = {}

    def second() -> None:
        try:
            with Session(committed) as session:
                refresh_ranks(session=session, now=NOW)
                session.commit()
            outcome["second"] = "done"
        except Exception as error:  # what the bot's handler died of
            outcome["second"] = error

    with Session(committed) as first:
        refresh_ranks(session=first, now=NOW)  # its claim is written, not yet committed
        # the second writes the same claim and waits on the open claims' unique index
        thread = threading.Thread(target=second)
        thread.start()
        until_one_waits_on_a_lock(committed, thread, outcome)  # the second waits for the first
        first.commit()
    thread.join(30)
    assert outcome == {"second": "done"}
    with Session(committed) as session:
        claims = session.exec(
            select(AuditIssue).where(
                AuditIssue.issue_type == RANK_CLAIM, AuditIssue.resolved_at.is_(None)
            )
        ).all()
    assert [c.summary for c in claims] == ["Claimant is Officer on Discord: confirm"]
