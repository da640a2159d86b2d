"""The onboarding conversation as a pure state machine (spec §8): no database, no Discord.

    awaiting_dm ──DM sent──▶ asked_in_guild ──yes──▶ asked_main ──name──▶ asked_alts
        │                        │ no                                      │ names / none
        │                        ▼                                         ▼
        │                     declined                            pending_verification
        │                                       main on the roster │ and another player's
        │                                                          ▼          ▼
        │                                verified ◀──proof / officer── awaiting_proof
        │                                   │
        │                                   ▼
        │                              provisioned
        ▼
    (no answer within 300 s at any question → timed_out; 24 h without being provisioned →
    escalated to the officers; "stop" at any question → declined)

A main that already belongs to another player is a claim, not a fact: the newcomer is asked to
prove it (register with their own invite, then "Link Battle.net" on their profile) and nothing
of that player's is given until Battle.net shows the character on their account or an officer
confirms on /admin/onboarding.

Officers: resolve → manually_resolved, dismiss → declined, confirm (awaiting_proof) → verified,
retry → asks again from the start (or re-checks the roster when the answers are in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

REPLY_TIMEOUT = timedelta(seconds=300)
DEADLINE = timedelta(hours=24)
QUESTION_STATES = ("asked_in_guild", "asked_main", "asked_alts")
FINAL_STATES = ("provisioned", "manually_resolved", "declined")
OPEN_STATES = (
    "awaiting_dm",
    *QUESTION_STATES,
    "pending_verification",
    "awaiting_proof",
    "verified",
    "timed_out",
)
YES = {"yes", "y", "yep", "yeah", "yup", "sure", "i am", "ja", "oui", "si"}
NO = {"no", "n", "nope", "nah", "not yet"}
STOP = {"stop", "cancel", "quit"}
NONE = {"none", "no", "nope", "n", "-", "no alts", "0"}
NAME = re.compile(r"^[^\W\d_]{2,12}(?:[-\s]+[\w' -]{2,40})?$")

ASK_IN_GUILD = (
    "Welcome to Pull All The Things! I'm the guild's bot. Are you in the guild in World of "
    "Warcraft already? Answer **yes** or **no** (or **stop** to end this chat)."
)
ASK_MAIN = (
    "Great! What is your main character's name? Just the name, or Name-Realm if you're "
    "not on Sen'jin."
)
ASK_ALTS = "Any alts in the guild? List their names separated by commas, or say **none**."
SAY_YES_OR_NO = "Sorry, I need a **yes** or a **no**: are you in the guild in game?"
SAY_A_NAME = "That doesn't look like a character name. What is your main's name (e.g. Zatanna)?"
DECLINED = (
    "No problem! An officer can help you join the guild in game. Say hi in the server — and "
    "welcome!"
)
STOPPED = "Okay, I'll stop here. An officer can still set you up by hand."
CHECKING = "Thanks! I'm checking the guild roster now…"
NOT_FOUND = (
    "I couldn't find **{main}** on the guild roster yet (it updates a few times a day). "
    "I'll look again, and an officer can help if it takes a while."
)
VERIFIED = (
    "Found you: **{main}**. Setting up your account on the guild platform — you'll get your "
    "invite in a moment."
)
PROOF_ARRIVED = "Battle.net confirms **{main}** is yours. Setting you up now."
TIMED_OUT = "No worries — I'll let the officers know so someone can help you get set up."


@dataclass(frozen=True)
class Conversation:
    """One onboarding session as plain data."""

    state: str
    updated_at: datetime
    deadline_at: datetime
    is_in_guild: bool | None = None
    main_name: str | None = None
    main_realm: str | None = None
    alt_names: tuple[str, ...] = ()
    verification_attempts: int = 0
    escalated: bool = False


@dataclass(frozen=True)
class Step:
    """The outcome of one event: the new conversation, what to DM, and what to do."""

    conversation: Conversation
    reply: str | None = None
    verify: bool = False  # look the main up on the roster now
    escalate: bool = False  # tell the officers (audit channel)
    provision: bool = False  # create the player, link characters, send the invite, give a role
    ask_proof: bool = False  # the main is another player's: ask for proof, tell the officers
    take_over: bool = False  # an officer confirmed the claim: the newcomer takes that player
    actions: tuple[str, ...] = field(default_factory=tuple)


def start(now: datetime) -> Conversation:
    return Conversation(state="awaiting_dm", updated_at=now, deadline_at=now + DEADLINE)


def _to(conv: Conversation, state: str, now: datetime, **changes: Any) -> Conversation:
    return replace(conv, state=state, updated_at=now, **changes)


def dm_sent(conv: Conversation, now: datetime) -> Step:
    """The first DM (the in-guild question) went out."""
    if conv.state != "awaiting_dm":
        return Step(conv)
    return Step(_to(conv, "asked_in_guild", now), reply=ASK_IN_GUILD)


def _clean(text: str) -> str:
    return " ".join(text.strip().strip(".!").split()).lower()


def parse_main(text: str) -> tuple[str, str | None] | None:
    """ "Zatanna" → ("Zatanna", None); "Zatanna-Area 52" → ("Zatanna", "Area 52")."""
    text = " ".join(text.strip().split())
    if not NAME.match(text):
        return None
    name, _, realm = text.partition("-")
    name = name.strip()
    if " " in name or not 2 <= len(name) <= 12:
        return None
    return name[:1].upper() + name[1:].lower(), realm.strip() or None


def parse_alts(text: str) -> tuple[str, ...]:
    if _clean(text) in NONE:
        return ()
    names = [parse_main(part) for part in re.split(r"[,;\n]+", text)]
    return tuple(dict.fromkeys(found[0] for found in names if found))[:10]


def replied(conv: Conversation, text: str, now: datetime) -> Step:
    """The member answered the current question."""
    if conv.state not in QUESTION_STATES:
        return Step(conv)
    answer = _clean(text)
    if answer in STOP:
        return Step(_to(conv, "declined", now), reply=STOPPED)
    if conv.state == "asked_in_guild":
        if answer in YES:
            return Step(_to(conv, "asked_main", now, is_in_guild=True), reply=ASK_MAIN)
        if answer in NO:
            return Step(_to(conv, "declined", now, is_in_guild=False), reply=DECLINED)
        return Step(_to(conv, conv.state, now), reply=SAY_YES_OR_NO)
    if conv.state == "asked_main":
        main = parse_main(text)
        if main is None:
            return Step(_to(conv, conv.state, now), reply=SAY_A_NAME)
        return Step(
            _to(conv, "asked_alts", now, main_name=main[0], main_realm=main[1]), reply=ASK_ALTS
        )
    alts = tuple(a for a in parse_alts(text) if a != conv.main_name)
    return Step(_to(conv, "pending_verification", now, alt_names=alts), reply=CHECKING, verify=True)


def verification(conv: Conversation, found: bool, now: datetime, *, anothers: bool = False) -> Step:
    """The roster was checked for the reported main (`anothers`: it belongs to another
    player)."""
    if conv.state != "pending_verification":
        return Step(conv)
    attempts = conv.verification_attempts + 1
    if found and anothers:
        return Step(
            _to(conv, "awaiting_proof", now, verification_attempts=attempts), ask_proof=True
        )
    if found:
        return Step(
            _to(conv, "verified", now, verification_attempts=attempts),
            reply=VERIFIED.format(main=conv.main_name),
            provision=True,
        )
    return Step(
        _to(conv, conv.state, now, verification_attempts=attempts),
        reply=NOT_FOUND.format(main=conv.main_name) if attempts == 1 else None,
    )


def proof_arrived(conv: Conversation, now: datetime) -> Step:
    """Battle.net shows the claimed main on the newcomer's own account."""
    if conv.state != "awaiting_proof":
        return Step(conv)
    return Step(
        _to(conv, "verified", now), reply=PROOF_ARRIVED.format(main=conv.main_name), provision=True
    )


