"""Who may call what: ONE table for every `/api` route and every event handler of every
`rx.State` subclass in patt_app, walked with seven kinds of caller.

HOW TO ADD A LINE (a new route or handler makes `test_every_*_is_in_the_table` fail until you do):

- a route: add `"METHOD /path/as/{declared}": PUBLIC | MEMBER | OFFICER,` to `ROUTES`;
- an event handler: add `"StateClass.handler_name": PUBLIC | MEMBER | OFFICER,` to `HANDLERS`;
- if it takes an argument whose name is new, add a value for it to `_arguments` (real ids are
  looked up in the demo guild, so a handler that forgot its guard really would change something).

What each level means, checked for every caller below:

- PUBLIC: anyone; the call is not refused (API: no 401/403).
- MEMBER: a logged-in account linked to an ACTIVE player of any rank. Visitors and forged tokens
  get 401 / "Please log in" (or a redirect to /login); a deactivated player (even an officer)
  gets 403 / a refusal. Refused calls change no table.
- ACCOUNT: any logged-in account, a deactivated player's included (ending one's own logins).
- KEY: guarded by the uploader's X-API-Key, not by a session: every caller here gets 401.
- OFFICER: rank level >= 4 (Officer, Guild Leader) on an active player. Everyone else is refused
  (401 or 403) and no table changes; an officer is not refused.

Callers: visitor (no token), forged token, Initiate (1), Member (2), Veteran (3, one below
officer), a deactivated officer (4, player no longer active) and an officer (4).
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import reflex as rx
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select

import patt_app
import patt_app.patt_app  # imports every page, hence every state
from patt_app import models
from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import (
    AuditIssue,
    AvailabilityException,
    Campaign,
    CampaignEntry,
    DiscordUser,
    GuildRank,
    Player,
    PlayerCharacter,
    RaidEvent,
    RaidSeason,
    Role,
    User,
)
from patt_app.services.accounts.sessions import start_session
from patt_app.services.identity.refresh import refresh_identity

PUBLIC, ACCOUNT, MEMBER, OFFICER = "public", "account", "member", "officer"
KEY = "key"  # routes for the PATTSync uploader: X-API-Key, no session opens them

# ---------------------------------------------------------------------------------------------
# THE TABLE. One line per route / handler.
# ---------------------------------------------------------------------------------------------

ROUTES: dict[str, str] = {
    "GET /api/openapi.json": PUBLIC,
    "HEAD /api/openapi.json": PUBLIC,
    "GET /api/docs": PUBLIC,
    "HEAD /api/docs": PUBLIC,
    "GET /docs/oauth2-redirect": PUBLIC,
    "HEAD /docs/oauth2-redirect": PUBLIC,
    "GET /api/health": PUBLIC,
    "GET /api/v1/guild/roster": PUBLIC,
    "GET /api/v1/guild/ranks": PUBLIC,
    "POST /api/v1/auth/login": PUBLIC,
    "GET /api/v1/auth/me": MEMBER,
    "POST /api/v1/auth/logout": MEMBER,
    "GET /api/v1/admin/players": OFFICER,
    "GET /api/v1/guild/availability": OFFICER,
    "GET /api/v1/schedule/heatmap": OFFICER,
    "GET /api/v1/schedule/windows": OFFICER,
    "GET /api/v1/events": MEMBER,
    "GET /api/v1/events/{event_id}/attendance": OFFICER,
    "GET /api/v1/events/{event_id}/forecast": OFFICER,
    "GET /api/v1/schedule/dst-guard": OFFICER,
    "GET /api/v1/attendance/season/{season_id}.csv": OFFICER,
    "GET /api/v1/attendance/season/{season_id}": OFFICER,
    "GET /api/v1/calendar/{token}.ics": PUBLIC,  # the secret token in the link is the key
    "POST /api/guild-sync/addon-upload": KEY,
    "GET /api/guild-sync/addon-upload/status": KEY,
    "GET /api/v1/admin/audit": OFFICER,
    "POST /api/v1/admin/sync/blizzard": OFFICER,
    "GET /api/v1/admin/sync/runs/{run_id}": OFFICER,
    "GET /api/v1/admin/discord/status": OFFICER,
    # campaigns: who may see one is the campaign's own rule (the walk's draft is public)
    "GET /api/v1/campaigns": PUBLIC,
    "GET /api/v1/campaigns/{campaign_id}": PUBLIC,
    "GET /api/v1/campaigns/{campaign_id}/results": PUBLIC,
    "POST /api/v1/campaigns/{campaign_id}/ballot": MEMBER,
    "POST /api/v1/admin/campaigns": OFFICER,
    "POST /api/v1/admin/campaigns/{campaign_id}/activate": OFFICER,
    "POST /api/v1/admin/campaigns/{campaign_id}/close": OFFICER,
    "GET /api/v1/campaign-images/{name}": PUBLIC,
    # The JSON 404 for unknown /api paths:
    "GET /api/{path:path}": PUBLIC,
    "POST /api/{path:path}": PUBLIC,
    "PUT /api/{path:path}": PUBLIC,
    "PATCH /api/{path:path}": PUBLIC,
    "DELETE /api/{path:path}": PUBLIC,
}

HANDLERS: dict[str, str] = {
    # session and public pages
    "SessionState.refresh_viewer": PUBLIC,
    "SessionState.require_login": PUBLIC,  # a page load: redirects visitors, reveals nothing
    "SessionState.logout": PUBLIC,  # ends the caller's own session only
    "LandingState.load": PUBLIC,
    "LoginState.open_login": PUBLIC,
    "LoginState.open_register": PUBLIC,
    "LoginState.login": PUBLIC,
    "LoginState.register": PUBLIC,  # the invite code is the key
    "ResetPasswordState.open_reset": PUBLIC,
    "ResetPasswordState.set_new_password": PUBLIC,  # the one-time link's token is the key
    "RosterState.load": PUBLIC,
    "RosterState.sort": PUBLIC,
    "RosterState.set_role_filter": PUBLIC,
    "RosterState.set_class_filter": PUBLIC,
    "RosterState.set_search": PUBLIC,
    "RosterState.clear_filters": PUBLIC,
    "OfficerState.open_officer_page": PUBLIC,  # page load: shows "Officers only", changes nothing
    "CampaignsState.load": PUBLIC,
    "VoteState.load": PUBLIC,
    "VoteState.pick": PUBLIC,  # fills in the ballot on the page, stores nothing
    "VoteState.clear_picks": PUBLIC,
    "VoteState.submit_ballot": MEMBER,  # the campaign's rank rule is checked too
    # member pages
    "AvailabilityState.load": MEMBER,
    "AvailabilityState.set_start": MEMBER,
    "AvailabilityState.set_hours": MEMBER,
    "AvailabilityState.clear_day": MEMBER,
    "AvailabilityState.copy_to_weekdays": MEMBER,
    "AvailabilityState.clear_all": MEMBER,
    "AvailabilityState.add_away": MEMBER,
    "AvailabilityState.remove_away": MEMBER,
    "EventsState.load": MEMBER,
    "EventsState.sign_up": MEMBER,
    "EventsState.withdraw": MEMBER,
    "EventsState.excuse": MEMBER,
    "EventsState.reset_calendar": MEMBER,
    "RaidTimesState.load": PUBLIC,  # a visitor or deactivated player gets no notes, no change
    "ProfileState.load": MEMBER,
    "ProfileState.got_browser_timezone": PUBLIC,  # remembers the browser's zone in the state
    "ProfileState.choose_main": MEMBER,
    "ProfileState.choose_main_spec": MEMBER,
    "ProfileState.choose_offspec": MEMBER,
    "ProfileState.choose_offspec_spec": MEMBER,
    "ProfileState.save_timezone": MEMBER,
    "ProfileState.use_browser_timezone": MEMBER,
    "ProfileState.set_auto_invite": MEMBER,
    "ProfileState.change_password": MEMBER,  # and the current password
    "ProfileState.logout_everywhere": ACCOUNT,  # a deactivated player may end their own logins
    "ScheduleState.filters": PUBLIC,  # a plain method Reflex lists too: builds Filters, no I/O
    "ScheduleState.load": MEMBER,
    "ScheduleState.shift_week": MEMBER,
    "ScheduleState.this_week": MEMBER,
    "ScheduleState.set_zone": MEMBER,
    "ScheduleState.set_slot_minutes": MEMBER,
    "ScheduleState.set_min_rank": MEMBER,
    "ScheduleState.toggle_role": MEMBER,
    # officer screens
    "AttendanceReportState.load": OFFICER,
    "AttendanceReportState.choose_season": OFFICER,
    "AttendanceReportState.choose_min_rank": OFFICER,
    "AttendanceReportState.sort": OFFICER,
    "AttendanceReportState.download_csv": OFFICER,
    "EventChecklistState.load": OFFICER,
    "EventChecklistState.set_attended": OFFICER,
    "EventChecklistState.set_excused": OFFICER,
    "EventChecklistState.set_character": OFFICER,
    "EventChecklistState.all_signed_up_attended": OFFICER,
    "AdminEventsState.load": OFFICER,
    "AdminEventsState.save_event": OFFICER,
    "AdminEventsState.edit": OFFICER,
    "AdminEventsState.new_event": OFFICER,
    "AdminEventsState.set_cancelled": OFFICER,
    "AdminEventsState.create_series": OFFICER,
    "RaidOutlookState.load": OFFICER,
    "RaidOutlookState.nudge_by_dm": OFFICER,
    "RaidOutlookState.set_composition": OFFICER,
    "RaidOutlookState.set_raid_size": OFFICER,
    "RaidOutlookState.apply_bench": OFFICER,
    "RaidOutlookState.bench_player": OFFICER,
    "RaidOutlookState.unbench": OFFICER,
    "DstGuardState.load": OFFICER,
    "PlayerManagerState.load": OFFICER,
    "PlayerManagerState.set_search": OFFICER,
    "PlayerManagerState.set_show_inactive": OFFICER,
    "PlayerManagerState.create_player": OFFICER,
    "PlayerManagerState.rename_player": OFFICER,
    "PlayerManagerState.set_active": OFFICER,
    "PlayerManagerState.assign_character": OFFICER,
    "PlayerManagerState.unassign_character": OFFICER,
    "PlayerManagerState.make_main": OFFICER,
    "PlayerManagerState.make_offspec": OFFICER,
    "PlayerManagerState.link_discord": OFFICER,
    "PlayerManagerState.unlink_discord": OFFICER,
    "PlayerManagerState.set_rank_override": OFFICER,
    "PlayerManagerState.generate_invite": OFFICER,
    "PlayerManagerState.close_invite": OFFICER,
    "PlayerManagerState.generate_reset_link": OFFICER,
    "PlayerManagerState.close_reset": OFFICER,
    "PlayerManagerState.send_reset_dm": OFFICER,
    "PlayerManagerState.send_invite_dm": OFFICER,
    "ReferenceTablesState.load": OFFICER,
    "ReferenceTablesState.save_rank": OFFICER,
    "ReferenceTablesState.save_role": OFFICER,
    "ReferenceTablesState.create_season": OFFICER,
    "ReferenceTablesState.rename_season": OFFICER,
    "ReferenceTablesState.set_season_active": OFFICER,
    "SyncState.load": OFFICER,
    "DiscordAdminState.load": OFFICER,
    "DiscordAdminState.save_channels": OFFICER,
    "DiscordAdminState.set_dm_enabled": OFFICER,
    "DiscordAdminState.set_onboarding_enabled": OFFICER,
    "DiscordAdminState.sync_now": OFFICER,
    "OnboardingAdminState.load": OFFICER,
    "SyncState.sync_now": OFFICER,
    "JobsState.load": OFFICER,
    "JobsState.run_now": OFFICER,
    "AuditState.load": OFFICER,
    "AuditState.run_check": OFFICER,
    "AuditState.resolve": OFFICER,
    "AuditState.accept": OFFICER,
    "AuditState.generate_key": OFFICER,
    "AuditState.revoke_keys": OFFICER,
    "ScheduleToolsState.load": OFFICER,
    "ScheduleToolsState.select_cell": OFFICER,
    "ScheduleToolsState.find_nights": OFFICER,
    "ScheduleToolsState.show_suggestion": OFFICER,
    "ScheduleToolsState.exclude_player": OFFICER,
    "ScheduleToolsState.include_player": OFFICER,
    "ScheduleToolsState.always_count": OFFICER,
    "ScheduleToolsState.stop_counting": OFFICER,
    "AdminCampaignsState.load": OFFICER,
    "AdminCampaignsState.create_campaign": OFFICER,
    "CampaignEditorState.load": OFFICER,
    "CampaignEditorState.save_settings": OFFICER,
    "CampaignEditorState.save_entry": OFFICER,
    "CampaignEditorState.edit_entry": OFFICER,
    "CampaignEditorState.new_entry": OFFICER,
    "CampaignEditorState.remove_entry": OFFICER,
    "CampaignEditorState.move_entry": OFFICER,
    "CampaignEditorState.upload_image": OFFICER,
    "CampaignEditorState.activate": OFFICER,
    "CampaignEditorState.close_now": OFFICER,
}

# What an officer (let in) gets from routes that can't answer 200 in this test guild.
OFFICER_ANSWERS = {
    "POST /api/v1/admin/sync/blizzard": 400,  # Battle.net is not configured here: says what to set
    "GET /api/v1/admin/sync/runs/{run_id}": 404,  # no sync has run in this guild
    "POST /api/v1/admin/campaigns": 422,  # the walk sends no body
    "POST /api/v1/campaigns/{campaign_id}/ballot": 422,  # the walk sends no body
}

FRAMEWORK_HANDLERS = {"setvar"}  # Reflex's own on every state: sets a view var, no I/O
THIS_FILE = "tests/integration/test_permissions.py"

# ---------------------------------------------------------------------------------------------
# Discovery
# ---------------------------------------------------------------------------------------------


def _import_all_states() -> None:
    for info in pkgutil.walk_packages(patt_app.__path__, "patt_app."):
        if info.name.startswith("patt_app.states"):
            importlib.import_module(info.name)


def state_classes() -> list[type[rx.State]]:
    """Every rx.State subclass defined in patt_app."""
    _import_all_states()
    found, todo = [], list(rx.State.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("patt_app.") and cls not in found:
            found.append(cls)
    return found


def discovered_handlers() -> dict[str, tuple[type[rx.State], Callable]]:
    handlers = {}
    for cls in state_classes():
        for name, handler in cls.event_handlers.items():
            if name not in FRAMEWORK_HANDLERS:
                key = f"{cls.__name__}.{name}"
                assert key not in handlers, f"two states are called {cls.__name__}"
                handlers[key] = (cls, handler.fn)
    return handlers


def _flatten(routes):
    for route in routes:
        nested = getattr(route, "original_router", None)  # FastAPI's included routers
        yield from _flatten(nested.routes) if nested is not None else [route]


def discovered_routes():
    """{"METHOD /path": route} for every route of the API app."""
    return {
        f"{method} {route.path}": route
        for route in _flatten(create_api().routes)
        for method in sorted(getattr(route, "methods", None) or ["GET"])
    }


# ---------------------------------------------------------------------------------------------
# The table covers everything
# ---------------------------------------------------------------------------------------------


def _coverage_problems(found: set[str], table: dict[str, str], table_name: str) -> list[str]:
    missing = sorted(found - table.keys())
    stale = sorted(table.keys() - found)
    levels = {k: v for k, v in table.items() if v not in ALLOWED}
    return (
        [
            f"{key!r} is not in {table_name} of {THIS_FILE}: add the line "
            f'"{key}": PUBLIC | MEMBER | OFFICER,'
            for key in missing
        ]
        + [f"{key!r} is in {table_name} of {THIS_FILE} but no longer exists" for key in stale]
        + [f"{key!r}: unknown level {level!r}" for key, level in levels.items()]
    )


def test_every_route_is_in_the_table():
    assert _coverage_problems(set(discovered_routes()), ROUTES, "ROUTES") == []


def test_every_event_handler_is_in_the_table():
    found = set(discovered_handlers())
    assert len(found) >= 80, "the walk should find every page's handlers"
    assert _coverage_problems(found, HANDLERS, "HANDLERS") == []


def test_an_unlisted_handler_fails_with_where_to_add_it():
    problems = _coverage_problems({"NewState.new_handler"}, {}, "HANDLERS")
    assert problems == [
        f"'NewState.new_handler' is not in HANDLERS of {THIS_FILE}: add the line "
        '"NewState.new_handler": PUBLIC | MEMBER | OFFICER,'
    ]


def test_officer_screens_use_the_one_guard():
    """Belt and braces for the walk below: every officer handler is wrapped in officer_only
    (or is a page load that refuses on its own)."""
    unguarded = [
        key
        for key, (_cls, fn) in discovered_handlers().items()
        if HANDLERS.get(key) == OFFICER and not getattr(fn, "__officer_only__", False)
    ]
    assert unguarded == []


# ---------------------------------------------------------------------------------------------
# The callers
# ---------------------------------------------------------------------------------------------

CALLERS = ["visitor", "forged token", "initiate", "member", "veteran", "deactivated officer"]
ALL_CALLERS = [*CALLERS, "officer"]
ALLOWED = {
    PUBLIC: set(ALL_CALLERS),
    ACCOUNT: {"initiate", "member", "veteran", "deactivated officer", "officer"},
    KEY: set(),
    MEMBER: {"initiate", "member", "veteran", "officer"},
    OFFICER: {"officer"},
}


@dataclass
class Guild:
    engine: Engine
    users: dict[str, int]  # caller -> user id (visitor and forged token have none)
    ids: dict[str, int]  # real rows the dummy arguments point at

    def token(self, caller: str) -> str:
        """A fresh session token for the caller (calls may end sessions)."""
        if caller == "visitor":
            return ""
        if caller == "forged token":
            return "forged-" + "x" * 36
        with Session(self.engine) as session:
            token = start_session(
                session=session, user_id=self.users[caller], now=datetime.now(UTC), hours=1
            )
            session.commit()
        return token


def _user_for(session: Session, player: Player, username: str) -> int:
    user = User(discord_username=username, password_hash="not-a-hash")
    session.add(user)
    session.flush()
    player.website_user_id = user.id
    session.add(player)
    return user.id


def _player_at(session: Session, level: int, skip: set[int]) -> Player:
    return session.exec(
        select(Player)
        .join(GuildRank, GuildRank.id == Player.guild_rank_id)
        .where(
            GuildRank.level == level,
            Player.is_active,
            Player.website_user_id.is_(None),
            Player.id.not_in(skip or {-1}),
        )
        .order_by(Player.id)
    ).first()


def _an_open_issue(session: Session, now: datetime) -> int:
    """A real integrity finding of the demo guild (the audit screen's handlers act on one)."""
    refresh_identity(session=session, now=now)
    return session.exec(
        select(AuditIssue.id).where(AuditIssue.resolved_at.is_(None)).order_by(AuditIssue.id)
    ).first()


@pytest.fixture
def guild(committed) -> Guild:
    now = datetime.now(UTC)
    with Session(committed) as session:
        seed_demo_guild(session=session, now=now)
        users = {
            name: session.exec(select(User.id).where(User.discord_username == username)).one()
            for name, username in (("member", DEMO_MEMBER), ("officer", DEMO_OFFICER))
        }
        taken: set[int] = set()
        for caller, level in (("initiate", 1), ("veteran", 3), ("deactivated officer", 4)):
            player = _player_at(session, level, taken)
            assert player is not None, f"the demo guild has an unlinked level-{level} player"
            taken.add(player.id)
            users[caller] = _user_for(session, player, caller.replace(" ", "_"))
            if caller == "deactivated officer":
                player.is_active = False
                session.add(player)
        session.flush()
        member = session.exec(select(Player).where(Player.website_user_id == users["member"])).one()
        other = _player_at(session, 2, taken)
        event = session.exec(
            select(RaidEvent)
            .where(RaidEvent.start_time_utc > now, RaidEvent.cancelled_at.is_(None))
            .order_by(RaidEvent.start_time_utc)
        ).first()
        assert event is not None, "the demo guild has an upcoming event"
        away = AvailabilityException(
            player_id=member.id, start_date=now.date(), end_date=now.date() + timedelta(days=3)
        )
        session.add(away)
        session.flush()
        character = session.exec(
            select(PlayerCharacter.character_id).where(PlayerCharacter.player_id == other.id)
        ).first()
        draft = Campaign(title="Walk vote", start_at=now + timedelta(days=1), duration_hours=24)
        session.add(draft)
        session.flush()
        for order, name in enumerate(("North", "South", "East", "West")):
            session.add(CampaignEntry(campaign_id=draft.id, name=name, sort_order=order))
        session.flush()
        entry = session.exec(
            select(CampaignEntry.id).where(CampaignEntry.campaign_id == draft.id)
        ).first()
        ids = {
            "campaign": draft.id,  # a public draft: opening it or editing it changes tables
            "campaign_entry": entry,
            "player": other.id,
            "member_player": member.id,
            "character": character,
            "event": event.id,
            "season": session.exec(select(RaidSeason.id).order_by(RaidSeason.id)).first(),
            "rank": session.exec(select(GuildRank.id).where(GuildRank.level == 2)).one(),
            "role": session.exec(select(Role.id).order_by(Role.id)).first(),
            "away": away.id,
            "discord_user": session.exec(select(DiscordUser.id).order_by(DiscordUser.id)).first(),
            "issue": _an_open_issue(session, now),
        }
        session.commit()
    return Guild(committed, users, ids)


# ---------------------------------------------------------------------------------------------
# Arguments that would really change things if a guard were missing
# ---------------------------------------------------------------------------------------------


def _form(guild: Guild) -> dict:
    today = datetime.now(UTC).date()
    return {
        "display_name": "Intruder",
        "name": "Intruder",
        "title": "Intruder raid",
        "level": "3",
        "scheduling_weight": "99",
        "colour": "#000000",
        "start_date": (today + timedelta(days=1)).isoformat(),
        "end_date": (today + timedelta(days=2)).isoformat(),
        "event_date": (today + timedelta(days=3)).isoformat(),
        "first_day": (today + timedelta(days=3)).isoformat(),
        "weeks": "2",
        "day0": "on",
        "start": "20:00",
        "end": "23:00",
        "timezone": "Europe/Berlin",
        "zone": "Europe/Berlin",
        "note": "intruder",
        "season_id": str(guild.ids["season"]),
        "duration_minutes": "180",
        "raid_size": "1",
        "player_id": str(guild.ids["player"]),
        "event_id": str(guild.ids["event"]),
    }


# Where a parameter name alone does not say what a valid value looks like.
SPECIFIC_ARGUMENTS: dict[str, list] = {
    "ScheduleState.set_slot_minutes": ["60"],
    "AvailabilityState.set_hours": [1, "3"],
    "AttendanceReportState.choose_min_rank": ["2"],
    "AttendanceReportState.sort": ["percent"],
}


def _arguments(guild: Guild, key: str, fn: Callable) -> list:
    if key in SPECIFIC_ARGUMENTS:
        return list(SPECIFIC_ARGUMENTS[key])
    ids = guild.ids
    by_name = {
        "form_data": _form(guild),
        "player_id": ids["player"],
        "character_id": ids["character"],
        "event_id": ids["event"],
        "season_id": ids["season"],
        "rank_id": ids["rank"],
        "role_id": ids["role"],
        "away_id": ids["away"],
        "discord_user_id": ids["discord_user"],
        "issue_id": ids["issue"],
        "job_name": "purge_expired",
        "day": 1,
        "weeks": 1,
        "index": 0,
        "version": 2,
        "value": "20:00",
        "key": "name",
        "level": "2",
        "role": "tank",
        "zone": "Europe/Berlin",
        "name": "Intruder",
        "spec_id": "1",
        "active": False,
        "cancelled": True,
        "enabled": False,
        "campaign_id": ids["campaign"],
        "entry_id": ids["campaign_entry"],
        "direction": "down",
        "files": [],
    }
    args = []
    for parameter in list(inspect.signature(fn).parameters.values())[1:]:
        assert parameter.name in by_name, (
            f"{fn.__qualname__}: add a value for {parameter.name!r} to _arguments in {THIS_FILE}"
        )
        value = by_name[parameter.name]
        if "str" in str(parameter.annotation) and not isinstance(value, str | dict):
            value = str(value)
        if "bool" in str(parameter.annotation) and isinstance(value, str):
            value = False
        args.append(value)
    return args


# ---------------------------------------------------------------------------------------------
# What changed
# ---------------------------------------------------------------------------------------------

# Resolving a session may refresh its last_seen_at: the sessions table is compared without it.
COLUMNS_IGNORED = {"common.user_sessions": ("last_seen_at",)}


def fingerprint(engine: Engine) -> dict[str, str]:
    """Row count and checksum of every table (one query)."""
    parts = []
    for table in models.metadata.sorted_tables:
        name = f"{table.schema}.{table.name}"
        columns = [c.name for c in table.columns if c.name not in COLUMNS_IGNORED.get(name, ())]
        row = "row(" + ", ".join(f't."{c}"' for c in columns) + ")::text"
        parts.append(
            f"SELECT '{name}' AS name, count(*)::text || ' ' || "
            f"md5(coalesce(string_agg({row}, ',' ORDER BY {row}), '')) AS print FROM {name} t"
        )
    with engine.connect() as conn:
        return dict(conn.execute(text(" UNION ALL ".join(parts))).all())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [name for name in before if before[name] != after[name]]


# ---------------------------------------------------------------------------------------------
# Event handlers
# ---------------------------------------------------------------------------------------------

REFUSALS = re.compile(
    r"Officers only|Please log in|not linked to an active guild member|/login\?next="
)


# A state as its page leaves it after loading, so handlers meant to run after `load` get that far.
PAGE_AS_LOADED = {"loaded": True, "week_start": "monday"}
VIEWER_VARS = {"session_token", "viewer_name", "viewer_rank", "viewer_level", "viewer_checked"}


def _new_state(cls, token: str):
    state = cls()
    if "session_token" in cls.vars:  # states outside SessionState never see the cookie
        state.session_token = token
    for name, value in PAGE_AS_LOADED.items():
        if name in cls.base_vars:
            today = datetime.now(UTC).date()
            monday = (today - timedelta(days=today.weekday())).isoformat()
            setattr(state, name, monday if value == "monday" else value)
    return state


def _view(state) -> dict[str, str]:
    """What the page would show (apart from who is logged in)."""
    return {n: repr(getattr(state, n)) for n in type(state).base_vars if n not in VIEWER_VARS}


def _call_handler(cls, fn, token: str, args: list, state=None):
    state = state if state is not None else _new_state(cls, token)
    result = fn(state, *args)
    if inspect.isawaitable(result):
        result = asyncio.run(result)
    return result


def _refused(result) -> bool:
    return bool(REFUSALS.search(repr(result)))


def _walk_handlers(guild: Guild, caller: str) -> list[str]:
    """Problems found calling every handler as `caller`. Refused means: an error toast or a
    redirect to the login page, or nothing shown at all (the view unchanged); and for a refused
    call, no table changed. Allowed means: not refused (it may still fail later on the dummy
    arguments, or on Reflex's event context that a bare state lacks)."""
    problems = []
    for key, (cls, fn) in sorted(discovered_handlers().items()):
        level = HANDLERS[key]
        allowed = caller in ALLOWED[level]
        args = _arguments(guild, key, fn)
        state = _new_state(cls, guild.token(caller))
        view_before = _view(state)
        before = fingerprint(guild.engine)
        try:
            result, error = _call_handler(cls, fn, "", args, state=state), None
        except Exception as raised:
            result, error = None, raised
        if allowed:
            if level != PUBLIC and _refused(result):
                problems.append(f"{key} ({level}) refused a {caller}: {result!r}")
            continue  # (an error after the guard: the dummy arguments, or no event context)
        if error is not None:  # a guard must refuse, not crash
            problems.append(f"{key} ({level}) raised for a {caller}: {error!r}")
        elif not _refused(result) and _view(state) != view_before:
            problems.append(f"{key} ({level}) did not refuse a {caller}: {result!r}")
        changed = changed_tables(before, fingerprint(guild.engine))
        if changed:
            problems.append(f"{key} ({level}) changed {changed} for a {caller}")
    return problems


@pytest.mark.parametrize("caller", ALL_CALLERS)
def test_every_event_handler_lets_in_exactly_its_callers(guild, caller):
    problems = _walk_handlers(guild, caller)
    assert not problems, "\n".join(problems)


def test_the_walk_would_notice_a_handler_that_writes(guild):
    """An officer's call through the same walk really changes tables."""
    cls, fn = discovered_handlers()["PlayerManagerState.create_player"]
    before = fingerprint(guild.engine)
    key = "PlayerManagerState.create_player"
    _call_handler(cls, fn, guild.token("officer"), _arguments(guild, key, fn))
    assert "guild_identity.players" in changed_tables(before, fingerprint(guild.engine))


# ---------------------------------------------------------------------------------------------
# API routes
# ---------------------------------------------------------------------------------------------


def _request(guild: Guild, route, method: str) -> dict:
    ids = guild.ids
    values = {
        "event_id": ids["event"],
        "season_id": ids["season"],
        "token": "no-such-calendar",
        "path": "v1/no-such-route",
        "run_id": 999_999,
        "campaign_id": ids["campaign"],
        "name": "0" * 64 + ".png",  # no such picture: 404, which is not a refusal
    }
    path = re.sub(
        r"\{(\w+)(:\w+)?\}", lambda m: str(values[m.group(1)]), route.path
    )  # a KeyError here: add a value for the new path parameter above
    today = datetime.now(UTC).date()
    params = (
        {
            q.alias or q.name: (today - timedelta(days=today.weekday())).isoformat()
            for q in getattr(route, "dependant", None).query_params
            if q.field_info.is_required()
        }
        if hasattr(route, "dependant")
        else {}
    )
    body = None
    if method == "POST" and route.path.endswith("/auth/login"):
        body = {"discord_username": DEMO_MEMBER, "password": DEMO_PASSWORD}
    return {"method": method, "url": path, "params": params, "json": body}


def _walk_routes(guild: Guild, caller: str) -> list[str]:
    problems = []
    with TestClient(create_api()) as client:
        for key, route in sorted(discovered_routes().items()):
            level = ROUTES[key]
            method = key.split(" ", 1)[0]
            token = guild.token(caller)
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            before = fingerprint(guild.engine)
            response = client.request(headers=headers, **_request(guild, route, method))
            status = response.status_code
            if caller in ALLOWED[level]:
                if status in (401, 403):
                    problems.append(f"{key} ({level}) refused a {caller}: {status}")
                if level != PUBLIC and status != OFFICER_ANSWERS.get(key, 200):
                    problems.append(f"{key} ({level}) failed for a {caller}: {response.text}")
                continue
            expected = 401 if caller in ("visitor", "forged token") or level == KEY else 403
            if status != expected:
                problems.append(f"{key} ({level}) gave a {caller} {status}, not {expected}")
            elif method != "HEAD" and response.json().get("ok") is not False:
                problems.append(f"{key}: a refusal without the error envelope")
            changed = changed_tables(before, fingerprint(guild.engine))
            if changed:
                problems.append(f"{key} ({level}) changed {changed} for a {caller}")
    return problems


@pytest.mark.parametrize("caller", ALL_CALLERS)
def test_every_api_route_lets_in_exactly_its_callers(guild, caller):
    problems = _walk_routes(guild, caller)
    assert not problems, "\n".join(problems)


def test_the_ids_in_the_walk_are_real(guild):
    """Dummy ids point at rows that exist (not a hard-coded 1 that may be anything)."""
    with Session(guild.engine) as session:
        assert session.get(RaidEvent, guild.ids["event"]) is not None
        assert session.get(Player, guild.ids["player"]) is not None
        assert session.get(RaidSeason, guild.ids["season"]) is not None
        assert guild.ids["character"] is not None
