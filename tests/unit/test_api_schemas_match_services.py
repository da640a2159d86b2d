"""One shape per record: the API's data models that mirror a service's record (built from it
with `model_validate`, or copied from it) must not drift from it. A field added to a service
record fails here until it is added to the API model, so it shows in /api/docs, or named in
`LEFT_OUT` with the reason the API does not show it; a field whose type changed on one side
fails until the other side follows."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from patt_app.api.schemas import (
    addon,
    admin,
    campaigns,
    discord,
    events,
    guild,
    raid_intel,
    raid_times,
    schedule,
    sync,
)
from patt_app.services.campaigns import listing, officer_changes, scoring, voting
from patt_app.services.guild_discord import bot_status
from patt_app.services.identity import addon_roster, addon_upload, audit_log
from patt_app.services.players import player_directory, roster
from patt_app.services.raids import (
    attendance,
    attendance_report,
    raid_time_compare,
    turnout_forecast,
)
from patt_app.services.raids import events as raid_events
from patt_app.services.reference import reference_tables
from patt_app.services.scheduling import availability, raid_night_finder
from patt_app.services.sync import sync_runs

# API model → the service record it mirrors, and the record's fields the API leaves out (why).
MIRRORS: dict[type[BaseModel], tuple[type, dict[str, str]]] = {
    addon.AddonCharacter: (addon_roster.UploadedCharacter, {}),
    addon.AddonUploadResult: (
        addon_upload.UploadOutcome,
        {"ranks_applied": "shown as `ranks`", "retired": "the uploader never read it"},
    ),
    admin.Character: (player_directory.CharacterChip, {"is_verified": "the page's badge only"}),
    admin.PlayerCard: (player_directory.PlayerCard, {}),
    admin.DiscordMember: (player_directory.DiscordChip, {}),
    admin.PlayerDirectory: (
        player_directory.PlayerDirectory,
        {"ranks": "the rank picker's choices: GET /api/v1/guild/ranks has them"},
    ),
    admin.AuditIssue: (
        audit_log.IssueView,
        {
            "can_accept": "the audit page's button",
            "answer_at": "the audit page's link to where an appeal is answered",
            "resolution": "open issues only",
            "resolution_note": "open issues only",
            "resolved_at": "open issues only",
            "resolved_by": "open issues only",
        },
    ),
    campaigns.CampaignListItem: (listing.CampaignSummary, {}),
    campaigns.EntryItem: (voting.EntryView, {"player_name": "the vote page's caption"}),
    campaigns.StandingItem: (
        scoring.Standing,
        {"second_place_votes": "tie-breaks only", "third_place_votes": "tie-breaks only"},
    ),
    campaigns.CampaignDetail: (
        voting.CampaignPage,
        {
            "closed_at": "the page's banner",
            "page_state": "the page's wording",
            "may_view": "refused with a 404 instead",
            "stats": "the officers' page",
            "vote_rank_name": "the page's wording",
            "view_rank_name": "the page's wording",
        },
    ),
    campaigns.NewEntry: (
        officer_changes.EntryDetails,
        {"associated_player_id": "set on the campaign editor page only"},
    ),
    discord.DiscordStatus: (
        bot_status.BotStatus,
        {
            "channels": "the settings form's choices",
            "voice_channels": "the raid voice channel picker's choices",
            "last_error_at": "the status page's detail",
            "member_sync_summary": "the status page's detail",
            "role_sync_summary": "the status page's detail",
            "sync_requested": "the status page's detail",
        },
    ),
    events.Event: (
        raid_events.EventRow,
        {
            "notes": "the officers' form",
            "log_url": "the attendance page",
            "discord_channel_id": "the officers' form",
        },
    ),
    events.ChecklistRow: (attendance.ChecklistRow, {"characters": "the page's picker"}),
    events.SeasonAttendance: (
        attendance_report.PlayerAttendance,
        {
            "late": "the report page's columns",
            "left_early": "the report page's columns",
            "rank_level": "the report page's filter",
            "rank_name": "the report page's columns",
        },
    ),
    guild.RosterEntry: (roster.RosterEntry, {}),
    guild.Rank: (reference_tables.GuildRankInfo, {}),
    raid_intel.EventForecast: (
        turnout_forecast.Forecast,
        {"chances": "each player's chance stays on the officers' page"},
    ),
    raid_intel.FreePlayer: (
        turnout_forecast.Outlook,
        {
            "role": "the forecast's inputs, shown by role in `by_role`",
            "answer": "not answered yet, by definition",
            "covered": "free, by definition",
            "weekday": "the forecast's inputs",
            "when_signed": "the forecast's inputs",
        },
    ),
    raid_times.StudioMover: (raid_time_compare.Mover, {}),
    schedule.SkippedPlayer: (availability.UnusableZone, {}),
    schedule.RaidWindow: (
        raid_night_finder.Suggestion,
        {"first_slot": "grid indices, internal", "slot_count": "grid indices, internal"},
    ),
    sync.SyncRunStatus: (
        sync_runs.SyncRun,
        {"id": "in the path", "started_at": "the jobs page", "completed_at": "the jobs page"},
    ),
}
# Fields only the API model has (computed when it is built): none may be silently invented.
API_ONLY: dict[type[BaseModel], set[str]] = {
    addon.AddonUploadResult: {"ok", "status", "ranks"},
}
# Fields whose type the API model changes on purpose (the record's is converted when built).
CONVERTED: dict[type[BaseModel], dict[str, str]] = {
    addon.AddonCharacter: {
        "guild_note": 'null in the upload, "" in the record',
        "officer_note": 'null in the upload, "" in the record',
    },
    raid_intel.EventForecast: {"by_role": "a dict of the four roles, as an object"},
}
# API field → the record's field it shows under another name.
RENAMED: dict[type[BaseModel], dict[str, str]] = {events.Event: {"season": "season_name"}}
RECORD_OF = {model: record for model, (record, _) in MIRRORS.items()}


def _shape(hint: Any) -> Any:
    """A type as a comparable shape: sequences alike, Annotated and Literal unwrapped, API
    models as the record they mirror."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return _shape(args[0])
    if origin is Literal:
        return type(args[0])
    if origin in (Union, types.UnionType):
        return frozenset(_shape(arg) for arg in args)
    if origin in (list, tuple, set, frozenset, Sequence):
        return ("sequence", _shape(args[0]) if args else Any)
    if origin is dict:
        return ("mapping", _shape(args[0]), _shape(args[1]))
    return RECORD_OF.get(hint, hint)


