"""The permission walk's tables (tests/integration/test_permissions.py walks them): every `/api`
route and every event handler of every `rx.State` subclass in patt_app, with who may call it.

HOW TO ADD A LINE (a new route or handler makes `test_every_*_is_in_the_table` fail until you do):
see the docstring of test_permissions.py, which also says what each level means.
"""

from __future__ import annotations

PUBLIC, ACCOUNT, MEMBER, OFFICER = "public", "account", "member", "officer"
KEY = "key"  # routes for the PATTSync uploader: X-API-Key, no session opens them

# ---------------------------------------------------------------------------------------------
# THE TABLE. One line per route / handler.
# ---------------------------------------------------------------------------------------------

ROUTES: dict[str, str] = {
    "GET /api/openapi.json": PUBLIC,
    "HEAD /api/openapi.json": PUBLIC,
    "GET /api/docs": PUBLIC,
    "GET /api/docs-assets": PUBLIC,  # the docs page's script and stylesheet
    "GET /api/health": PUBLIC,
    "GET /api/v1/guild/roster": PUBLIC,
    "GET /api/v1/guild/ranks": PUBLIC,
    "POST /api/v1/auth/login": PUBLIC,
    "GET /api/v1/auth/me": MEMBER,
    "POST /api/v1/auth/logout": MEMBER,
    # Battle.net sends the browser back here: the login cookie and the single-use state of
    # that same login are the key (a Bearer token is not); without them it only redirects.
    "GET /auth/battlenet/callback": PUBLIC,
    # The login page's one-time code is the key (it only redirects without one); logging out
    # only clears the browser's cookie (the page ended the session already).
    "GET /auth/session": PUBLIC,
    "GET /auth/logout": PUBLIC,
    "GET /api/v1/admin/players": OFFICER,
    "GET /api/v1/guild/availability": OFFICER,
    "GET /api/v1/schedule/heatmap": OFFICER,
    "GET /api/v1/schedule/windows": OFFICER,
    "GET /api/v1/events": MEMBER,
    "GET /api/v1/events/{event_id}/attendance": OFFICER,
    "GET /api/v1/events/{event_id}/forecast": OFFICER,
    "GET /api/v1/schedule/dst-guard": OFFICER,
    "GET /api/v1/admin/raid-times/compare": OFFICER,
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
    "EventsState.sign_up_as": MEMBER,
    "EventsState.withdraw": MEMBER,
    "EventsState.tentative": MEMBER,
    "EventsState.late": MEMBER,
    "EventsState.bench": MEMBER,
    "EventsState.excuse": MEMBER,
    "EventsState.reset_calendar": MEMBER,
    "MyRecordState.load": MEMBER,
    "MyRecordState.appeal": MEMBER,
    "ClockChangeNotesState.load": PUBLIC,  # a visitor or deactivated player gets no notes, no change
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
    "ProfileState.link_battlenet": MEMBER,
    "ProfileState.unlink_battlenet": MEMBER,
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
    "AdminAttendanceReportState.load": OFFICER,
    "AdminAttendanceReportState.choose_season": OFFICER,
    "AdminAttendanceReportState.choose_min_rank": OFFICER,
    "AdminAttendanceReportState.sort": OFFICER,
    "AdminAttendanceReportState.download_csv": OFFICER,
    "AdminRaidAttendanceState.load": OFFICER,
    "AdminRaidAttendanceState.set_attended": OFFICER,
    "AdminRaidAttendanceState.set_excused": OFFICER,
    "AdminRaidAttendanceState.set_character": OFFICER,
    "AdminRaidAttendanceState.all_signed_up_attended": OFFICER,
    "AdminRaidAttendanceState.import_now": OFFICER,
    "AdminRaidAttendanceState.accept_all": OFFICER,
    "AdminRaidAttendanceState.save_voice_channel": OFFICER,
    "AdminAttendanceAppealsState.load": OFFICER,
    "AdminAttendanceAppealsState.answer": OFFICER,
    "AdminPromotionBoardState.load": OFFICER,
    "AdminPromotionBoardState.promote": OFFICER,
    "AdminPromotionRulesState.load": OFFICER,
    "AdminPromotionRulesState.save_rule": OFFICER,
    "AdminPromotionRulesState.add_rule": OFFICER,
    "AdminPromotionRulesState.delete_rule": OFFICER,
    "AdminEventsState.load": OFFICER,
    "AdminEventsState.save_event": OFFICER,
    "AdminEventsState.edit": OFFICER,
    "AdminEventsState.new_event": OFFICER,
    "AdminEventsState.remember_draft": OFFICER,
    "AdminEventsState.discard_draft": OFFICER,
    "AdminEventsState.set_cancelled": OFFICER,
    "AdminEventsState.create_series": OFFICER,
    "AdminRaidOutlookState.load": OFFICER,
    "AdminRaidOutlookState.nudge_by_dm": OFFICER,
    "AdminRaidOutlookState.ask_for_roles": OFFICER,
    "AdminRaidOutlookState.set_composition": OFFICER,
    "AdminRaidOutlookState.set_raid_size": OFFICER,
    "AdminRaidOutlookState.apply_bench": OFFICER,
    "AdminRaidOutlookState.bench_player": OFFICER,
    "AdminRaidOutlookState.unbench": OFFICER,
    "AdminDstGuardState.load": OFFICER,
    "AdminPlayersState.load": OFFICER,
    "AdminPlayersState.set_search": OFFICER,
    "AdminPlayersState.set_show_inactive": OFFICER,
    "AdminPlayersState.show_list": OFFICER,
    "AdminPlayersState.create_player": OFFICER,
    "AdminPlayersState.rename_player": OFFICER,
    "AdminPlayersState.set_active": OFFICER,
    "AdminPlayersState.assign_character": OFFICER,
    "AdminPlayersState.unassign_character": OFFICER,
    "AdminPlayersState.make_main": OFFICER,
    "AdminPlayersState.make_offspec": OFFICER,
    "AdminPlayersState.link_discord": OFFICER,
    "AdminPlayersState.unlink_discord": OFFICER,
    "AdminPlayersState.log_out_everywhere": OFFICER,
    "AdminPlayersState.set_rank_override": OFFICER,
    "AdminPlayersState.generate_invite": OFFICER,
    "AdminPlayersState.close_invite": OFFICER,
    "AdminPlayersState.generate_reset_link": OFFICER,
    "AdminPlayersState.close_reset": OFFICER,
    "AdminPlayersState.send_reset_dm": OFFICER,
    "AdminPlayersState.send_invite_dm": OFFICER,
    "AdminReferenceTablesState.load": OFFICER,
    "AdminReferenceTablesState.save_rank": OFFICER,
    "AdminReferenceTablesState.save_role": OFFICER,
    "AdminReferenceTablesState.create_season": OFFICER,
    "AdminReferenceTablesState.rename_season": OFFICER,
    "AdminReferenceTablesState.set_season_active": OFFICER,
    "AdminSyncState.load": OFFICER,
    "AdminDiscordState.load": OFFICER,
    "AdminDiscordState.save_channels": OFFICER,
    "AdminDiscordState.save_raid_voice_channel": OFFICER,
    "AdminDiscordState.set_dm_enabled": OFFICER,
    "AdminDiscordState.set_onboarding_enabled": OFFICER,
    "AdminDiscordState.sync_now": OFFICER,
    "AdminOnboardingState.load": OFFICER,
    "AdminOnboardingState.confirm": OFFICER,
    "AdminSyncState.sync_now": OFFICER,
    "AdminJobsState.load": OFFICER,
    "AdminJobsState.run_now": OFFICER,
    "AdminAuditState.load": OFFICER,
    "AdminAuditState.run_check": OFFICER,
    "AdminAuditState.resolve": OFFICER,
    "AdminAuditState.accept": OFFICER,
    "AdminAuditState.set_key_owner": OFFICER,
    "AdminAuditState.generate_key": OFFICER,
    "AdminAuditState.revoke_key": OFFICER,
    "AdminScheduleState.load": OFFICER,
    "AdminRaidTimesState.load": OFFICER,
    "AdminRaidTimesState.set_candidate": OFFICER,
    "AdminRaidTimesState.add_candidate": OFFICER,
    "AdminRaidTimesState.remove_candidate": OFFICER,
    "AdminRaidTimesState.compare": OFFICER,
    "AdminRaidTimesState.ask_raiders": OFFICER,
    "AdminRaidTimesState.apply_vote": OFFICER,
    "AdminScheduleState.select_cell": OFFICER,
    "AdminScheduleState.find_nights": OFFICER,
    "AdminScheduleState.show_suggestion": OFFICER,
    "AdminScheduleState.exclude_player": OFFICER,
    "AdminScheduleState.include_player": OFFICER,
    "AdminScheduleState.always_count": OFFICER,
    "AdminScheduleState.stop_counting": OFFICER,
    "AdminCampaignsState.load": OFFICER,
    "AdminCampaignsState.create_campaign": OFFICER,
    "AdminCampaignEditorState.load": OFFICER,
    "AdminCampaignEditorState.save_settings": OFFICER,
    "AdminCampaignEditorState.save_entry": OFFICER,
    "AdminCampaignEditorState.edit_entry": OFFICER,
    "AdminCampaignEditorState.new_entry": OFFICER,
    "AdminCampaignEditorState.remove_entry": OFFICER,
    "AdminCampaignEditorState.move_entry": OFFICER,
    "AdminCampaignEditorState.upload_image": OFFICER,
    "AdminCampaignEditorState.activate": OFFICER,
    "AdminCampaignEditorState.close_now": OFFICER,
}

# What an officer (let in) gets from routes that can't answer 200 in this test guild.
OFFICER_ANSWERS = {
    "POST /api/v1/admin/sync/blizzard": 400,  # Battle.net is not configured here: says what to set
    "GET /api/v1/admin/sync/runs/{run_id}": 404,  # no sync has run in this guild
    "POST /api/v1/admin/campaigns": 422,  # the walk sends no body
    "POST /api/v1/campaigns/{campaign_id}/ballot": 422,  # the walk sends no body
}
