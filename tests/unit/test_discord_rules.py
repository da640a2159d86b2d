"""The Discord rules on plain data: member diff, role plan, event embeds, audit reports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from patt_app.services.guild_discord import event_embeds
from patt_app.services.guild_discord.audit_posts import IssueLine, report_embeds
from patt_app.services.guild_discord.member_sync import (
    KnownMember,
    SeenMember,
    diff_members,
    guild_roles,
    highest_guild_role,
)
from patt_app.services.guild_discord.role_sync import LinkedMember, plan_role_sync

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


def _known(discord_id, username="x", display=None, roles=(), present=True):
    return KnownMember(discord_id, username, display, tuple(roles), present)


def test_guild_roles_are_found_by_name_in_any_case_highest_first():
    assert guild_roles(("Raider", "member", "OFFICER", "@everyone")) == ("OFFICER", "member")
    assert highest_guild_role(("initiate", "Veteran")) == "Veteran"
    assert highest_guild_role(("Raider",)) is None
    assert highest_guild_role(("GM",)) == "GM"


def test_member_diff_sorts_everyone_into_one_bucket():
    known = [
        _known("1", "same"),
        _known("2", "oldname"),
        _known("3", "gone"),
        _known("4", "back", present=False),
        _known("5", "promoted", roles=("Member",)),
    ]
    seen = [
        SeenMember("1", "same", None),
        SeenMember("2", "newname", None),
        SeenMember("4", "back", None),
        SeenMember("5", "promoted", None, ("Veteran", "Member")),
        SeenMember("6", "newbie", "Newbie"),
    ]
    diff = diff_members(known, seen)
    assert [m.discord_id for m in diff.new] == ["6"]
    assert sorted(m.discord_id for m in diff.changed) == ["2", "5"]
    assert [m.discord_id for m in diff.returning] == ["4"]
    assert diff.departed == ["3"]
    assert [m.discord_id for m in diff.unchanged] == ["1"]
    assert diff.summary() == "1 joined · 1 returned · 1 left · 2 updated · 1 unchanged"


def test_one_members_update_never_marks_the_others_departed():
    diff = diff_members([_known("1"), _known("2")], [SeenMember("2", "y", None)], complete=False)
    assert diff.departed == [] and [m.discord_id for m in diff.changed] == ["2"]


def test_a_member_already_departed_is_not_departed_again():
    diff = diff_members([_known("1", present=False)], [])
    assert diff.departed == []


def _linked(pid, level, source, roles, present=True):
    return LinkedMember(pid, f"P{pid}", str(100 + pid), level, source, tuple(roles), present)


def test_discord_roles_follow_the_rank_held_on_the_site():
    plan = plan_role_sync(
        [
            _linked(1, 2, "wow_character", ("Veteran", "Member")),  # Veteran on Discord only
            _linked(2, 3, "discord_sync", ("Veteran",)),  # already right
            _linked(3, 4, "admin_override", ("Member", "Initiate")),  # pinned Officer
            _linked(4, None, None, ("Officer",)),  # no rank on the site: nothing to give
            _linked(5, 1, None, ("Officer",), present=False),  # left the server
        ],
        {4: "555000111222333444"},
    )
    first, pinned = plan.assignments
    assert (first.discord_id, first.level, first.role_name, first.remove) == (
        "101", 2, "Member", ("Veteran",),
    )  # fmt: skip
    assert (pinned.discord_id, pinned.level, pinned.role_name) == ("103", 4, "Officer")
    assert pinned.role_id == "555000111222333444"
    assert pinned.remove == ("Member", "Initiate")


def _event(**changes):
    values = dict(
        id=7,
        title="Heroic Undermine",
        start=NOW,
        end=NOW + timedelta(hours=3),
        cancelled=False,
        season_name="Season 2",
        signed_up=12,
    )
    return event_embeds.EventFacts(**{**values, **changes})


def test_announcements_show_discord_timestamps_each_reader_sees_in_their_zone():
    embed = event_embeds.announcement(_event(), site_url="https://patt.example")
    unix = int(NOW.timestamp())
    when = next(f.value for f in embed.fields if f.name == "When")
    assert f"<t:{unix}:F>" in when and f"<t:{unix}:R>" in when
    assert f"<t:{unix + 3 * 3600}:t>" in when
    assert embed.title == "New raid: Heroic Undermine"
    assert embed.colour == 0xD4A84B and embed.timestamp == NOW
    assert {f.name: f.value for f in embed.fields}["Signed up"] == "12"
    assert embed.url == "https://patt.example/events"


def test_cancellation_edit_and_reminder_say_what_happened():
    site = "https://patt.example"
    assert event_embeds.cancellation(_event(cancelled=True), site_url=site).colour == 0xE74C3C
    assert event_embeds.edit_notice(_event(), site_url=site).title.startswith("Raid changed")
    assert event_embeds.edit_notice(_event(), site_url=site, restored=True).title.startswith(
        "Back on"
    )
    reminder = event_embeds.reminder(_event(), site_url=site, mentions=("1", "2"))
    assert reminder.mentions == ("1", "2")
    assert f"<t:{int(NOW.timestamp())}:R>" in reminder.description
    assert "Withdraw" in event_embeds.reminder_dm(_event(), site_url=site)


def test_the_fingerprint_changes_with_what_an_announcement_shows_only():
    base = event_embeds.fingerprint(_event())
    assert event_embeds.fingerprint(_event(signed_up=30)) == base
    assert event_embeds.fingerprint(_event(title="Mythic")) != base
    assert event_embeds.fingerprint(_event(start=NOW + timedelta(hours=1))) != base
    assert event_embeds.fingerprint(_event(cancelled=True)) != base


def test_audit_reports_group_by_type_in_severity_colours_most_severe_first():
    issues = [
        IssueLine(1, "inactive_character", "info", "Zug not seen for 40 days"),
        IssueLine(2, "unlinked_character", "warning", "Bob has no player"),
        IssueLine(3, "unlinked_character", "warning", "Ann has no player"),
        IssueLine(4, "made_up_type", "critical", "Something is on fire"),
    ]
    reports = report_embeds(issues, site_url="https://patt.example")
    assert [(t, e.colour, ids) for t, e, ids in reports] == [
        ("made_up_type", 0xFF0000, [4]),
        ("unlinked_character", 0xFFA500, [2, 3]),
        ("inactive_character", 0x3498DB, [1]),
    ]
    unlinked = reports[1][1]
    assert unlinked.title == "Characters with no player (2 new)"
    assert "• Bob has no player" in unlinked.description
    assert "• Ann has no player" in unlinked.description


def test_a_long_audit_report_stays_within_discords_limit_and_says_how_many_more():
    issues = [IssueLine(n, "unlinked_character", "warning", "x" * 100) for n in range(100)]
    ((_, embed, ids),) = report_embeds(issues, site_url="https://patt.example")
    assert len(embed.description) <= 4096 and len(ids) == 100
    assert "more" in embed.description.splitlines()[-2]
