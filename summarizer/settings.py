"""One frozen settings object, resolved once at run time: flags, then environment, then defaults.

Nothing here is read at import: ``Settings.resolve()`` is called by the CLI or by ``summarize()``
when a run starts, so tests and long-running services see the environment of the moment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict, get_args
from urllib.parse import urlsplit

import httpx2

from . import scrub
from .errors import ConfigError

# openai: OpenAI strict structured outputs; grammar: a response_format JSON schema enforced by a
# grammar (llama.cpp, vLLM, Ollama); llguidance: the same schema sent as llama.cpp's llguidance
# grammar with compact separators (the bundled server: a third fewer tokens than pretty JSON).
SchemaKind = Literal["openai", "grammar", "llguidance"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = get_args(SchemaKind)

# What serves the model (``profile.py`` decides what follows from it): OpenAI, Azure OpenAI, a
# llama.cpp or vLLM server, the bundled model, or any other OpenAI-compatible server.
ServerKind = Literal["openai", "azure", "llamacpp", "vllm", "bundled", "compatible"]
SERVER_KINDS: tuple[ServerKind, ...] = get_args(ServerKind)

# Bounds on numbers from flags and the environment: beyond them a value is a typo (or an attack
# on the process: a timeout no socket accepts, attempts that retry for days, a read cap no
# buffer holds), refused with the setting's name rather than failing somewhere deep.
MAX_SECONDS = 86_400.0
MAX_INTS: Mapping[str, int] = {
    "max_attempts": 100,
    "reasks": 100,
    "token_budget": 100_000_000,
    "max_output_tokens": 10_000_000,
    "max_chars": 100_000_000,
    "context_tokens": 100_000_000,
}
SEED_RANGE = (-(2**63), 2**63 - 1)
# Seconds for fetching an article given as a URL (``web.py``), redirects and body included.
DEFAULT_FETCH_TIMEOUT = 30.0


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to call the model and check its answer."""

    api_key: str | None = field(default=None, repr=False)
    base_url: str | None = None
    model: str | None = None
    # Network: one request's timeout (None: the server's default, ``profile.py``), transport
    # attempts and the total time spent retrying.
    timeout: float | None = None
    connect_timeout: float = 10.0
    max_attempts: int = 5
    max_retry_seconds: float = 300.0
    # Validation re-asks after the first answer, and the token cap across every attempt.
    reasks: int = 2
    token_budget: int = 60_000
    max_output_tokens: int = 2_500
    temperature: float = 0.0
    seed: int | None = 7
    # Articles longer than this (in characters) are refused as bad input.
    max_chars: int = 100_000
    # The whole fetch of an article given as a URL, in seconds.
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    # Which JSON Schema dialect the server gets: OpenAI strict mode, or a grammar-backed server
    # (llama.cpp, vLLM) that also honours string lengths. None means "the server's own".
    schema_kind: SchemaKind | None = None

    # What serves the model; None means "tell from the key and the base URL" (``profile.py``).
    server_kind: ServerKind | None = None
    # The server's context window in tokens; None means "the model's known one, if any".
    context_tokens: int | None = None
    # Extra JSON fields for the request body (e.g. llama.cpp's cache_prompt).
    extra_body: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Whatever leaves the process is redacted of these (scrub.py), even if a server
        # echoes them back in an error message.
        scrub.remember(*self.secrets)

    @property
    def secrets(self) -> tuple[str, ...]:
        """The key and the credentials inside the base URL: never to be shown to anyone."""
        return (self.api_key or "", *scrub.url_secrets(self.base_url))

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
        """Build settings from flags (``None`` means "not given"), then env, then defaults."""
        env = os.environ if env is None else env
        given = {k: v for k, v in flags.items() if v is not None}
        unknown = set(given) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        from_env: dict[str, Any] = {}
        for name, var, convert in _ENV:
            raw = env.get(var)
            if raw is not None and raw.strip() != "":
                from_env[name] = _convert(var, raw.strip(), convert)
        merged = {**from_env, **given}
        settings = cls(**merged)
        settings.check()
        return settings

    def check(self) -> None:
        """Reject settings that cannot work, with a message naming the setting."""
        self.check_base_url()
        for name in ("timeout", "connect_timeout", "max_retry_seconds", "fetch_timeout"):
            value = getattr(self, name)
            if value is not None and not (0 < value <= MAX_SECONDS):  # NaN fails this too
                raise ConfigError(
                    f"{_named(name)} must be a number of seconds above 0 and at most "
                    f"{MAX_SECONDS:,.0f}"
                )
        for name, most in MAX_INTS.items():
            value = getattr(self, name)
            least = 0 if name == "reasks" else 1
            if value is not None and not (least <= value <= most):
                raise ConfigError(f"{_named(name)} must be from {least} to {most:,}")
        if self.seed is not None and not (SEED_RANGE[0] <= self.seed <= SEED_RANGE[1]):
            raise ConfigError(f"{_named('seed')} must be a 64-bit integer")
        if self.schema_kind not in (None, *SCHEMA_KINDS):
            names = [repr(k) for k in SCHEMA_KINDS]
            raise ConfigError(f"schema kind must be {', '.join(names[:-1])} or {names[-1]}")
        if self.server_kind not in (None, *SERVER_KINDS):
            raise ConfigError(f"server kind must be one of {', '.join(SERVER_KINDS)}")

    def check_base_url(self) -> None:
        """A base URL the HTTP client can use, without credentials in it (those would go out as
        ``Authorization: Basic``, which an upstream may echo back); else ``ConfigError``."""
        if self.base_url is None:
            return
        problem = base_url_problem(self.base_url)
        if problem == CREDENTIALS:
            raise ConfigError(
                "the base URL (--base-url or OPENAI_BASE_URL) must not hold credentials "
                "(user:password@host): put the key in OPENAI_API_KEY instead"
            )
        if problem is not None:
            raise ConfigError(
                f"base URL must be http(s)://host[:port][/path] ({problem}), "
                f"got {scrub.redact(self.base_url)!r}"
            )