def _record_fields(record: type) -> dict[str, Any]:
    hints = typing.get_type_hints(record)
    return {f.name: hints[f.name] for f in dataclasses.fields(record)}


@pytest.mark.parametrize("model", list(MIRRORS), ids=lambda m: m.__name__)
def test_the_api_model_shows_every_field_of_its_record_with_the_same_type(model) -> None:
    record, left_out = MIRRORS[model]
    renamed = RENAMED.get(model, {})
    mine = {renamed.get(name, name): field.annotation for name, field in model.model_fields.items()}
    theirs = _record_fields(record)
    api_only = API_ONLY.get(model, set())
    assert set(mine) - set(theirs) == api_only, "fields the record does not have"
    assert set(theirs) - set(mine) == set(left_out), (
        f"{record.__name__} and {model.__name__} differ: add the new field to the API model "
        "(it then shows in /api/docs), or to LEFT_OUT with the reason"
    )
    differ = {
        name: (mine[name], theirs[name])
        for name in set(mine) & set(theirs)
        if _shape(mine[name]) != _shape(theirs[name])
    }
    assert set(differ) == set(CONVERTED.get(model, {})), f"types differ: {differ}"


def test_the_shapes_compare_what_matters() -> None:
    assert _shape(list[admin.Character]) == _shape(tuple[player_directory.CharacterChip, ...])
    assert _shape(admin.Character | None) == _shape(player_directory.CharacterChip | None)
    assert _shape(Literal["a", "b"]) == _shape(str)
    assert _shape(Annotated[datetime, "iso"]) == _shape(datetime)
    assert _shape(int | None) != _shape(int)
    assert _shape(list[int]) != _shape(list[str])
