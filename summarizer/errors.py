"""The one exception tree of summarizer.

Every error the library raises on purpose derives from ``SummarizerError``, so a
caller can catch one class. The tree is short on purpose::

    SummarizerError
     ├── InputError              bad article or option: empty, binary, too long, bad date (exit 2)
     ├── ConfigError             settings that cannot work: no model, bad base URL (exit 2)
     │    └── MissingExtraError  a command needs an optional part that is not installed
     ├── PromptError             a prompt file is missing, unversioned or lacks a variable
     ├── LocalServerError        the bundled local model server could not start or be found
     └── ModelError              the model call failed after all retries and re-asks (exit 1)
          ├── TransportError     network, HTTP status, timeout: retries exhausted
          ├── InvalidOutputError output never validated (bad JSON, schema, truncation, refusal)
          └── BudgetExceededError the per-article token budget ran out

``ModelError`` carries what a caller needs to decide what to do next: attempts made,
token usage across them, and the last raw output the model sent.
"""

from __future__ import annotations

from typing import Any


class SummarizerError(Exception):
    """Root of every error summarizer raises on purpose."""

    exit_code = 1

    def one_line(self) -> str:
        """A single-line message for the CLI (no traceback, no newlines)."""
        return " ".join(str(self).split())


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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe description, used by batch error records."""
        return {
            "type": type(self).__name__,
            "message": self.one_line(),
            "attempts": self.attempts,
            "usage": self.usage,
            "errors": self.errors,
        }


class TransportError(ModelError):
    """Network failures or HTTP errors that persisted through every retry."""


class InvalidOutputError(ModelError):
    """Every answer was malformed, truncated, refused or violated the schema."""


class BudgetExceededError(ModelError):
    """The per-article token budget ran out before a valid answer arrived."""