def officer_confirmed(conv: Conversation, now: datetime) -> Step:
    """An officer vouches that the newcomer plays the claimed main."""
    if conv.state != "awaiting_proof":
        return Step(conv)
    return Step(
        _to(conv, "verified", now),
        reply=VERIFIED.format(main=conv.main_name),
        provision=True,
        take_over=True,
    )


def provisioned(conv: Conversation, now: datetime) -> Step:
    if conv.state != "verified":
        return Step(conv)
    return Step(_to(conv, "provisioned", now))


def tick(conv: Conversation, now: datetime) -> Step:
    """Time passed: a question unanswered for 300 s times out; 24 h without being set up is
    escalated to the officers (once)."""
    if conv.state in QUESTION_STATES and now - conv.updated_at >= REPLY_TIMEOUT:
        timed_out = _to(conv, "timed_out", now)
        if now >= conv.deadline_at and not conv.escalated:
            return Step(replace(timed_out, escalated=True), reply=TIMED_OUT, escalate=True)
        return Step(timed_out, reply=TIMED_OUT)
    if conv.state in OPEN_STATES and now >= conv.deadline_at and not conv.escalated:
        return Step(replace(conv, escalated=True), escalate=True)
    return Step(conv)


def officer_resolved(conv: Conversation, now: datetime) -> Step:
    if conv.state in FINAL_STATES:
        return Step(conv)
    return Step(_to(conv, "manually_resolved", now))


def officer_dismissed(conv: Conversation, now: datetime) -> Step:
    if conv.state in FINAL_STATES:
        return Step(conv)
    return Step(_to(conv, "declined", now))


def officer_retry(conv: Conversation, now: datetime) -> Step:
    """Try again: re-check the roster when the answers are in, else ask from the start with a
    fresh 24 h deadline."""
    if conv.state in ("provisioned", "manually_resolved"):
        return Step(conv)
    waiting = ("pending_verification", "awaiting_proof", "timed_out")
    if conv.main_name and conv.state in waiting and conv.is_in_guild:
        return Step(_to(conv, "pending_verification", now), verify=True)
    fresh = replace(start(now), escalated=False)
    return Step(_to(fresh, "asked_in_guild", now), reply=ASK_IN_GUILD)
