"""What the browser keeps of an unsent form or ballot reads back safely, whatever it holds."""

from patt_app.states.form_drafts import read_draft, with_field
from patt_app.states.vote import kept_picks, with_picks

FIELDS = ("title", "notes")


def test_a_draft_keeps_only_the_forms_fields_and_reads_junk_as_nothing():
    kept = with_field("", FIELDS, "title", "Alt run")
    kept = with_field(kept, FIELDS, "password", "hunter2")  # not a field of this form
    kept = with_field(kept, FIELDS, "notes", "x" * 5000)
    draft = read_draft(kept, FIELDS)
    assert draft["title"] == "Alt run" and "password" not in draft
    assert len(draft["notes"]) == 2100
    for junk in ("{", "[1, 2]", '{"title": 5}', "null"):
        assert read_draft(junk, FIELDS) == {}


def test_unsent_picks_are_kept_per_campaign_and_dropped_once_empty():
    kept = with_picks("", 7, [3, 1])
    kept = with_picks(kept, 8, [5])
    assert kept_picks(kept, 7) == [3, 1] and kept_picks(kept, 8) == [5]
    kept = with_picks(kept, 7, [])  # sent or cleared
    assert kept_picks(kept, 7) == [] and kept_picks(kept, 8) == [5]
    for junk in ("{", '{"7": "abc"}', '{"7": [null]}', "[]"):
        assert kept_picks(junk, 7) == []


def test_channels_are_offered_by_name_and_a_saved_unknown_id_is_kept():
    from patt_app.states.channel_choices import channel_choices

    reported = [{"id": "2", "name": "raid-signups"}, {"id": "1", "name": "Announcements"}]
    assert channel_choices(reported, "", "2") == [["1", "#Announcements"], ["2", "#raid-signups"]]
    assert channel_choices(reported, "9")[-1] == ["9", "channel 9 (not on the server now)"]
    assert channel_choices([], "9") == []  # no report yet: the page shows an id field
