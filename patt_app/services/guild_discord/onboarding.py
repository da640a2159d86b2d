"""Onboarding newcomers (spec §8): the state machine of `onboarding_flow` kept in
`onboarding_sessions`, the roster check, provisioning, and escalation to the officers.

Every DM of the conversation goes through the outbox (sent once, within seconds); the bot feeds
in what happens: a member joined, a member answered, time passed, an officer's command.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from patt_app.models import (
    DiscordUser,
    OnboardingSession,
    Player,
)
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.guild_discord import onboarding_flow as flow
from patt_app.services.guild_discord.bot_status import discord_config
from patt_app.services.guild_discord.event_embeds import stamp
from patt_app.services.guild_discord.onboarding_proof import (
    ask_for_proof,
    claimed_player,
    has_proof,
    take_over_claimed_player,
)
from patt_app.services.guild_discord.onboarding_provision import (
    SiteFacts,
    provision,
    roster_character,
)
from patt_app.services.guild_discord.posts import Embed, queue_dm, queue_post
from patt_app.services.guild_discord.role_sync import RoleAssignment
from patt_app.services.reference.officers import ensure_may_act_on

RECHECK_ROSTER = timedelta(minutes=30)


def _conversation(row: OnboardingSession) -> flow.Conversation:
    return flow.Conversation(
        state=row.state,
        updated_at=row.updated_at,
        deadline_at=row.deadline_at or row.created_at + flow.DEADLINE,
        is_in_guild=row.is_in_guild,
        main_name=row.reported_main_name,
        main_realm=row.reported_main_realm,
        alt_names=tuple(row.reported_alt_names or ()),
        verification_attempts=row.verification_attempts,
        escalated=row.escalated_at is not None,
    )


def _store(row: OnboardingSession, conv: flow.Conversation, now: datetime) -> None:
    row.state, row.is_in_guild = conv.state, conv.is_in_guild
    row.reported_main_name, row.reported_main_realm = conv.main_name, conv.main_realm
    row.reported_alt_names = list(conv.alt_names)
    row.verification_attempts, row.deadline_at = conv.verification_attempts, conv.deadline_at
    if conv.escalated and row.escalated_at is None:
        row.escalated_at = now
    if not conv.escalated:
        row.escalated_at = None
    row.updated_at = conv.updated_at
    flag_modified(row, "updated_at")  # the conversation's clock, not the column's onupdate


def _say(session: Session, row: OnboardingSession, text: str | None, now: datetime) -> None:
    if text:
        queue_dm(
            session=session,
            dedupe_key=f"onboarding:{row.id}:{now.timestamp()}:"
            + hashlib.sha256(text.encode()).hexdigest()[:12],
            discord_id=row.discord_id,
            text=text,
            now=now,
            subject=f"onboarding:{row.id}",
        )


def _open_session(session: Session, discord_id: str) -> OnboardingSession | None:
    return session.exec(
        select(OnboardingSession)
        .where(
            col(OnboardingSession.discord_id) == discord_id,
            col(OnboardingSession.state).in_(flow.OPEN_STATES),
        )
        .order_by(col(OnboardingSession.id).desc())
        .with_for_update()
    ).first()


def member_joined(*, session: Session, discord_id: str, now: datetime) -> int | None:
    """Start onboarding a newcomer (when switched on, and they have no account yet): the
    first question is queued as a DM. Returns the session id, or None."""
    if not discord_config(session=session).onboarding_enabled:
        return None
    discord = session.exec(
        select(DiscordUser).where(col(DiscordUser.discord_id) == discord_id)
    ).first()
    player = (
        session.exec(select(Player).where(col(Player.discord_user_id) == discord.id)).first()
        if discord
        else None
    )
    if (player and player.website_user_id) or _open_session(session, discord_id):
        return None
    conv = flow.start(now)
    row = OnboardingSession(
        discord_id=discord_id,
        discord_user_id=discord.id if discord else None,
        created_at=now,
        updated_at=now,
    )
    _store(row, conv, now)
    session.add(row)
    session.flush()
    step = flow.dm_sent(conv, now)
    _store(row, step.conversation, now)
    _say(session, row, step.reply, now)
    return row.id


def _escalate(session: Session, row: OnboardingSession, now: datetime) -> None:
    channel = discord_config(session=session).audit_channel_id
    if not channel:
        return
    answers = f"main: {row.reported_main_name or '—'}"
    if row.reported_alt_names:
        answers += f", alts: {', '.join(row.reported_alt_names)}"
    queue_post(
        session=session,
        dedupe_key=f"onboarding:{row.id}:escalated",
        embed=Embed(
            title="Onboarding needs an officer",
            description=f"<@{row.discord_id}> joined {stamp(row.created_at, 'f')} and is "
            f"not set up after 24 hours (state: {row.state.replace('_', ' ')}; {answers}). "
            "Use /onboard-status, /onboard-retry or /onboard-resolve.",
            colour=0xFFA500,
        ),
        now=now,
        channel_id=channel,
    )


def _advance(
    session: Session, row: OnboardingSession, step: flow.Step, now: datetime, site: SiteFacts
) -> RoleAssignment | None:
    """Store a step, say its reply, and do what it asks (verify, provision, escalate)."""
    _store(row, step.conversation, now)
    _say(session, row, step.reply, now)
    if step.escalate:
        _escalate(session, row, now)
    if step.verify:
        found = roster_character(session, row.reported_main_name or "", row.reported_main_realm)
        row.last_verification_at = now
        anothers = found is not None and claimed_player(session, row) is not None
        checked = flow.verification(_conversation(row), found is not None, now, anothers=anothers)
        return _advance(session, row, checked, now, site)
    if step.ask_proof:
        ask_for_proof(session, row, site, now)
    if step.provision:
        owner = claimed_player(session, row) if step.take_over else None
        newcomer = session.exec(
            select(DiscordUser).where(col(DiscordUser.discord_id) == row.discord_id)
        ).first()
        if owner is not None and newcomer is not None:
            take_over_claimed_player(session, owner, newcomer)
        role = provision(session, row, site, now)
        _store(row, flow.provisioned(_conversation(row), now).conversation, now)
        session.add(row)
        return role
    session.add(row)
    return None


def member_replied(
    *, session: Session, discord_id: str, text: str, now: datetime, site: SiteFacts
) -> RoleAssignment | None:
    """A DM from a member: their answer to the current question, if they are being asked."""
    row = _open_session(session, discord_id)
    if row is None or row.state not in flow.QUESTION_STATES:
        return None
    return _advance(session, row, flow.replied(_conversation(row), text, now), now, site)


def onboarding_tick(*, session: Session, now: datetime, site: SiteFacts) -> list[RoleAssignment]:
    """Time out unanswered questions (300 s), re-check waiting verifications (every 30 min),
    escalate sessions past their 24 h deadline; returns the Discord roles to give to those
    set up meanwhile. A session being answered or resolved right now (its row locked) is left
    to the next tick, so the tick never writes a decision over a newer answer."""
    roles = []
    rows = session.exec(
        select(OnboardingSession)
        .where(col(OnboardingSession.state).in_(flow.OPEN_STATES))
        .order_by(col(OnboardingSession.id))
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        step = flow.tick(_conversation(row), now)
        recheck = (
            row.last_verification_at is None or now - row.last_verification_at >= RECHECK_ROSTER
        )
        if step.conversation.state == "pending_verification" and recheck:
            step = replace(step, verify=True)
        if step.conversation.state == "awaiting_proof" and has_proof(session, row):
            step = flow.proof_arrived(step.conversation, now)
        if step == flow.Step(_conversation(row)):
            continue  # nothing changed: leave the row (and its clock) alone
        role = _advance(session, row, step, now, site)
        if role is not None:
            roles.append(role)
    return roles


def role_given(*, session: Session, discord_id: str) -> None:
    row = session.exec(
        select(OnboardingSession)
        .where(col(OnboardingSession.discord_id) == discord_id)
        .order_by(col(OnboardingSession.id).desc())
    ).first()
    if row is not None:
        row.discord_role_assigned = True
        session.add(row)


OFFICER_ACTIONS = {
    "confirm": flow.officer_confirmed,
    "resolve": flow.officer_resolved,
    "dismiss": flow.officer_dismissed,
    "retry": flow.officer_retry,
}


def officer_action(
    *,
    session: Session,
    discord_id: str,
    action: str,
    now: datetime,
    site: SiteFacts,
    actor_player_id: int | None = None,
) -> tuple[str, RoleAssignment | None]:
    """An officer's /onboard-resolve, /onboard-dismiss or /onboard-retry, or "confirm" on
    /admin/onboarding (the newcomer plays the main they claimed); (answer, role)."""
    row = session.exec(
        select(OnboardingSession)
        .where(col(OnboardingSession.discord_id) == discord_id)
        .order_by(col(OnboardingSession.id).desc())
        .with_for_update()
    ).first()
    if row is None:
        raise NotFound("That member has no onboarding session.")
    if action not in OFFICER_ACTIONS:
        raise InvalidInput(f"Unknown action {action!r}.")
    before = row.state
    owner = claimed_player(session, row) if action == "confirm" else None
    if owner is not None:  # no officer hands over a player at or above their own rank
        ensure_may_act_on(
            session=session, actor_player_id=actor_player_id, target_player_id=owner.id
        )
    role = _advance(session, row, OFFICER_ACTIONS[action](_conversation(row), now), now, site)
    if row.state == before and action != "retry":
        return f"Nothing to do: the session is already {before.replace('_', ' ')}.", None
    return (
        f"Onboarding of <@{discord_id}>: {before.replace('_', ' ')} → {row.state.replace('_', ' ')}.",
        role,
    )
