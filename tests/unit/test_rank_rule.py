"""The one rule for who holds which rank, as a table: an officer's pin wins; else the highest
in-game rank; else the Discord role; and no feed grants or changes an officer rank by itself."""

from __future__ import annotations

import pytest

from patt_app.services.players.rank_rule import RankInputs, RankOption, decide_rank

INITIATE, MEMBER, VETERAN, OFFICER, LEADER = (RankOption(level, level) for level in range(1, 6))
PIN, GAME, DISCORD = "admin_override", "wow_character", "discord_sync"

# (case, current, its source, from characters, from Discord) -> (held, source, claimed or "-")
CASES = [
    ("a pin wins over the game", VETERAN, PIN, MEMBER, None, (VETERAN, PIN, "-")),
    ("a pinned officer stays so", OFFICER, PIN, None, MEMBER, (OFFICER, PIN, "-")),
    ("the game gives a member rank", None, None, MEMBER, None, (MEMBER, GAME, "-")),
    (
        "the highest character wins over Discord",
        MEMBER,
        GAME,
        VETERAN,
        LEADER,
        (VETERAN, GAME, "-"),
    ),
    ("Discord counts when no character ranks", None, None, None, VETERAN, (VETERAN, DISCORD, "-")),
    ("a member may be demoted by the game", VETERAN, GAME, INITIATE, None, (INITIATE, GAME, "-")),
    ("nothing says a rank: none", MEMBER, DISCORD, None, None, (None, None, "-")),
    ("same rank, new source", MEMBER, DISCORD, MEMBER, None, (MEMBER, GAME, "-")),
    ("the game cannot make an officer", MEMBER, GAME, OFFICER, None, (MEMBER, GAME, OFFICER)),
    ("the game cannot make a Guild Leader", None, None, LEADER, None, (None, None, LEADER)),
    ("Discord cannot make an officer", MEMBER, DISCORD, None, OFFICER, (MEMBER, DISCORD, OFFICER)),
    ("the game cannot demote an officer", OFFICER, GAME, MEMBER, None, (OFFICER, GAME, MEMBER)),
    ("nor move an officer up", OFFICER, GAME, LEADER, None, (OFFICER, GAME, LEADER)),
    ("nor strip an officer's rank", OFFICER, DISCORD, None, None, (OFFICER, DISCORD, None)),
    ("an officer confirmed stays", OFFICER, GAME, OFFICER, None, (OFFICER, GAME, "-")),
]


@pytest.mark.parametrize(
    ("current", "source", "characters", "discord", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_rank_rule(current, source, characters, discord, expected):
    decision = decide_rank(
        RankInputs(
            current=current,
            current_source=source,
            from_characters=characters,
            from_discord=discord,
        )
    )
    held, held_source, claimed = expected
    assert (decision.rank, decision.source) == (held, held_source)
    if claimed == "-":
        assert not decision.claim_waits
    else:
        assert decision.claim_waits and decision.claimed == claimed
