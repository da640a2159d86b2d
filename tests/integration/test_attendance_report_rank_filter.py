"""The officers' attendance overview (states/admin/attendance.py) keeps its minimum rank: only
the chosen rank and above are shown, and choosing the lowest shows everyone again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlmodel import Session

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.services.accounts.sessions import resolve_session
from patt_app.states.admin.attendance import AdminAttendanceReportState


def test_the_attendance_screen_shows_only_the_chosen_rank_and_above(tokens, committed):
    with Session(committed) as session:
        officer = resolve_session(
            session=session, token=tokens[DEMO_OFFICER], now=datetime.now(UTC)
        )
    screen = AdminAttendanceReportState()
    screen._actor = officer
    asyncio.run(screen._reload())
    everyone = {row.rank_level for row in screen.rows}
    assert min(everyone) < 4 <= max(everyone)  # the demo guild has officers and the rest
    asyncio.run(AdminAttendanceReportState.choose_min_rank.fn.__wrapped__(screen, "4"))
    assert screen.rows and all(row.rank_level >= 4 for row in screen.rows)
    asyncio.run(AdminAttendanceReportState.choose_min_rank.fn.__wrapped__(screen, "0"))
    assert {row.rank_level for row in screen.rows} == everyone
