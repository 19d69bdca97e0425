"""The one exception tree of summarizer.

Every error the library raises on purpose derives from ``SummarizerError``, so a
caller can catch one class. The tree is short on purpose::

    SummarizerError
     ├── InputError              bad article or option: empty, binary, too long, bad date (exit 2)
     │    └── DuplicateIdError   a batch input repeats an earlier input's id (batch/records.py)
     ├── ConfigError             settings that cannot work: no model, bad base URL (exit 2)
     │    └── MissingExtraError  a command needs an optional part that is not installed
     ├── PromptError             a prompt file is missing, unversioned or lacks a variable
     ├── LocalServerError        the bundled local model server could not start or be found
     └── ModelError              the model call failed after all retries and re-asks (exit 1)
          ├── TransportError     network or HTTP status (``status_code``): retries exhausted
          │    ├── TransportTimeoutError  no whole answer within the request timeout
          │    ├── AnswerTooLargeError    an answer longer than the output cap allows (not retried)
          │    └── ContextLengthError     the request is longer than the model's context window
          │                               (not retried: ``long.py`` splits the article)
          ├── InvalidOutputError output never validated (bad JSON, schema, truncation, refusal)
          └── BudgetExceededError the per-article token budget ran out

``ModelError`` carries what a caller needs to decide what to do next: attempts made,
token usage across them, and the last raw output the model sent. Errors are built with that
context: an error that must also count earlier attempts is rebuilt (``with_history``), never
patched after it was raised.

``one_line`` and ``to_dict`` are what leaves the process (stderr, batch records, problem
bodies): both are redacted (no key, no credential from a URL) and free of control characters.
"""

from __future__ import annotations

from typing import Any, Self

from . import scrub


class SummarizerError(Exception):
    """Root of every error summarizer raises on purpose."""

    exit_code = 1

    def one_line(self) -> str:
        """A single-line message for users: no newlines, no controls, no secrets."""
        return scrub.message(str(self))


class InputError(SummarizerError):
    """The article or an option given with it cannot be used."""

    exit_code = 2


class ConfigError(SummarizerError):
    """Settings that cannot work (for example an unusable base URL)."""

    exit_code = 2


class MissingExtraError(ConfigError):
    """A command needs a pip extra (``local``, ``serve``) that is not installed; the message
    names the ``pip install`` to run."""

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message)
        self.extra = extra


class PromptError(SummarizerError):
    """A prompt template is missing, malformed or lacks a variable."""


class LocalServerError(SummarizerError):
    """The bundled local model or its server could not be found or started."""


class ModelError(SummarizerError):
    """The model did not produce a usable answer within the retry and re-ask budget."""

    def __init__(
        self,
        message: str,
        *,
        attempts: int = 0,
        usage: dict[str, int] | None = None,
        last_output: str | None = None,
        errors: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.usage = usage or {}
        self.last_output = last_output
        self.errors = errors or []

    def _context(self) -> dict[str, Any]:
        """The keyword arguments beyond the history that rebuild this error."""
        return {"errors": self.errors}

    def with_history(
        self, *, attempts: int, usage: dict[str, int], last_output: str | None
    ) -> Self:
        """The same error, also counting ``attempts`` earlier attempts and their ``usage``.

        For a failure after earlier calls that succeeded (a re-ask whose request failed): the
        error a caller sees covers the whole article, as if built so in the first place.
        """
        total = dict(self.usage)
        for key, value in usage.items():
            total[key] = total.get(key, 0) + value
        return type(self)(
            str(self),
            attempts=self.attempts + attempts,
            usage=total,
            last_output=self.last_output if self.last_output is not None else last_output,
            **self._context(),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe description, used by batch error records."""
        return {
            "type": type(self).__name__,
            "message": self.one_line(),
            "attempts": self.attempts,
            "usage": self.usage,
            "errors": [scrub.message(e) for e in self.errors],
        }


class TransportError(ModelError):
    """Network failures or HTTP errors that persisted through every retry.

    ``status_code`` is the model server's last HTTP status, None when no answer came (a
    dropped connection, a timeout).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        attempts: int = 0,
        usage: dict[str, int] | None = None,
        last_output: str | None = None,
        errors: list[str] | None = None,
    ) -> None:
        super().__init__(
            message, attempts=attempts, usage=usage, last_output=last_output, errors=errors
        )
        self.status_code = status_code

    def _context(self) -> dict[str, Any]:
        return {**super()._context(), "status_code": self.status_code}

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if self.status_code is not None:
            data["status_code"] = self.status_code
        return data


class TransportTimeoutError(TransportError):
    """The model server did not answer within the request timeout, on every attempt."""


class AnswerTooLargeError(TransportError):
    """The model server's answer was larger than any answer within the output token cap can be
    (``llm.answer_cap``); it was dropped unread past the cap, and is not asked again."""


class InvalidOutputError(ModelError):
    """Every answer was malformed, truncated, refused or violated the schema."""


class BudgetExceededError(ModelError):
    """The per-article token budget ran out before a valid answer arrived."""


class ContextLengthError(TransportError):
    """The server refused the request as longer than its context window (HTTP 400/413, or
    llama.cpp's ``exceed_context_size_error``). Repeating it cannot help; a shorter request
    can, so ``long.py`` splits the article into windows that fit.

    ``limit`` is the window in tokens and ``prompt_tokens`` what the server counted for the
    messages, each when the server's answer says it (None otherwise).
    """

    def __init__(
        self,
        message: str,
        *,
        limit: int | None = None,
        prompt_tokens: int | None = None,
        status_code: int | None = None,
        attempts: int = 0,
        usage: dict[str, int] | None = None,
        last_output: str | None = None,
        errors: list[str] | None = None,
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            attempts=attempts,
            usage=usage,
            last_output=last_output,
            errors=errors,
        )
        self.limit = limit
        self.prompt_tokens = prompt_tokens

    def _context(self) -> dict[str, Any]:
        return {**super()._context(), "limit": self.limit, "prompt_tokens": self.prompt_tokens}

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if self.limit is not None:
            data["context_tokens"] = self.limit
        return data
