"""Battle.net account linking against the fake Battle.net and a real database: the member's
sign-in goes through the fake's /authorize, comes back to our callback with the login cookie,
and what changes (or, for every error, what doesn't) is read back from the tables."""

from __future__ import annotations

import socket
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.db import call_in_session
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.integrations.blizzard.account_link import authorize_url
from patt_app.models import AuditIssue, Player, PlayerCharacter, User, WowCharacter
from patt_app.services.accounts.sessions import SESSION_COOKIE, resolve_session, start_session
from patt_app.services.identity.audit_log import list_issues
from patt_app.services.identity.battlenet_link import unlink_battlenet_account
from patt_app.services.identity.battlenet_link_state import REASONS, issue_link_state
from patt_app.settings import get_settings
from tests.support.fake_battlenet import Character, FakeBattleNet
from tests.support.fake_battlenet_oauth import BattleNetUser

BASE = "http://testserver"
STRANGER = Character(777_000_001, "Nobodyhere", "stormrage", "Stormrage")


@pytest.fixture
def fake(monkeypatch):
    server = FakeBattleNet().start()
    server.sign_in.redirect_uris = {f"{BASE}/auth/battlenet/callback"}
    for key, value in {**server.settings_env(), "PUBLIC_BASE_URL": BASE}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield server
    server.stop()
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def api(tokens, fake):
    with TestClient(create_api(), base_url=BASE, follow_redirects=False) as client:
        yield client


def _characters_of(engine, username: str) -> list[Character]:
    """A player's characters as Battle.net would list them on their account."""
    with Session(engine) as session:
        player = _player(session, username)
        rows = session.exec(
            select(WowCharacter)
            .join(PlayerCharacter, PlayerCharacter.character_id == WowCharacter.id)
            .where(PlayerCharacter.player_id == player.id)
        ).all()
    return [
        Character(910_000_000 + c.id, c.character_name, c.realm_slug, c.realm_name) for c in rows
    ]


def _player(session: Session, username: str) -> Player:
    user = session.exec(select(User).where(User.discord_username == username)).one()
    return session.exec(select(Player).where(Player.website_user_id == user.id)).one()


def _identity(engine) -> tuple:
    """Who holds which character and how, every player's Battle.net account, the audit."""
    with Session(engine) as session:
        links = sorted(
            (link.character_id, link.player_id, link.link_source)
            for link in session.exec(select(PlayerCharacter))
        )
        accounts = sorted(
            (p.id, p.battlenet_account_id, p.battletag, p.main_character_id)
            for p in session.exec(select(Player))
        )
        issues = len(session.exec(select(AuditIssue)).all())
    return links, accounts, issues


def _start(token: str, now: datetime | None = None) -> str:
    """What "Link Battle.net" does for this login: a state, and Battle.net's address."""
    now = now or datetime.now(UTC)
    viewer = call_in_session(resolve_session, token=token, now=now)
    state = call_in_session(
        issue_link_state, user_session_id=viewer.session_id, player_id=viewer.player_id, now=now
    )
    return authorize_url(get_settings(), state)


