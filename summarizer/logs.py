"""Log records on stderr, one format for every logger: ours, the HTTP client's and uvicorn's.

When stderr is a terminal a line is for a person (``2026-12-06 05:33:02 INFO  logger: message``);
otherwise it is one JSON object (``time``, ``level``, ``logger``, ``message``, and the record's
``fields``, e.g. the access log's method, path and status), for a log collector. Every line is
redacted of secrets (``scrub.RedactingFilter``) and holds no terminal control characters.

The CLI sets the level (``-v``: INFO, ``-vv``: DEBUG, ``--log-level``; WARNING by default) with
``configure``; the service hands ``uvicorn_log_config`` to uvicorn, which routes its own
loggers through the same handler. Nothing is configured at import.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from . import scrub

LEVELS = ("debug", "info", "warning", "error", "critical")
# Keys of a JSON line that a record's ``fields`` may not replace.
_BASE_KEYS = frozenset({"time", "level", "logger", "message", "exception"})


def level_for(verbose: int | None, log_level: str | None, default: int = logging.WARNING) -> int:
    """The level asked for: ``--log-level`` wins, then ``-v`` (INFO) / ``-vv`` (DEBUG)."""
    if log_level:
        return logging.getLevelNamesMapping()[log_level.upper()]
    if verbose:
        return logging.DEBUG if verbose >= 2 else logging.INFO
    return default


def utc_iso(seconds: float) -> str:
    """Seconds since the epoch as ISO 8601 in UTC to the second: ``2026-12-06T05:33:02Z``."""
    moment = dt.datetime.fromtimestamp(seconds, dt.UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


class LineFormatter(logging.Formatter):
    """A record as one JSON object, or as one readable line."""

    def __init__(self, *, json_lines: bool) -> None:
        super().__init__()
        self.json_lines = json_lines

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        trace = self.formatException(record.exc_info) if record.exc_info else None
        if not self.json_lines:
            moment = utc_iso(record.created).replace("T", " ").removesuffix("Z")
            line = scrub.for_terminal(f"{moment} {record.levelname:<7} {record.name}: {message}")
            return line if trace is None else f"{line}\n{trace}"
        fields: dict[str, Any] = {
            "time": utc_iso(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": message,
        }
        extra = getattr(record, "fields", None)
        if isinstance(extra, Mapping):
            fields.update((k, v) for k, v in extra.items() if k not in _BASE_KEYS)
        if trace is not None:
            fields["exception"] = trace
        return scrub.safe_json(json.dumps(fields, ensure_ascii=False, default=str))


class StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is when a record comes (tests swap it), redacted."""

    def __init__(self, *, json_lines: bool | None = None) -> None:
        super().__init__(sys.stderr)
        if json_lines is None:
            json_lines = not _is_terminal(sys.stderr)
        self.setFormatter(LineFormatter(json_lines=json_lines))
        self.addFilter(scrub.RedactingFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure(level: int, *, json_lines: bool | None = None) -> StderrHandler:
    """Root logger at ``level``, through one ``StderrHandler`` (a previous one of ours is
    replaced, handlers of others are left alone)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(old)
    handler = StderrHandler(json_lines=json_lines)
    root.addHandler(handler)
    root.setLevel(level)
    return handler


def uvicorn_log_config(level: int, *, json_lines: bool | None = None) -> dict[str, Any]:
    """uvicorn's ``log_config``: its loggers carry no handler of their own and pass records to
    the root logger's ``StderrHandler``, so the server's lines, the access log and the HTTP
    client's lines share one format."""
    handler: dict[str, Any] = {"()": f"{__name__}.StderrHandler", "json_lines": json_lines}
    through_root = {"handlers": [], "propagate": True, "level": level}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": handler},
        "loggers": {"uvicorn": through_root, "uvicorn.error": through_root},
        "root": {"handlers": ["stderr"], "level": level},
    }


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or a stand-in without isatty
        return False
