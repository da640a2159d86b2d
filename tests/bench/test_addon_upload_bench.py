"""PATTSync uploads into a full database, through the real HTTP route on a throwaway PostgreSQL
database holding the demo guild. Baseline in the same run: the same uploads into the demo guild
alone. Then 10,000 more characters arrive (five uploads of 2,000, the most one upload may
carry) and the same uploads are timed again: what an upload costs must not grow with what
earlier uploads left behind. Prints seconds; asserts only that every upload was applied.

The interpreter is tuned as each worker of `make run` tunes itself (`runtime_tuning`: the
garbage collector's thresholds, what start-up loaded frozen).

Run with `make bench`.
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import string
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import create_engine
from sqlmodel import Session

from patt_app import db as app_db
from patt_app.api import create_api
from patt_app.database_setup import migrate
from patt_app.demo.seed import seed_demo_guild
from patt_app.runtime_tuning import tune_runtime
from patt_app.services.reference.reference_data import seed_reference_data
from patt_app.settings import get_settings
from tests.databases import drop_database, fresh_database

KEY = "bench-deployment-key"
TARGET_SECONDS = 1.0
CLASSES = ("Warrior", "Mage", "Priest", "Druid", "Rogue", "Hunter", "Paladin", "Shaman")


def _names(count: int, rng: random.Random, taken: set[str]) -> list[str]:
    found = []
    while len(found) < count:
        name = rng.choice(string.ascii_uppercase) + "".join(
            rng.choices(string.ascii_lowercase, k=rng.randint(5, 11))
        )
        if name not in taken:
            taken.add(name)
            found.append(name)
    return found


def _payload(names: list[str], rng: random.Random) -> dict:
    return {
        "characters": [
            {
                "name": name,
                "realm": "Sen'jin",
                "class": rng.choice(CLASSES),
                "level": 80,
                "rank": rng.randint(3, 8),
                "rank_name": "Member",
                "guild_note": rng.choice(["", "alt", "raider", f"alt of {name[:-1]}"]),
                "officer_note": "",
                "is_online": False,
                "last_online": f"{rng.randint(0, 20)}d",
            }
            for name in names
        ],
        "addon_version": "1.0.0",
        "uploaded_by": "Bench",
    }


def _timed_upload(client: TestClient, payload: dict) -> float:
    began = time.perf_counter()
    answer = client.post("/api/guild-sync/addon-upload", json=payload, headers={"X-API-Key": KEY})
    seconds = time.perf_counter() - began
    assert answer.status_code == 200, answer.text
    assert answer.json()["characters_received"] == len(payload["characters"])
    return seconds


@contextmanager
def _tuned_like_a_worker() -> Iterator[None]:
    thresholds, interval = gc.get_threshold(), sys.getswitchinterval()
    asyncio.run(tune_runtime())
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        sys.setswitchinterval(interval)


@pytest.fixture
def client(monkeypatch) -> Iterator[TestClient]:
    name = f"patt_bench_upload_{os.getpid()}"
    url = fresh_database(name)
    migrate(url)
    engine = create_engine(url, pool_size=5)
    previous = app_db._engine
    app_db.set_engine(engine)
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(KEY))
    try:
        with Session(engine) as session:
            seed_reference_data(session=session)
            seed_demo_guild(session=session, now=datetime.now(UTC))
            session.commit()
        with TestClient(create_api()) as client, _tuned_like_a_worker():
            yield client
    finally:
        app_db.set_engine(previous)
        engine.dispose()
        drop_database(name)


def _verdict(seconds: float) -> str:
    return "under 1 s" if seconds < TARGET_SECONDS else "OVER 1 s"


def test_uploads_cost_the_same_with_10000_characters_already_there(client):
    rng, taken = random.Random(24), set()
    baseline_1000 = _timed_upload(client, _payload(_names(1000, rng, taken), rng))
    baseline_one = _timed_upload(client, _payload(_names(1, rng, taken), rng))
    filling = [_timed_upload(client, _payload(_names(2000, rng, taken), rng)) for _ in range(5)]
    full_1000 = _timed_upload(client, _payload(_names(1000, rng, taken), rng))
    full_one = _timed_upload(client, _payload(_names(1, rng, taken), rng))
    print("\nPATTSync upload through POST /api/guild-sync/addon-upload (demo guild + uploads):")
    print(f"  baseline, 1,000 new characters into the demo guild:   {baseline_1000:6.2f} s")
    print(f"  baseline, 1 new character:                            {baseline_one:6.2f} s")
    print("  10,000 more characters in 5 uploads of 2,000:        "
          + ", ".join(f"{s:.2f}" for s in filling) + " s")  # fmt: skip
    print(f"  1,000 new characters after those 10,000:             {full_1000:6.2f} s"
          f"  ({_verdict(full_1000)}, {full_1000 / baseline_1000:.1f}× baseline)")  # fmt: skip
    print(f"  1 new character after those 10,000:                  {full_one:6.2f} s"
          f"  ({_verdict(full_one)}, {full_one / baseline_one:.1f}× baseline)")  # fmt: skip