def _authorize(url: str) -> str:
    """The browser at Battle.net's sign-in page: where it is sent back to."""
    answer = httpx.get(url, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def _callback(api: TestClient, back: str, token: str) -> str:
    """The browser arriving back with its login cookie: the outcome /profile is told."""
    api.cookies.set(SESSION_COOKIE, token)
    answer = api.get(urlsplit(back).path + "?" + urlsplit(back).query)
    assert answer.status_code == 303
    location = answer.headers["location"]
    if location.startswith("/login"):
        return "login"
    return parse_qs(urlsplit(location).query)["battlenet"][0]


def _link(api, fake, token: str, user: BattleNetUser) -> str:
    fake.sign_in.signed_in = user
    return _callback(api, _authorize(_start(token)), token)


def test_linking_verifies_the_guild_characters_and_takes_one_from_another_player(
    api, fake, tokens, committed
):
    mine = _characters_of(committed, DEMO_MEMBER)
    theirs = _characters_of(committed, DEMO_OFFICER)[0]
    user = BattleNetUser(42_001, "Demomember#1234", [*mine, theirs, STRANGER])

    assert _link(api, fake, tokens[DEMO_MEMBER], user) == "linked"

    with Session(committed) as session:
        member = _player(session, DEMO_MEMBER)
        officer = _player(session, DEMO_OFFICER)
        assert (member.battlenet_account_id, member.battletag) == (42_001, "Demomember#1234")
        links = {
            link.character_id: link
            for link in session.exec(
                select(PlayerCharacter).where(PlayerCharacter.player_id == member.id)
            )
        }
        names = {
            session.get(WowCharacter, cid).character_name: link.link_source
            for cid, link in links.items()
        }
        assert names == {c.name: "battlenet_oauth" for c in [*mine, theirs]}
        assert STRANGER.name not in names  # not on our roster: nothing made up
        officer_names = {
            session.get(WowCharacter, link.character_id).character_name
            for link in session.exec(
                select(PlayerCharacter).where(PlayerCharacter.player_id == officer.id)
            )
        }
        assert theirs.name not in officer_names
    moved = [i for i in call_in_session(list_issues, resolved=False) if theirs.name in i.summary]
    assert len(moved) == 1
    assert moved[0].type_label == "Characters moved by a Battle.net proof"
    assert "Demo Officer to Demo Member" in moved[0].summary
    assert "Demomember#1234" in moved[0].summary
    assert fake.sign_in.code_exchanges == 1


def test_refresh_lapses_a_character_no_longer_on_the_account_and_unlink_keeps_them_all(
    api, fake, tokens, committed
):
    mine = _characters_of(committed, DEMO_MEMBER)
    assert len(mine) >= 2
    user = BattleNetUser(42_002, "Demomember#1234", mine)
    assert _link(api, fake, tokens[DEMO_MEMBER], user) == "linked"

    renamed = BattleNetUser(42_002, "Renamed#9999", mine[1:])
    assert _link(api, fake, tokens[DEMO_MEMBER], renamed) == "linked"  # "Refresh"
    with Session(committed) as session:
        member = _player(session, DEMO_MEMBER)
        assert member.battletag == "Renamed#9999"
        sources = _sources(session, member.id)
    assert sources[mine[0].name] == "battlenet_lapsed"
    assert {sources[c.name] for c in mine[1:]} == {"battlenet_oauth"}

    with Session(committed) as session:
        member_id = _player(session, DEMO_MEMBER).id
    assert call_in_session(unlink_battlenet_account, player_id=member_id) == len(mine) - 1
    with Session(committed) as session:
        member = _player(session, DEMO_MEMBER)
        assert (member.battlenet_account_id, member.battletag) == (None, None)
        assert set(_sources(session, member.id)) == {c.name for c in mine}  # still theirs
        assert set(_sources(session, member.id).values()) == {"battlenet_lapsed"}


def _sources(session: Session, player_id: int) -> dict[str, str]:
    return {
        name: source
        for name, source in session.exec(
            select(WowCharacter.character_name, PlayerCharacter.link_source)
            .join(PlayerCharacter, PlayerCharacter.character_id == WowCharacter.id)
            .where(PlayerCharacter.player_id == player_id)
        )
    }


def test_a_verified_link_is_matched_by_blizzard_id_once_the_roster_has_it(
    api, fake, tokens, committed
):
    """After a roster sync the character has Blizzard's id: a renamed character still matches."""
    mine = _characters_of(committed, DEMO_MEMBER)[0]
    with Session(committed) as session:
        row = session.exec(
            select(WowCharacter).where(WowCharacter.character_name == mine.name)
        ).one()
        row.blizzard_id = mine.blizzard_id
        session.add(row)
        session.commit()
    user = BattleNetUser(42_003, "Demomember#1234", [replace(mine, name="Newname")])
    assert _link(api, fake, tokens[DEMO_MEMBER], user) == "linked"
    with Session(committed) as session:
        assert _sources(session, _player(session, DEMO_MEMBER).id)[mine.name] == "battlenet_oauth"


# ---------------------------------------------------------------------------------------------
# Errors: each one is said in plain words and changes nothing
# ---------------------------------------------------------------------------------------------


def _unchanged(committed, before, outcome: str, expected: str) -> None:
    assert outcome == expected
    assert expected == "login" or REASONS[expected]
    assert _identity(committed) == before


def test_consent_denied(api, fake, tokens, committed):
    before = _identity(committed)
    fake.sign_in.deny_consent = True
    user = BattleNetUser(42_010, "Demomember#1234", _characters_of(committed, DEMO_MEMBER))
    _unchanged(committed, before, _link(api, fake, tokens[DEMO_MEMBER], user), "denied")
    assert fake.sign_in.code_exchanges == 0


def test_a_replayed_callback_is_refused(api, fake, tokens, committed):
    user = BattleNetUser(42_011, "Demomember#1234", _characters_of(committed, DEMO_MEMBER))
    fake.sign_in.signed_in = user
    back = _authorize(_start(tokens[DEMO_MEMBER]))
    assert _callback(api, back, tokens[DEMO_MEMBER]) == "linked"
    with Session(committed) as session:  # an officer moves a character away meanwhile
        link = session.exec(
            select(PlayerCharacter).where(
                PlayerCharacter.player_id == _player(session, DEMO_MEMBER).id
            )
        ).first()
        link.link_source = "manual"
        session.add(link)
        session.commit()
    before = _identity(committed)
    _unchanged(committed, before, _callback(api, back, tokens[DEMO_MEMBER]), "state_unknown")
    assert fake.sign_in.code_exchanges == 1  # the code was never sent again


def test_a_state_made_up_or_from_another_login_is_refused(api, fake, tokens, committed):
    fake.sign_in.signed_in = BattleNetUser(42_012, "X#1", _characters_of(committed, DEMO_MEMBER))
    before = _identity(committed)
    made_up = _authorize(_start(tokens[DEMO_MEMBER])).replace("state=", "state=x")
    _unchanged(committed, before, _callback(api, made_up, tokens[DEMO_MEMBER]), "state_unknown")
    officers = _authorize(_start(tokens[DEMO_OFFICER]))  # the officer's sign-in, member's cookie
    _unchanged(committed, before, _callback(api, officers, tokens[DEMO_MEMBER]), "state_unknown")
    other_login = _second_session(committed, DEMO_MEMBER)  # the member in another browser
    started_there = _authorize(_start(other_login))
    outcome = _callback(api, started_there, tokens[DEMO_MEMBER])
    _unchanged(committed, before, outcome, "state_unknown")
    assert _callback(api, started_there, other_login) == "linked"  # not used up by the refusal
    assert fake.sign_in.code_exchanges == 1


def _second_session(engine, username: str) -> str:
    with Session(engine) as session:
        user_id = _player(session, username).website_user_id
        token = start_session(session=session, user_id=user_id, now=datetime.now(UTC), hours=1)
        session.commit()
    return token


def test_a_state_older_than_ten_minutes_is_refused(api, fake, tokens, committed):
    fake.sign_in.signed_in = BattleNetUser(42_013, "X#1", _characters_of(committed, DEMO_MEMBER))
    before = _identity(committed)
    url = _start(tokens[DEMO_MEMBER], now=datetime.now(UTC) - timedelta(minutes=10, seconds=5))
    outcome = _callback(api, _authorize(url), tokens[DEMO_MEMBER])
    _unchanged(committed, before, outcome, "state_expired")


def test_an_invalid_or_expired_code_is_refused(api, fake, tokens, committed):
    fake.sign_in.signed_in = BattleNetUser(42_014, "X#1", _characters_of(committed, DEMO_MEMBER))
    before = _identity(committed)
    back = _authorize(_start(tokens[DEMO_MEMBER]))
    forged = back.replace("code=", "code=forged")
    _unchanged(committed, before, _callback(api, forged, tokens[DEMO_MEMBER]), "code_invalid")
    fake.sign_in.code_seconds = 0.0
    back = _authorize(_start(tokens[DEMO_MEMBER]))
    _unchanged(committed, before, _callback(api, back, tokens[DEMO_MEMBER]), "code_invalid")


def test_battlenet_down_or_unreachable(api, fake, tokens, committed, monkeypatch):
    fake.sign_in.signed_in = BattleNetUser(42_015, "X#1", _characters_of(committed, DEMO_MEMBER))
    before = _identity(committed)
    fake.sign_in.down = True
    back = _authorize(_start(tokens[DEMO_MEMBER]))
    _unchanged(committed, before, _callback(api, back, tokens[DEMO_MEMBER]), "unavailable")
    fake.sign_in.down = False
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("BLIZZARD_TOKEN_URL", f"http://127.0.0.1:{port}/token")  # refused
    get_settings.cache_clear()
    back = _authorize(_start(tokens[DEMO_MEMBER]))
    _unchanged(committed, before, _callback(api, back, tokens[DEMO_MEMBER]), "unavailable")


def test_an_account_linked_to_another_player_is_refused(api, fake, tokens, committed):
    officer_chars = _characters_of(committed, DEMO_OFFICER)
    shared = BattleNetUser(42_016, "Officer#1111", officer_chars)
    assert _link(api, fake, tokens[DEMO_OFFICER], shared) == "linked"
    before = _identity(committed)
    outcome = _link(api, fake, tokens[DEMO_MEMBER], shared)
    _unchanged(committed, before, outcome, "account_taken")


def test_an_account_without_guild_characters_is_refused(api, fake, tokens, committed):
    before = _identity(committed)
    outcome = _link(api, fake, tokens[DEMO_MEMBER], BattleNetUser(42_017, "Alt#2", [STRANGER]))
    _unchanged(committed, before, outcome, "no_guild_characters")


def test_without_the_login_cookie_the_callback_sends_to_the_login_page(
    api, fake, tokens, committed
):
    fake.sign_in.signed_in = BattleNetUser(42_018, "X#1", _characters_of(committed, DEMO_MEMBER))
    before = _identity(committed)
    back = _authorize(_start(tokens[DEMO_MEMBER]))
    _unchanged(committed, before, _callback(api, back, "not-a-session"), "login")
