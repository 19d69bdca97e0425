"""Which server a run talks to, and everything that follows from it, decided in one place.

``profile_for(settings)`` reads the settings only (no network probe): the server kind the user
declared (``--server-kind``), else no key and no base URL for the bundled model, else the base
URL's host (OpenAI, Azure) or a well-known default port (llama.cpp's 8080, vLLM's 8000), else a
plain OpenAI-compatible server. Every caller that needs to know what the server accepts or
how to treat it asks the profile instead of looking at the settings itself: the model asked
for, the schema dialect, the token-cap field, how many requests it serves at once, whether it
has the Batch API, the request timeout, its context size and the draft's bounds, where requests
go, what messages call the server and whether it counts tokens on request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from .draft import LARGE, SMALL, DraftBounds
from .settings import SchemaKind, ServerKind, Settings

TokenCapField = Literal["max_completion_tokens", "max_tokens"]

# Where requests go when no base URL is given (the OpenAI SDK's default too).
OPENAI_URL = "https://api.openai.com/v1"

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# The bundled model, as its server names it and as the request asks for it.
BUNDLED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
# The context the bundled server is started with (``local/server.py``, ``local serve``).
BUNDLED_CONTEXT_TOKENS = 8192
# Requests the bundled server decodes at once (``local/server.py`` starts it with this many
# slots): more in flight only queue there and eat into each request's timeout.
BUNDLED_SLOTS = 1
DEFAULT_TIMEOUT = 120.0
# A 1.5B model on two cores writes ~13 tokens/s and its server serves one request at a time:
# the default request timeout would cut a normal answer short under any other load.
BUNDLED_TIMEOUT = 900.0
# llama.cpp reuses a warm prompt cache across requests, which changes greedy output; turning it
# off makes the same article give the same answer every run. The DRY sampler penalises a
# token that would extend a sequence already written (past two tokens, growing with length):
# greedy decoding on a 1.5B model otherwise writes the same event or stance under every key.
# JSON punctuation breaks sequences, so the structure itself is never penalised.
BUNDLED_EXTRA_BODY: Mapping[str, Any] = MappingProxyType(
    {"cache_prompt": False, "dry_multiplier": 0.8, "dry_base": 1.75, "dry_allowed_length": 2}
)
# Context windows (prompt and answer, in tokens) of hosted models, as their makers publish
# them; a model is matched by the longest name it starts with, followed by "-" or nothing.
CONTEXT_TOKENS: Mapping[str, int] = MappingProxyType(
    {
        "gpt-4o": 128_000,
        "gpt-4o-mini": 128_000,
        "gpt-4.1": 1_047_576,
        "gpt-3.5-turbo": 16_385,
        "gpt-3.5-turbo-instruct": 4_096,
    }
)
# Servers started on their documented default port, when nobody said which server it is.
_DEFAULT_PORTS: Mapping[int, ServerKind] = MappingProxyType({8080: "llamacpp", 8000: "vllm"})
# What a message calls each kind of server ("the llama.cpp server has none").
SERVER_NAMES: Mapping[ServerKind, str] = MappingProxyType(
    {
        "openai": "OpenAI API",
        "azure": "Azure OpenAI",
        "llamacpp": "llama.cpp server",
        "vllm": "vLLM server",
        "bundled": "bundled local model",
        "compatible": "OpenAI-compatible server",
    }
)
# Servers that tokenize on request (llama.cpp's ``POST /tokenize``, beside its ``/v1``).
_TOKENIZING: frozenset[ServerKind] = frozenset({"bundled", "llamacpp"})


@dataclass(frozen=True)
class EndpointProfile:
    """What a run may expect of its server, and how it treats it."""

    kind: ServerKind
    name: str  # what messages call the server: "llama.cpp server"
    url: str  # the base URL requests go to: the one given, else OpenAI's
    model: str  # the model asked for: the one chosen, else the kind's default
    dialect: SchemaKind  # the JSON Schema dialect the draft schema is sent in
    # OpenAI's own API rejects max_tokens on reasoning models; compatible servers (llama.cpp,
    # vLLM, Ollama) read max_tokens.
    token_cap_field: TokenCapField
    max_concurrency: int | None  # requests the server decodes at once; None: no known limit
    batch_api: bool  # whether the OpenAI Batch API (files and batches endpoints) is there
    default_timeout: float  # seconds per request when none was chosen
    timeout: float  # seconds per request: the one chosen, else ``default_timeout``
    context_tokens: int | None  # prompt and answer together; None when not known
    tokenizes: bool  # whether it counts tokens on request (``POST /tokenize``, ``context.py``)
    draft_bounds: DraftBounds  # how much the draft schema allows the model to write
    # Fields every request body carries for this server (the settings' own ``extra_body`` wins).
    extra_body: Mapping[str, Any] = field(default_factory=dict)

    def concurrency(self, wanted: int) -> int:
        """``wanted`` requests in flight, or fewer if the server serves fewer at once."""
        return wanted if self.max_concurrency is None else min(wanted, self.max_concurrency)

    @property
    def label(self) -> str:
        """The server's address for messages and provenance: scheme, host, port and path,
        never credentials."""
        parts = urlsplit(self.url)
        netloc = parts.hostname or ""
        if parts.port:
            netloc = f"{netloc}:{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def profile_for(settings: Settings) -> EndpointProfile:
    """The profile of the server ``settings`` point at: decided once per article (``request.
    prepare``) or per run (the batch engines), then carried with the request."""
    kind = server_kind(settings)
    bundled = kind == "bundled"
    hosted = kind in ("openai", "azure")
    model = settings.model or (DEFAULT_OPENAI_MODEL if hosted else BUNDLED_MODEL)
    default_timeout = BUNDLED_TIMEOUT if bundled else DEFAULT_TIMEOUT
    dialect: SchemaKind = "openai" if hosted else "llguidance" if bundled else "grammar"
    return EndpointProfile(
        kind=kind,
        name=SERVER_NAMES[kind],
        url=settings.base_url or OPENAI_URL,
        model=model,
        dialect=settings.schema_kind or dialect,
        token_cap_field="max_completion_tokens" if hosted else "max_tokens",
        max_concurrency=BUNDLED_SLOTS if bundled else None,
        # llama.cpp and vLLM serve no files and batches endpoints; a proxy in front of OpenAI
        # may, so a compatible server is given the benefit of the doubt.
        batch_api=kind in ("openai", "azure", "compatible"),
        default_timeout=default_timeout,
        timeout=settings.timeout if settings.timeout is not None else default_timeout,
        context_tokens=settings.context_tokens
        or (BUNDLED_CONTEXT_TOKENS if bundled else known_context(model)),
        tokenizes=kind in _TOKENIZING,
        # A 1.5B model needs tight bounds (it fills what it is given and copies sentences
        # into long strings); a frontier model on a long article would be cut short by them.
        draft_bounds=SMALL if bundled else LARGE,
        extra_body=BUNDLED_EXTRA_BODY if bundled else {},
    )


def server_kind(settings: Settings) -> ServerKind:
    """The declared kind, else what the key, the base URL's host or its port say."""
    if settings.server_kind is not None:
        return settings.server_kind
    if settings.base_url is None:
        return "bundled" if settings.api_key is None else "openai"
    parts = urlsplit(settings.base_url)
    host = (parts.hostname or "").lower()
    if host == "openai.com" or host.endswith(".openai.com"):
        return "openai"
    if host.endswith(".azure.com"):  # Azure OpenAI: <resource>.openai.azure.com and kin
        return "azure"
    try:
        port = parts.port
    except ValueError:  # not a number: ``Settings.check`` does not look that far
        port = None
    return _DEFAULT_PORTS.get(port, "compatible") if port is not None else "compatible"


def known_context(model: str) -> int | None:
    """The published context size of a hosted model (``openai/gpt-4o-2024-08-06`` counts as
    ``gpt-4o``), None for any other."""
    name = model.rsplit("/", 1)[-1].lower()
    matches = [m for m in CONTEXT_TOKENS if name == m or name.startswith(m + "-")]
    return CONTEXT_TOKENS[max(matches, key=len)] if matches else None


def generation_settings(
    settings: Settings, profile: EndpointProfile | None = None
) -> dict[str, Any]:
    """The knobs that change the model's answer (part of provenance and cache keys);
    ``profile``: the settings' own, when the caller has it."""
    return {
        "temperature": settings.temperature,
        "seed": settings.seed,
        "max_output_tokens": settings.max_output_tokens,
        "schema_kind": (profile or profile_for(settings)).dialect,
    }
