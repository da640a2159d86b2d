"""Password hashing: argon2 for new hashes; bcrypt hashes still verify and get upgraded."""

from __future__ import annotations

from passlib.context import CryptContext

_context = CryptContext(schemes=["argon2", "bcrypt"], deprecated="auto")

MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    """Hash a password with the current default scheme (argon2)."""
    hashed: str = _context.hash(password)  # passlib is untyped
    return hashed


def verify_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """Check a password; returns (matches, new hash to store when the old one is outdated)."""
    try:
        matches, new_hash = _context.verify_and_update(password, password_hash)
        return bool(matches), new_hash
    except ValueError:
        return False, None
