"""Battle.net account linking: a member proves which characters are theirs by signing in with
Blizzard.

The flow: `battlenet_link_state` issues and consumes the sign-in's `state`, the Battle.net
adapter reads the account, and `link_battlenet_account` applies what it proves:

- the account's characters that are on our roster (matched by Blizzard's id, or by name and
  realm for a roster row the Battle.net sync has not given an id yet) become the player's
  verified links (`VERIFIED_LINK_SOURCE`);
- a character held by another player moves to the prover, whatever that link's source (a
  fresh proof from Blizzard beats a hand-made or guessed link, and an older proof too: the
  character changed accounts); each move opens a warning on /admin/audit;
- characters the player had verified before that the account no longer lists stay theirs but
  lapse (`LAPSED_LINK_SOURCE`), and so do all of them when the player unlinks the account;
- one Battle.net account per player and one player per account.

Every refusal (`LinkRefused`, with a `reason` the browser redirect carries) is raised before
anything is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from patt_app.models import AuditIssue, Player, PlayerCharacter, WowCharacter
from patt_app.models.identity import LAPSED_LINK_SOURCE, VERIFIED_LINK_SOURCE
from patt_app.services.errors import InvalidInput
from patt_app.services.identity.battlenet_link_state import LinkRefused
from patt_app.services.players.ranks import recompute_rank
from patt_app.services.statements import known_row, row_or_refuse

MOVED_ISSUE = "verified_link_moved"


@dataclass(frozen=True)
class AccountCharacter:
    """A character on a Battle.net account, as /profile/user/wow lists it."""

    blizzard_id: int
    name: str
    realm_slug: str


@dataclass(frozen=True)
class BattleNetAccount:
    """What the sign-in proved: the account and every character on it."""

    account_id: int
    battletag: str
    characters: tuple[AccountCharacter, ...] = ()


@dataclass
class LinkOutcome:
    """What a link (or refresh) did, for the member's confirmation."""

    battletag: str
    verified: list[str] = field(default_factory=list)  # character names, now verified
    moved: list[str] = field(default_factory=list)  # of those, taken from another player
    lapsed: list[str] = field(default_factory=list)  # verified before, no longer listed


def _roster_matches(session: Session, account: BattleNetAccount) -> list[WowCharacter]:
    """The account's characters on our roster: by Blizzard's id, or by name and realm where
    the roster row has no id yet."""
    ids = [c.blizzard_id for c in account.characters]
    names = [(c.name.lower(), c.realm_slug.lower()) for c in account.characters]
    if not ids:
        return []
    by_name = [
        (func.lower(col(WowCharacter.character_name)) == name)
        & (col(WowCharacter.realm_slug) == realm)
        for name, realm in names
    ]
    return list(
        session.exec(
            select(WowCharacter)
            .where(
                col(WowCharacter.removed_at).is_(None),
                or_(
                    col(WowCharacter.blizzard_id).in_(ids),
                    col(WowCharacter.blizzard_id).is_(None) & or_(*by_name),
                ),
            )
            .order_by(col(WowCharacter.character_name))
        ).all()
    )


def _active_player(session: Session, player_id: int) -> Player:
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    if not player.is_active:
        raise LinkRefused("not_member")
    return player


def _record_move(
    session: Session, char: WowCharacter, losing: Player, winner: Player, now: datetime
) -> None:
    who = f"{char.character_name}-{char.realm_name}"
    session.add(
        AuditIssue(
            issue_type=MOVED_ISSUE,
            severity="warning",
            wow_character_id=char.id,
            summary=f"{who} moved from {losing.display_name} to {winner.display_name}, who "
            f"proved it with Battle.net ({winner.battletag})",
            details={"from_player_id": losing.id, "to_player_id": winner.id},
            issue_hash=hashlib.sha256(
                f"{MOVED_ISSUE}:{char.id}:{losing.id}:{winner.id}:{now.isoformat()}".encode()
            ).hexdigest(),
            created_at=now,
            last_seen_at=now,
        )
    )


