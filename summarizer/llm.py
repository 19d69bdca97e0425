"""One Chat Completions call with the draft's strict JSON schema, through the official SDK.

The SDK's own retries are off (``max_retries=0``): ``retry.py`` is the one retry layer. The
HTTP client is ours, with explicit timeouts, so every server kind behaves the same; its hooks
(``http_bounds.py``) make the timeout a deadline for the whole request, body included, and cap
the size of an answer (``answer_cap``).
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx2
import openai

from . import http_bounds
from .context import context_length_error
from .profile import EndpointProfile, profile_for
from .schema import Usage
from .settings import Settings

Message = dict[str, str]

# The SDK insists on a key; local servers ignore it, so a placeholder goes there.
_NO_KEY = "not-needed"

# An answer's bytes per output token at most: a token of JSON is a few bytes, one written as
# \uXXXX escapes about a dozen; a server's reasoning text may take the cap again. And the
# envelope around it (usage, ids, an error page). An answer over this is no answer.
ANSWER_BYTES_PER_TOKEN = 64
ANSWER_OVERHEAD_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Completion:
    """What came back from one call, before any validation."""

    content: str | None
    refusal: str | None
    finish_reason: str | None
    usage: Usage
    model: str | None


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The default TLS context (certifi, or ``SSL_CERT_FILE``), built once per process.

    Loading the trust store takes about 20 ms; every ``summarize()`` call and every batch
    paid it again before its first request. A context is safe to share between clients.
    """
    return httpx2.create_ssl_context()


def make_client(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    profile: EndpointProfile | None = None,
) -> openai.OpenAI:
    """A client for the settings' server; ``profile``: theirs, when the caller has it."""
    settings.check_base_url()  # also for settings built without ``resolve``: no credentials
    seconds = (profile or profile_for(settings)).timeout
    timeout = httpx2.Timeout(seconds, connect=settings.connect_timeout)
    advice = " (raise --max-output-tokens or SUMMARIZER_MAX_OUTPUT_TOKENS if answers are this long)"
    http = httpx2.Client(
        timeout=timeout,
        transport=transport,
        verify=tls_context(),
        event_hooks=http_bounds.hooks(seconds, answer_cap(settings), advice=advice),
    )
    return openai.OpenAI(
        api_key=settings.api_key or _NO_KEY,
        base_url=settings.base_url,
        max_retries=0,
        timeout=timeout,
        http_client=http,
    )


def answer_cap(settings: Settings) -> int:
    """The most bytes a model answer may have: far more than any answer within the output
    token cap, far less than what would hurt (``http_bounds.py`` enforces it)."""
    return settings.max_output_tokens * ANSWER_BYTES_PER_TOKEN + ANSWER_OVERHEAD_BYTES


def request_body(
    settings: Settings,
    messages: Sequence[Message],
    schema_fields: dict[str, Any],
    profile: EndpointProfile | None = None,
) -> dict[str, Any]:
    """The Chat Completions JSON body, exactly as sent; also each Batch API line's body.

    ``schema_fields`` carry the article's own draft schema (``DraftSpec.request_fields``):
    ``response_format``, or llama.cpp's ``grammar``. ``profile``: the settings' own, when the
    caller has it (the request carries it).
    """
    profile = profile or profile_for(settings)
    body: dict[str, Any] = {
        "model": profile.model,
        "messages": list(messages),
        **schema_fields,
        "temperature": settings.temperature,
    }
    body[profile.token_cap_field] = settings.max_output_tokens
    if settings.seed is not None:
        body["seed"] = settings.seed
    # Server-specific fields go in as the SDK's extra_body would: the profile's, then the user's.
    body.update({**profile.extra_body, **settings.extra_body})
    return body


def complete(
    client: openai.OpenAI,
    settings: Settings,
    messages: Sequence[Message],
    schema_fields: dict[str, Any],
    profile: EndpointProfile | None = None,
) -> Completion:
    """Send one request; raises the SDK's errors untouched for ``retry.py`` to classify, except
    a context-length refusal, which becomes ``ContextLengthError``.

    The body goes out through ``client.post``, the SDK's documented way to send a request as
    given, with the client's auth and its errors for every non-2xx answer. ``create`` would
    first walk the whole body, JSON schema included, to transform parameters this body never
    uses, and build a typed object of the answer field by field: together more CPU than the
    HTTP exchange itself, which held batch throughput back (``bench/batch_throughput.py``).
    """
    try:
        response = client.post(
            "/chat/completions",
            body=request_body(settings, messages, schema_fields, profile),
            cast_to=httpx2.Response,
        )
    except openai.APIStatusError as exc:
        # Too long for the window: typed, with the limit the server named (never retried).
        too_long = context_length_error(exc)
        if too_long is not None:
            raise too_long from exc
        raise
    except openai.APIConnectionError as exc:
        # A connection cut by the deadline's watchdog is a timeout, not a dropped connection.
        if not isinstance(exc, openai.APITimeoutError) and http_bounds.timed_out(exc.request):
            raise openai.APITimeoutError(request=exc.request) from exc
        raise
    try:
        data = response.json()
    except ValueError:  # a 200 that is not JSON (a proxy's page): no answer, so it is re-asked
        data = None
    return completion_from_json(data)


def completion_from_json(data: Any) -> Completion:
    """The parts of a Chat Completions answer we check, read leniently from its JSON.

    Compatible servers differ in what they leave out (``usage``, ``refusal``, ``model``), so a
    missing or oddly typed field reads as absent; whether the content is usable is decided by
    ``extraction.check_completion``, which re-asks. Also reads Batch API output lines.
    """
    if not isinstance(data, dict):
        return Completion(None, None, None, Usage(), None)
    raw_usage = data.get("usage")
    usage = Usage()
    if isinstance(raw_usage, dict):
        usage = Usage(
            prompt_tokens=_count(raw_usage.get("prompt_tokens")),
            completion_tokens=_count(raw_usage.get("completion_tokens")),
            total_tokens=_count(raw_usage.get("total_tokens")),
        )
    model = _text(data.get("model"))
    choices = data.get("choices")
    choice = choices[0] if isinstance(choices, list) and choices else None
    if not isinstance(choice, dict):
        return Completion(None, None, None, usage, model)
    message = choice.get("message")
    message = message if isinstance(message, dict) else {}
    return Completion(
        content=_text(message.get("content")),
        refusal=_text(message.get("refusal")),
        finish_reason=_text(choice.get("finish_reason")),
        usage=usage,
        model=model,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
