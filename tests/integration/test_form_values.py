"""Hostile browser values through the real state handlers (one parse path,
states/form_values.py): each gets a clear message naming the field, and no table changes."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.models import (
    AvailabilityException,
    GuildRank,
    Player,
    PlayerAvailability,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
    User,
)
from patt_app.states.admin.attendance import AdminRaidAttendanceState
from patt_app.states.admin.events import AdminEventsState
from patt_app.states.admin.players import AdminPlayersState
from patt_app.states.admin.reference_tables import AdminReferenceTablesState
from patt_app.states.availability import AvailabilityState
from patt_app.states.events import EventsState
from patt_app.states.profile import ProfileState
from patt_app.states.schedule import ScheduleState
from tests.browser_session import give_session

HUGE = "99999999999999999999"  # past PostgreSQL's integer: used to reach the database
HOURS = ["NaN", "inf", "-inf", "1e309", " ", "-0", "0", "-1", "16.5", "2.25", "3h", "0x10"]
IDS = ["abc", "-1", "0", HUGE, "1e3", "1.5", " ", "١٢", "1_0"]
WATCHED = (
    AvailabilityException,
    GuildRank,
    Player,
    PlayerAvailability,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
)


@pytest.fixture
def guild(tokens, committed):
    with Session(committed) as session:
        ids = {
            "rank": session.exec(select(GuildRank.id).where(GuildRank.level == 2)).one(),
            "player": session.exec(select(Player.id).order_by(Player.id)).first(),
            "event": session.exec(select(RaidEvent.id).order_by(RaidEvent.id)).first(),
        }
    return tokens, ids


def _tables(engine) -> dict:
    with Session(engine) as session:
        return {m.__name__: sorted(map(repr, session.exec(select(m)).all())) for m in WATCHED}


def _call(cls, token: str, name: str, *args, **fields):
    state = cls()
    give_session(state, token)
    for key, value in fields.items():
        setattr(state, key, value)
    return repr(asyncio.run(cls.event_handlers[name].fn(state, *args)))


def _refused(committed, cls, token, name, args, message, **fields):
    before = _tables(committed)
    answer = _call(cls, token, name, *args, **fields)
    assert message in answer, answer
    assert _tables(committed) == before, "a refused value changed the database"


def test_hours_a_member_types_are_refused_with_the_rule(committed, guild):
    tokens, _ = guild
    for hours in HOURS:
        _refused(
            committed, AvailabilityState, tokens[DEMO_MEMBER], "set_hours", (1, hours), "Hours must"
        )


def test_bad_start_times_and_weekdays_are_refused(committed, guild):
    tokens, _ = guild
    for start in ["25:00", "abc", "2000", "20:00:00:00", "20:0"]:
        _refused(
            committed,
            AvailabilityState,
            tokens[DEMO_MEMBER],
            "set_start",
            (1, start),
            "Earliest start: give a time like 21:00.",
        )
    for day in ["NaN", "7", "-1", HUGE, "1e309"]:
        member = tokens[DEMO_MEMBER]
        _refused(committed, AvailabilityState, member, "set_hours", (day, "3"), "Day must")


AWAY = [
    ("2026-13-01", "2026-12-02", "Away from: pick a date from the calendar."),
    ("", "2026-12-02", "Away from: pick a date from the calendar."),
    ("2026-12-01", "9999-12-31", "Away until: give a date between 2000 and 2100."),
    ("20261201", "2026-12-02", "Away from: pick a date from the calendar."),
]


def test_bad_away_dates_are_refused(committed, guild):
    tokens, _ = guild
    for start, end, message in AWAY:
        form = {"start_date": start, "end_date": end, "note": ""}
        _refused(committed, AvailabilityState, tokens[DEMO_MEMBER], "add_away", (form,), message)


def test_ids_that_cannot_exist_are_refused_by_member_screens(committed, guild):
    tokens, _ = guild
    for value in IDS:
        member = tokens[DEMO_MEMBER]
        _refused(committed, EventsState, member, "sign_up", (value,), "That event does not exist.")
        _refused(
            committed,
            AvailabilityState,
            member,
            "remove_away",
            (value,),
            "That away period does not exist.",
        )
        _refused(
            committed, ProfileState, member, "choose_main", (value,), "That character does not"
        )


def test_ids_that_cannot_exist_are_refused_by_officer_screens(committed, guild):
    tokens, ids = guild
    for value in IDS:
        officer = tokens[DEMO_OFFICER]
        form = {"display_name": "Renamed", "player_id": value}
        _refused(
            committed,
            AdminPlayersState,
            officer,
            "rename_player",
            (form,),
            "That player does not exist.",
        )
        _refused(
            committed,
            AdminRaidAttendanceState,
            officer,
            "set_attended",
            (value, True),
            "That player does not exist.",
            event_id=ids["event"],
        )
        _refused(
            committed, AdminEventsState, officer, "edit", (value,), "That event does not exist."
        )


def test_switches_take_only_on_or_off(committed, guild):
    tokens, ids = guild
    for value in ["maybe", "2", "NaN", "yes please"]:
        _refused(
            committed,
            AdminPlayersState,
            tokens[DEMO_OFFICER],
            "set_active",
            (ids["player"], value),
            "Active must be on or off.",
        )
        _refused(
            committed,
            ProfileState,
            tokens[DEMO_MEMBER],
            "set_auto_invite",
            (value,),
            "must be on or off",
        )


def test_the_player_managers_phone_list_picker_takes_only_its_three_lists(committed, guild):
    tokens, _ids = guild
    for value in ["", "Players", "admins", None]:
        _refused(
            committed,
            AdminPlayersState,
            tokens[DEMO_OFFICER],
            "show_list",
            (value,),
            "List: choose one of characters, discord, players.",
        )
    state = AdminPlayersState()
    give_session(state, tokens[DEMO_OFFICER])
    asyncio.run(AdminPlayersState.event_handlers["show_list"].fn(state, "discord"))
    assert state.phone_list == "discord"


def test_numbers_in_officer_forms_are_refused(committed, guild):
    tokens, ids = guild
    for value in ["NaN", "inf", "1e309", " ", "-0.5", HUGE, "3.0"]:
        officer = tokens[DEMO_OFFICER]
        rank_form = {
            "rank_id": ids["rank"],
            "name": "Member",
            "level": value,
            "scheduling_weight": "1",
            "description": "",
        }
        _refused(
            committed,
            AdminReferenceTablesState,
            officer,
            "save_rank",
            (rank_form,),
            "Level must",
        )
        series = {
            "title": "Series",
            "first_date": "2026-12-01",
            "start": "20:00",
            "end": "23:00",
            "weeks": value,
            "day1": "on",
        }
        _refused(committed, AdminEventsState, officer, "create_series", (series,), "Weeks must")


def test_the_schedule_filters_refuse_bad_numbers(committed, guild):
    tokens, _ = guild
    for value in ["NaN", "inf", "1e309", HUGE, "-99", " "]:
        fields = {"week_start": "2026-11-23", "viewer_zone": "America/Chicago"}
        member = tokens[DEMO_MEMBER]
        _refused(
            committed, ScheduleState, member, "set_min_rank", (value,), "Minimum rank", **fields
        )
        _refused(committed, ScheduleState, member, "shift_week", (value,), "Weeks must", **fields)
        _refused(
            committed, ScheduleState, member, "set_slot_minutes", (value,), "Slot minutes", **fields
        )


def test_good_values_still_save(committed, guild):
    """The same handlers with ordinary values: the parse path lets them through."""
    tokens, _ = guild
    member = tokens[DEMO_MEMBER]
    assert "saved" in _call(AvailabilityState, member, "set_hours", "1", " 2.5 ")
    with Session(committed) as session:
        user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
        player = session.exec(select(Player).where(Player.website_user_id == user.id)).one()
        row = session.exec(
            select(PlayerAvailability).where(
                PlayerAvailability.player_id == player.id, PlayerAvailability.day_of_week == 1
            )
        ).one()
    assert float(row.available_hours) == 2.5