def _release(session: Session, player: Player, character_id: int) -> None:
    """The character no longer being theirs, it stops being their main or off-spec."""
    if player.main_character_id == character_id:
        player.main_character_id, player.main_spec_id = None, None
    if player.offspec_character_id == character_id:
        player.offspec_character_id, player.offspec_spec_id = None, None
    session.add(player)


def _claim(
    session: Session, player: Player, char: WowCharacter, now: datetime, outcome: LinkOutcome
) -> Player | None:
    """Make `char` a verified link of `player`; returns the player it was taken from."""
    link = session.exec(
        select(PlayerCharacter).where(col(PlayerCharacter.character_id) == char.id)
    ).first()
    outcome.verified.append(char.character_name)
    if link is None:
        link = PlayerCharacter(player_id=player.id, character_id=char.id)
    losing = None
    if link.player_id != player.id:
        losing = known_row(session, Player, link.player_id)
        _release(session, losing, char.id)
        _record_move(session, char, losing, player, now)
        outcome.moved.append(char.character_name)
        link.player_id = player.id
    link.link_source, link.confidence = VERIFIED_LINK_SOURCE, "high"
    session.add(link)
    return losing


def _lapse(session: Session, player_id: int, keep: set[int]) -> list[str]:
    """The player's verified links outside `keep` lose their verification; their names."""
    rows = session.exec(
        select(PlayerCharacter, col(WowCharacter.character_name))
        .join(WowCharacter, col(WowCharacter.id) == col(PlayerCharacter.character_id))
        .where(
            col(PlayerCharacter.player_id) == player_id,
            col(PlayerCharacter.link_source) == VERIFIED_LINK_SOURCE,
        )
    ).all()
    names = []
    for link, name in rows:
        if link.character_id not in keep:
            link.link_source = LAPSED_LINK_SOURCE
            session.add(link)
            names.append(name)
    return names


def _take_account(
    session: Session, player: Player, account: BattleNetAccount, now: datetime
) -> None:
    """Store the account on the player; two players linking it at once: the second is refused
    (the database's unique account id decides)."""
    player.battlenet_account_id, player.battletag = account.account_id, account.battletag[:64]
    player.battlenet_linked_at = now
    session.add(player)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise LinkRefused("account_taken") from None


def link_battlenet_account(
    *, session: Session, player_id: int, account: BattleNetAccount, now: datetime
) -> LinkOutcome:
    """Apply a Battle.net sign-in to the player (see the module's docstring); a refresh is the
    same call again. Refuses "account_taken" and "no_guild_characters" before any change."""
    player = _active_player(session, player_id)
    holder = session.exec(
        select(Player).where(
            col(Player.battlenet_account_id) == account.account_id, col(Player.id) != player_id
        )
    ).first()
    if holder is not None:
        raise LinkRefused("account_taken")
    characters = _roster_matches(session, account)
    if not characters:
        raise LinkRefused("no_guild_characters")
    _take_account(session, player, account, now)
    outcome = LinkOutcome(battletag=player.battletag or "")
    losers = {}
    for char in characters:
        losing = _claim(session, player, char, now, outcome)
        if losing is not None:
            losers[losing.id] = losing
    session.flush()
    outcome.lapsed = _lapse(session, player.id, {c.id for c in characters})
    session.flush()
    for affected in [player, *losers.values()]:
        recompute_rank(session=session, player=affected)
    return outcome


def unlink_battlenet_account(*, session: Session, player_id: int) -> int:
    """Forget the player's Battle.net account. Their verified characters stay theirs, no
    longer verified; returns how many lapsed."""
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    if player.battlenet_account_id is None:
        raise InvalidInput("No Battle.net account is linked.")
    lapsed = _lapse(session, player.id, set())
    player.battlenet_account_id = player.battletag = player.battlenet_linked_at = None
    session.add(player)
    session.flush()
    recompute_rank(session=session, player=player)
    return len(lapsed)
