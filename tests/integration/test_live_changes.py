"""Every change that alters the heatmap announces "schedule", and an open scheduling view that
hears it shows the change: a member's time zone and main spec, an officer deactivating a player
or changing a rank's scheduling weight (each was stale before live updates covered it)."""

from __future__ import annotations

import asyncio

from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.models import GuildRank, Player, Specialization, User, WowCharacter
from patt_app.states.admin.players import AdminPlayersState
from patt_app.states.admin.reference_tables import AdminReferenceTablesState
from patt_app.states.heatmap_rows import COUNT, WEIGHTED
from patt_app.states.profile import ProfileState
from patt_app.states.schedule import ScheduleState, shown_rows
from tests.browser_session import give_session


def _call(state, name: str, *args):
    return asyncio.run(type(state).event_handlers[name].fn(state, *args))


def _open_schedule(token: str) -> ScheduleState:
    view = ScheduleState()
    give_session(view, token)
    asyncio.run(view.load())
    assert view.loaded and shown_rows(view)
    return view


def _redrawn(view: ScheduleState) -> ScheduleState:
    asyncio.run(view._on_live(["schedule"]))
    return view


def _cells(view: ScheduleState) -> list[tuple[int, int]]:
    return [(c[COUNT], c[WEIGHTED]) for row in shown_rows(view) for c in row]


def _member_player(committed: Engine) -> Player:
    with Session(committed) as session:
        user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
        return session.exec(select(Player).where(Player.website_user_id == user.id)).one()


def test_a_member_changing_time_zone_moves_them_on_open_heatmaps(tokens, announced):
    view = _open_schedule(tokens[DEMO_OFFICER])
    before = _cells(view)
    profile = ProfileState()
    give_session(profile, tokens[DEMO_MEMBER])
    _call(profile, "save_timezone", {"timezone": "Asia/Tokyo"})
    assert "schedule" in announced()
    assert _cells(_redrawn(view)) != before


def test_a_member_changing_main_spec_changes_the_role_counts(tokens, announced, committed):
    member = _member_player(committed)
    with Session(committed) as session:
        current = session.get(Specialization, member.main_spec_id)
        character = session.get(WowCharacter, member.main_character_id)
        other = session.exec(
            select(Specialization).where(
                Specialization.class_id == character.class_id,
                Specialization.default_role_id != current.default_role_id,
            )
        ).first()
        assert other is not None, "the demo member's class has specs of one role only"
    view = _open_schedule(tokens[DEMO_OFFICER])
    roles_before = [s.roles for s in view.summary]
    profile = ProfileState()
    give_session(profile, tokens[DEMO_MEMBER])
    profile.main_character_id = str(member.main_character_id)
    _call(profile, "choose_main_spec", str(other.id))
    assert "schedule" in announced()
    assert [s.roles for s in _redrawn(view).summary] != roles_before


def test_an_officer_deactivating_a_player_takes_them_off_open_heatmaps(
    tokens, announced, committed
):
    member = _member_player(committed)
    view = _open_schedule(tokens[DEMO_OFFICER])
    active_before = view.active_count
    manager = AdminPlayersState()
    give_session(manager, tokens[DEMO_OFFICER])
    _call(manager, "set_active", member.id, False)
    assert {"schedule", "roster"} <= announced()
    assert _redrawn(view).active_count == active_before - 1


def test_an_officer_changing_a_rank_weight_rescores_open_heatmaps(tokens, announced, committed):
    with Session(committed) as session:
        rank = session.exec(select(GuildRank).where(GuildRank.level == 2)).one()
        fields = {
            "rank_id": str(rank.id),
            "name": rank.name,
            "level": str(rank.level),
            "scheduling_weight": str(rank.scheduling_weight + 5),
            "description": rank.description or "",
            "discord_role_id": rank.discord_role_id or "",
            "wow_rank_index": "" if rank.wow_rank_index is None else str(rank.wow_rank_index),
        }
    view = _open_schedule(tokens[DEMO_OFFICER])
    weighted_before = sum(w for _, w in _cells(view))
    tables = AdminReferenceTablesState()
    give_session(tables, tokens[DEMO_OFFICER])
    _call(tables, "save_rank", fields)
    assert "schedule" in announced()
    assert sum(w for _, w in _cells(_redrawn(view))) > weighted_before


def test_a_tab_whose_login_ended_is_not_redrawn(tokens, committed):
    member = _member_player(committed)
    view = _open_schedule(tokens[DEMO_MEMBER])
    before = _cells(view)
    with Session(committed) as session:  # a change the heatmap would show
        others = select(Player).where(Player.is_active, Player.id != member.id)
        for player in session.exec(others).all()[:10]:
            player.is_active = False
            session.add(player)
        session.commit()
    give_session(view, "expired")
    asyncio.run(view._on_live(["schedule"]))
    assert _cells(view) == before
    give_session(view, tokens[DEMO_MEMBER])
    assert _cells(_redrawn(view)) != before
