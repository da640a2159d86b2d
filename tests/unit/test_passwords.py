import subprocess
import sys
from pathlib import Path

import bcrypt

from patt_app.services.accounts.passwords import hash_password, verify_password

HASH_ONE = (
    "from patt_app.services.accounts.passwords import hash_password; print(hash_password('x'))"
)


def test_new_hashes_are_argon2_and_verify():
    stored = hash_password("correct horse")
    assert stored.startswith("$argon2")
    assert verify_password("correct horse", stored) == (True, None)
    assert verify_password("wrong horse", stored)[0] is False


def test_bcrypt_hashes_verify_and_come_back_upgraded():
    old = bcrypt.hashpw(b"legacy-pass", bcrypt.gensalt(rounds=4)).decode()
    matches, upgraded = verify_password("legacy-pass", old)
    assert matches is True
    assert upgraded is not None and upgraded.startswith("$argon2")
    assert verify_password("legacy-pass", upgraded) == (True, None)
    assert verify_password("nope", old) == (False, None)


def test_a_damaged_hash_never_matches():
    assert verify_password("anything", "not-a-hash") == (False, None)


def test_the_app_hashes_with_the_strong_argon2_parameters():
    """The suite hashes cheaply (tests/conftest.py); the app on its own does not."""
    shown = subprocess.run(
        [sys.executable, "-c", HASH_ONE],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert shown.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