class SettingOverrides(TypedDict, total=False):
    """The settings a call may give as keywords (``summarize(text, model=...)``), typed, so a
    misspelt one is a type error; ``None`` means "not given". One key per ``Settings`` field
    (a test keeps them equal)."""

    api_key: str | None
    base_url: str | None
    model: str | None
    timeout: float | None
    connect_timeout: float | None
    max_attempts: int | None
    max_retry_seconds: float | None
    reasks: int | None
    token_budget: int | None
    max_output_tokens: int | None
    temperature: float | None
    seed: int | None
    max_chars: int | None
    fetch_timeout: float | None
    schema_kind: SchemaKind | None
    server_kind: ServerKind | None
    context_tokens: int | None
    extra_body: Mapping[str, Any] | None


CREDENTIALS = "credentials"
_HOST_NAME = re.compile(r"[\w.-]+")


def base_url_problem(url: str) -> str | None:
    """What makes ``url`` unusable as a base URL (``CREDENTIALS`` for a user or password in
    it), or None. Every parser on the way is asked: ours, the HTTP client's, and the IDNA codec
    the resolver will use (an empty or over-long label fails only when connecting)."""
    if any(c.isspace() or not c.isprintable() for c in url):
        return "it holds a space or a control character"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port that is not a number from 0 to 65535
        host = parts.hostname
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in ("http", "https") or not host:
        return "no http(s) scheme or no host"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return CREDENTIALS
    if ":" not in host and not _HOST_NAME.fullmatch(host):  # an IPv6 literal is checked above
        return f"{host!r} is no host name"
    try:
        host.encode("idna")
        httpx2.URL(url)
    except (UnicodeError, ValueError, TypeError, httpx2.InvalidURL) as exc:
        return str(exc) or type(exc).__name__
    return None


def _named(name: str) -> str:
    """A setting's name with the variable that sets it: ``timeout (SUMMARIZER_TIMEOUT)``."""
    var = next((v for n, v, _ in _ENV if n == name), None)
    return f"{name} ({var})" if var else name


def _convert(var: str, raw: str, kind: type) -> Any:
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"{var}={raw!r} is not a valid {kind.__name__}") from None


_ENV: tuple[tuple[str, str, type], ...] = (
    ("api_key", "OPENAI_API_KEY", str),
    ("base_url", "OPENAI_BASE_URL", str),
    ("model", "SUMMARIZER_MODEL", str),
    ("timeout", "SUMMARIZER_TIMEOUT", float),
    ("max_attempts", "SUMMARIZER_MAX_ATTEMPTS", int),
    ("max_retry_seconds", "SUMMARIZER_MAX_RETRY_SECONDS", float),
    ("reasks", "SUMMARIZER_REASKS", int),
    ("token_budget", "SUMMARIZER_TOKEN_BUDGET", int),
    ("max_output_tokens", "SUMMARIZER_MAX_OUTPUT_TOKENS", int),
    ("seed", "SUMMARIZER_SEED", int),
    ("max_chars", "SUMMARIZER_MAX_CHARS", int),
    ("fetch_timeout", "SUMMARIZER_FETCH_TIMEOUT", float),
    ("schema_kind", "SUMMARIZER_SCHEMA_KIND", str),
    ("server_kind", "SUMMARIZER_SERVER_KIND", str),
    ("context_tokens", "SUMMARIZER_CONTEXT_TOKENS", int),
)
