"""Who may call: bearer tokens checked in constant time, owner keys, and the loopback guard.

Tokens come from ``SUMMARIZER_API_TOKEN`` (comma-separated for several). A job is owned by an
HMAC-SHA-256 of the token that created it, keyed with a random per-install secret
(``owner.key`` in the data directory, 0600): the database never holds a secret, one token can
never name another's jobs, and a stolen database cannot be used to test guessed tokens offline
without the key as well. Jobs of an older version, owned by the bare SHA-256, are moved over
at start for the tokens configured (``legacy_owner_of``).

Without tokens (loopback only) the service must still not be reachable from a web page the
user happens to visit: ``browser_problem`` refuses a foreign ``Host`` (DNS rebinding), a
foreign ``Origin`` or ``Sec-Fetch-Site: cross-site``, and a POST whose content type a page could
send without a CORS preflight (only JSON and JSONL are accepted).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError

TOKEN_ENV = "SUMMARIZER_API_TOKEN"


def tokens_from_env(env: Mapping[str, str]) -> tuple[str, ...]:
    raw = env.get(TOKEN_ENV, "")
    return tuple(t.strip() for t in raw.split(",") if t.strip())


KEY_FILE = "owner.key"
_KEY_BYTES = 32
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
# What a token-less service accepts in a POST: none of them is a type a web page may send
# cross-origin without a CORS preflight, which this service never answers.
JSON_TYPES = ("application/json", *JSONL_TYPES)


def owner_of(token: str, key: bytes) -> str:
    """The stored owner key of a token: keyed hash, so the token is never kept or logged."""
    return hmac.new(key, token.encode("utf-8"), hashlib.sha256).hexdigest()


def legacy_owner_of(token: str) -> str:
    """The owner key of versions before the keyed hash (plain SHA-256), for migration only."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def load_owner_key(data_dir: Path) -> bytes:
    """This install's owner-key secret, created once (0600) on first start."""
    path = data_dir / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) < _KEY_BYTES:
            raise ConfigError(f"{path} is damaged (expected {_KEY_BYTES} random bytes)") from None
        return key
    key = secrets.token_bytes(_KEY_BYTES)
    with os.fdopen(fd, "wb") as f:
        f.write(key)
        f.flush()
        os.fsync(f.fileno())
    return key


def authenticate(header: str | None, tokens: Sequence[str], key: bytes) -> str | None:
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
    return owner_of(match, key) if match is not None else None


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only hosts served without a token."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def browser_problem(method: str, headers: Mapping[str, str]) -> tuple[int, str] | None:
    """(status, reason) when a request to a token-less service may come from a web page."""
    host = _host_of(headers.get("host", ""))
    if host and not is_loopback(host):
        return 403, f"Host {host!r} is not this machine: only loopback names are served"
    origin = headers.get("origin")
    if origin is not None and not is_loopback(_origin_host(origin)):
        return 403, "cross-origin requests are refused"
    if headers.get("sec-fetch-site", "") == "cross-site":
        return 403, "cross-site requests are refused"
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if method == "POST" and media not in JSON_TYPES:
        return 415, "send application/json (or JSONL for batches)"
    return None


def _host_of(value: str) -> str:
    """The host of a Host header: ``[::1]:8000`` -> ``::1``, ``localhost:8000`` -> ``localhost``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def _origin_host(origin: str) -> str:
    try:
        return (urlsplit(origin.strip()).hostname or "").lower()
    except ValueError:
        return ""
