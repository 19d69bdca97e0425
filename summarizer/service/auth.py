"""Bearer tokens: constant-time checks, and an owner key that never is the token itself.

Tokens come from ``SUMMARIZER_API_TOKEN`` (comma-separated for several). A job is owned by the
SHA-256 of the token that created it, so the database never holds a secret and one token can
never name another's jobs.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Mapping, Sequence

TOKEN_ENV = "SUMMARIZER_API_TOKEN"


def tokens_from_env(env: Mapping[str, str]) -> tuple[str, ...]:
    raw = env.get(TOKEN_ENV, "")
    return tuple(t.strip() for t in raw.split(",") if t.strip())


def owner_of(token: str) -> str:
    """The stored owner key of a token (a hash: the token is never kept or logged)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticate(header: str | None, tokens: Sequence[str]) -> str | None:
    """The owner key for a valid ``Authorization: Bearer`` header, else None.

    Every configured token is compared, in constant time, so timing tells nothing about which
    one (if any) came close.
    """
    if not header:
        return None
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return None
    candidate = given.strip().encode("utf-8")
    match: str | None = None
    for token in tokens:
        if hmac.compare_digest(candidate, token.encode("utf-8")):
            match = token
    return owner_of(match) if match is not None else None


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only hosts served without a token."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
