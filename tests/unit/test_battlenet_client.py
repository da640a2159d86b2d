"""The Battle.net client against httpx.MockTransport: one token for many callers, refreshed
before it expires, names encoded once, retries that honour Retry-After, 404 as an answer."""

import asyncio

import httpx
import pytest

from patt_app.integrations.blizzard.client import (
    BattleNetClient,
    BattleNetError,
    character_path,
)
from patt_app.integrations.blizzard.rate_limit import BattleNetLimiter
from patt_app.integrations.client_credentials import TokenCache

PROFILE = {"id": 1, "name": "Trogmoon", "realm": {"slug": "senjin", "name": "Sen'jin"}}


class Recorder:
    """A scripted Battle.net: answers from `script` (then 200s) and notes every request."""

    def __init__(self, script=(), token_lifetime=86399):
        self.script, self.lifetime = list(script), token_lifetime
        self.requests: list[httpx.Request] = []
        self.tokens_issued = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/token":
            self.tokens_issued += 1
            await asyncio.sleep(0.01)  # slow enough for concurrent callers to pile up
            body = {"access_token": f"tok{self.tokens_issued}", "expires_in": self.lifetime}
            return httpx.Response(200, json=body)
        if self.script:
            answer = self.script.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        return httpx.Response(200, json=PROFILE)

    @property
    def api_calls(self):
        return [r for r in self.requests if r.url.path != "/token"]


def _client(recorder, sleeps=None):
    async def sleep(seconds):
        if sleeps is not None:
            sleeps.append(seconds)

    return BattleNetClient(
        api_url="https://api.test",
        token_url="https://api.test/token",
        client_id="id",
        client_secret="s3cret",
        transport=httpx.MockTransport(recorder),
        sleep=sleep,
        limiter=BattleNetLimiter(per_second=10_000),
    )


def test_names_are_lower_cased_and_url_encoded_in_one_place():
    assert (
        character_path("senjin", "Zataññá")
        == "/profile/wow/character/senjin/zata%C3%B1%C3%B1%C3%A1"
    )
    assert character_path("Bleeding-Hollow", "Shodoom") == (
        "/profile/wow/character/bleeding-hollow/shodoom"
    )


def test_the_encoded_name_reaches_the_wire_with_namespace_and_locale():
    recorder = Recorder()

    async def go():
        async with _client(recorder) as client:
            await client.character_profile("sargeras", "Zataññá")

    asyncio.run(go())
    sent = recorder.api_calls[0]
    assert sent.url.raw_path.startswith(b"/profile/wow/character/sargeras/zata%C3%B1%C3%B1%C3%A1?")
    assert sent.url.params["namespace"] == "profile-us" and sent.url.params["locale"] == "en_US"
    assert sent.headers["Authorization"] == "Bearer tok1"
    assert "tok1" not in str(sent.url)


def test_fifty_first_calls_share_one_token_fetched_with_basic_auth():
    recorder = Recorder()

    async def go():
        async with _client(recorder) as client:
            await asyncio.gather(*(client.character_profile("senjin", f"c{i}") for i in range(50)))

    asyncio.run(go())
    assert recorder.tokens_issued == 1
    token_request = next(r for r in recorder.requests if r.url.path == "/token")
    assert token_request.headers["Authorization"].startswith("Basic ")
    assert token_request.content == b"grant_type=client_credentials"
    assert len(recorder.api_calls) == 50


def test_the_token_is_refreshed_once_five_minutes_before_it_expires():
    recorder, now = Recorder(token_lifetime=3600), [0.0]

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(recorder)) as http:
            cache = TokenCache(
                http=http,
                token_url="https://x/token",
                client_id="a",
                client_secret="b",
                refused=BattleNetError,
                clock=lambda: now[0],
            )
            first = await cache.token()
            now[0] = 3600 - 301
            assert await cache.token() == first  # still more than 5 minutes left
            now[0] = 3600 - 299
            fresh = await asyncio.gather(*(cache.token() for _ in range(20)))
            assert "s3cret" not in repr(cache) and first not in repr(cache)
            return first, set(fresh)

    first, fresh = asyncio.run(go())
    assert recorder.tokens_issued == 2 and fresh == {"tok2"} and first == "tok1"


def test_429_and_5xx_are_retried_honouring_retry_after():
    sleeps = []
    recorder = Recorder(
        [
            httpx.Response(429, headers={"Retry-After": "3"}),
            httpx.Response(503),
            httpx.ReadTimeout("slow"),
        ]
    )

    async def go():
        async with _client(recorder, sleeps) as client:
            return await client.character_profile("senjin", "trogmoon")

    assert asyncio.run(go()) == PROFILE
    assert sleeps[0] == 3.0  # the server's Retry-After, longer than our own first pause
    assert len(sleeps) == 3 and sleeps[1] < sleeps[2]  # then growing pauses
    assert len(recorder.api_calls) == 4


def test_a_404_is_an_answer_not_an_error_or_a_retry():
    recorder = Recorder([httpx.Response(404, json={"code": 404})])

    async def go():
        async with _client(recorder) as client:
            return await client.character_profile("senjin", "hidden")

    assert asyncio.run(go()) is None
    assert len(recorder.api_calls) == 1


def test_a_server_that_keeps_failing_ends_in_an_error_after_bounded_retries():
    recorder = Recorder([httpx.Response(500)] * 20)

    async def go():
        async with _client(recorder) as client:
            await client.guild_roster("senjin", "pull-all-the-things")

    with pytest.raises(BattleNetError):
        asyncio.run(go())
    assert len(recorder.api_calls) == 6


def test_a_refused_token_is_fetched_again_once():
    recorder = Recorder([httpx.Response(401)])

    async def go():
        async with _client(recorder) as client:
            return await client.character_profile("senjin", "trogmoon")

    assert asyncio.run(go()) == PROFILE
    assert recorder.tokens_issued == 2
    assert recorder.api_calls[-1].headers["Authorization"] == "Bearer tok2"
