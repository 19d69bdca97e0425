"""One Chat Completions call with the draft's strict JSON schema, through the official SDK.

The SDK's own retries are off (``max_retries=0``): ``retry.py`` is the one retry layer. The
HTTP client is ours, with explicit timeouts, so every server kind behaves the same.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx2
import openai
from openai.types.chat import ChatCompletion

from .draft import response_format
from .schema import Usage
from .settings import SchemaKind, Settings

Message = dict[str, str]

# The SDK insists on a key; local servers ignore it, so a placeholder goes there.
_NO_KEY = "not-needed"


@dataclass(frozen=True)
class Completion:
    """What came back from one call, before any validation."""

    content: str | None
    refusal: str | None
    finish_reason: str | None
    usage: Usage
    model: str | None


def make_client(
    settings: Settings, *, transport: httpx2.BaseTransport | None = None
) -> openai.OpenAI:
    timeout = httpx2.Timeout(settings.timeout, connect=settings.connect_timeout)
    http = httpx2.Client(timeout=timeout, transport=transport)
    return openai.OpenAI(
        api_key=settings.api_key or _NO_KEY,
        base_url=settings.base_url,
        max_retries=0,
        timeout=timeout,
        http_client=http,
    )


@functools.cache
def _response_format(kind: SchemaKind) -> dict[str, Any]:
    """Built once per dialect: generating the schema costs more CPU than the rest of a call.

    Shared between requests, so it must be treated as read-only (the SDK only serialises it).
    """
    return response_format(kind)


def request_body(settings: Settings, messages: Sequence[Message]) -> dict[str, Any]:
    """The Chat Completions JSON body, exactly as sent; also each Batch API line's body."""
    body: dict[str, Any] = {
        "model": settings.effective_model,
        "messages": list(messages),
        "response_format": _response_format(settings.effective_schema_kind),
        "temperature": settings.temperature,
    }
    # OpenAI's own API rejects max_tokens on reasoning models; compatible servers
    # (llama.cpp, vLLM, Ollama) read max_tokens.
    cap = "max_completion_tokens" if settings.effective_schema_kind == "openai" else "max_tokens"
    body[cap] = settings.max_output_tokens
    if settings.seed is not None:
        body["seed"] = settings.seed
    body.update(settings.extra_body)  # server-specific fields go in as the SDK's extra_body would
    return body


def complete(client: openai.OpenAI, settings: Settings, messages: Sequence[Message]) -> Completion:
    """Send one request; raises the SDK's errors untouched for ``retry.py`` to classify.

    The body goes out through ``client.post``, the SDK's documented way to send a request as
    given, with the client's auth, errors and response parsing. ``chat.completions.create``
    would first walk the whole body, JSON schema included, to transform parameters this body
    never uses: that cost more CPU than the rest of the request and held batch throughput back
    (``bench/batch_throughput.py``).
    """
    response = client.post(
        "/chat/completions", body=request_body(settings, messages), cast_to=ChatCompletion
    )
    return completion_from_response(response)


def completion_from_response(response: ChatCompletion) -> Completion:
    """The parts of a Chat Completions answer we check; also reads Batch API output lines."""
    usage = Usage()
    if response.usage is not None:
        usage = Usage(
            prompt_tokens=response.usage.prompt_tokens or 0,
            completion_tokens=response.usage.completion_tokens or 0,
            total_tokens=response.usage.total_tokens or 0,
        )
    if not response.choices:
        return Completion(None, None, None, usage, response.model)
    choice = response.choices[0]
    return Completion(
        content=choice.message.content,
        refusal=getattr(choice.message, "refusal", None),
        finish_reason=choice.finish_reason,
        usage=usage,
        model=response.model,
    )
