"""The one exception tree of summarizer.

Every error the library raises on purpose derives from ``SummarizerError``, so a
caller can catch one class. The tree is short on purpose::

    SummarizerError
     ├── InputError              bad article or option: empty, binary, too long, bad date (exit 2)
     ├── ConfigError             settings that cannot work: no model, bad base URL (exit 2)
     ├── PromptError             a prompt file is missing, unversioned or lacks a variable
     ├── LocalServerError        the bundled local model server could not start or be found
     └── ModelError              the model call failed after all retries and re-asks (exit 1)
          ├── TransportError     network, HTTP status, timeout: retries exhausted
          ├── InvalidOutputError output never validated (bad JSON, schema, truncation, refusal)
          └── BudgetExceededError the per-article token budget ran out

``ModelError`` carries what a caller needs to decide what to do next: attempts made,
token usage across them, and the last raw output the model sent.

``one_line`` and ``to_dict`` are what leaves the process (stderr, batch records, problem
bodies): both are redacted (no key, no credential from a URL) and free of control characters.
"""

from __future__ import annotations

from typing import Any

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
    """Network failures or HTTP errors that persisted through every retry."""


class InvalidOutputError(ModelError):
    """Every answer was malformed, truncated, refused or violated the schema."""


class BudgetExceededError(ModelError):
    """The per-article token budget ran out before a valid answer arrived."""
