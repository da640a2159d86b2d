"""The onboarding state machine: every transition, the 300 s reply timeout, the 24 h escalation,
declines and the officers' commands."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from patt_app.services.guild_discord import onboarding_flow as flow

T0 = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
S = timedelta(seconds=1)


def _at(state: str, **changes) -> flow.Conversation:
    return replace(flow.start(T0), state=state, **changes)


def test_a_newcomer_starts_awaiting_the_dm_with_a_24_hour_deadline():
    conv = flow.start(T0)
    assert (conv.state, conv.deadline_at) == ("awaiting_dm", T0 + timedelta(hours=24))


def test_the_whole_happy_path():
    step = flow.dm_sent(flow.start(T0), T0)
    assert step.conversation.state == "asked_in_guild" and "Are you in the guild" in step.reply
    step = flow.replied(step.conversation, "Yes!", T0 + S)
    assert (step.conversation.state, step.conversation.is_in_guild) == ("asked_main", True)
    assert "main character" in step.reply
    step = flow.replied(step.conversation, "zatañña", T0 + 2 * S)
    assert (step.conversation.state, step.conversation.main_name) == ("asked_alts", "Zatañña")
    step = flow.replied(step.conversation, "Bob, Zatañña; ann", T0 + 3 * S)
    assert step.conversation.state == "pending_verification" and step.verify
    assert step.conversation.alt_names == ("Bob", "Ann")  # the main is not its own alt
    step = flow.verification(step.conversation, True, T0 + 4 * S)
    assert step.conversation.state == "verified" and step.provision
    assert "Zatañña" in step.reply
    step = flow.provisioned(step.conversation, T0 + 5 * S)
    assert step.conversation.state == "provisioned"


@pytest.mark.parametrize("answer", ["no", "Nope", "not yet"])
def test_not_in_the_guild_declines_kindly(answer):
    step = flow.replied(_at("asked_in_guild"), answer, T0)
    assert (step.conversation.state, step.conversation.is_in_guild) == ("declined", False)
    assert "officer can help" in step.reply


@pytest.mark.parametrize("state", flow.QUESTION_STATES)
def test_stop_at_any_question_declines(state):
    step = flow.replied(_at(state), "STOP", T0)
    assert step.conversation.state == "declined" and "stop" in step.reply.lower()


def test_an_unclear_answer_asks_again_and_restarts_the_reply_clock():
    step = flow.replied(_at("asked_in_guild"), "maybe?", T0 + 10 * S)
    assert step.conversation.state == "asked_in_guild" and "yes" in step.reply
    assert step.conversation.updated_at == T0 + 10 * S
    step = flow.replied(_at("asked_main"), "hello there friend", T0)
    assert step.conversation.state == "asked_main" and "character name" in step.reply


def test_a_realm_can_be_given_with_the_main_and_none_means_no_alts():
    step = flow.replied(_at("asked_main"), "Thrall-Area 52", T0)
    assert (step.conversation.main_name, step.conversation.main_realm) == ("Thrall", "Area 52")
    step = flow.replied(_at("asked_alts", main_name="Thrall"), "none", T0)
    assert step.conversation.alt_names == () and step.verify


def test_a_main_not_on_the_roster_waits_and_says_so_once():
    conv = _at("pending_verification", main_name="Thrall")
    first = flow.verification(conv, False, T0)
    assert first.conversation.state == "pending_verification" and "couldn't find" in first.reply
    second = flow.verification(first.conversation, False, T0 + S)
    assert second.reply is None and second.conversation.verification_attempts == 2
    assert not first.provision and not second.provision


@pytest.mark.parametrize("state", flow.QUESTION_STATES)
def test_no_answer_within_300_seconds_times_out(state):
    conv = _at(state)
    assert flow.tick(conv, T0 + 299 * S).conversation.state == state
    step = flow.tick(conv, T0 + 300 * S)
    assert step.conversation.state == "timed_out" and "officers" in step.reply
    assert not step.escalate


@pytest.mark.parametrize("state", ["awaiting_dm", "pending_verification", "timed_out", "verified"])
def test_24_hours_without_being_set_up_escalates_once(state):
    conv = _at(state)
    assert not flow.tick(conv, T0 + timedelta(hours=23)).escalate
    step = flow.tick(conv, T0 + timedelta(hours=24))
    assert step.escalate and step.conversation.escalated
    assert step.conversation.state == state
    assert not flow.tick(step.conversation, T0 + timedelta(hours=25)).escalate


def test_a_question_unanswered_past_the_deadline_times_out_and_escalates_together():
    step = flow.tick(_at("asked_main"), T0 + timedelta(hours=24))
    assert step.conversation.state == "timed_out" and step.escalate


@pytest.mark.parametrize("state", flow.FINAL_STATES)
def test_finished_sessions_do_not_move(state):
    conv = _at(state)
    late = T0 + timedelta(days=3)
    for step in (
        flow.tick(conv, late),
        flow.replied(conv, "yes", late),
        flow.dm_sent(conv, late),
        flow.verification(conv, True, late),
        flow.officer_resolved(conv, late),
        flow.officer_dismissed(conv, late),
    ):
        assert step.conversation == conv and not step.escalate and step.reply is None


def test_events_out_of_turn_change_nothing():
    assert flow.replied(_at("awaiting_dm"), "yes", T0).conversation.state == "awaiting_dm"
    assert flow.verification(_at("asked_main"), True, T0).conversation.state == "asked_main"
    assert flow.provisioned(_at("pending_verification"), T0).conversation.state == (
        "pending_verification"
    )
    assert flow.dm_sent(_at("asked_main"), T0).reply is None


@pytest.mark.parametrize("state", [s for s in flow.OPEN_STATES])
def test_an_officer_resolves_or_dismisses_any_open_session(state):
    assert flow.officer_resolved(_at(state), T0).conversation.state == "manually_resolved"
    assert flow.officer_dismissed(_at(state), T0).conversation.state == "declined"


def test_retry_rechecks_the_roster_when_the_answers_are_in():
    conv = _at("timed_out", main_name="Thrall", is_in_guild=True, escalated=True)
    step = flow.officer_retry(conv, T0)
    assert step.conversation.state == "pending_verification" and step.verify


def test_retry_asks_again_from_the_start_with_a_fresh_deadline():
    conv = _at("declined", escalated=True)
    later = T0 + timedelta(days=2)
    step = flow.officer_retry(conv, later)
    assert step.conversation.state == "asked_in_guild" and "Are you in the guild" in step.reply
    assert step.conversation.deadline_at == later + timedelta(hours=24)
    assert not step.conversation.escalated
    assert flow.officer_retry(_at("provisioned"), later).conversation.state == "provisioned"
