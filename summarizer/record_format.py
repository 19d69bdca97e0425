"""The batch results record: one pydantic model, ``Record``, for its writer and its readers.

One JSON object per line::

    {"id": "...", "status": "ok", "summary": {ArticleSummary}, "usage": {...}, "cached": false}
    {"id": "...", "status": "error", "error": {"type", "message", "attempts", ...}, "usage": ...}

plus ``"input"`` (where the article came from) when known. ``batch/records.py`` writes records
(``Record.to_line``) and scans them on resume, ``service/jobs.py`` counts them,
``review/records.py`` reads them for ``review``, ``validate`` and ``export``; every reader
gets its ``Record`` from ``read_record``.

A record as written holds the ``ArticleSummary`` it was made from (``Record[ArticleSummary]``);
a record as read holds the summary as raw JSON data (``RawRecord``), because ``validate``
reports a summary's problems against the file, and a summary of another schema version is
still a record. Reading accepts what the first readers accepted: a JSON object with a
non-empty string ``id``, a ``status`` and the body object that status needs. Nothing else is
required; ``usage``, ``cached`` and ``input`` are informational (no reader acts on them), so a
value of another type there is read as absent rather than making the line foreign, and other
keys are ignored.
"""

from __future__ import annotations

import json
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
)

from . import scrub
from .schema import Usage

RecordStatus = Literal["ok", "error"]
# The body each status carries, and what a record without it is told.
_BODY: dict[RecordStatus, tuple[str, str]] = {
    "ok": ("summary", "an 'ok' record needs a summary object"),
    "error": ("error", "an 'error' record needs an error object"),
}

SummaryT = TypeVar("SummaryT")


class Record(BaseModel, Generic[SummaryT]):
    """One result: its id, ``ok`` with a summary or ``error`` with a structured error, what
    the article cost in this run, whether the answer came from the cache, and its input."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    status: RecordStatus
    summary: SummaryT | None = None
    error: dict[str, Any] | None = None
    usage: Usage | None = None
    cached: bool | None = None
    input: str | None = None

    @field_validator("summary", "error", "usage", "cached", "input", mode="wrap")
    @classmethod
    def _absent_if_unreadable(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # The body a status needs is checked before (``read_record``); any other field of an
        # unexpected type is treated as missing, as the first readers ignored it.
        try:
            return handler(value)
        except ValidationError:
            return None

    def to_line(self) -> bytes:
        """The JSONL line: keys in the order above, absent ones left out; the summary of a
        record we wrote is serialised once, straight from pydantic.

        One line whatever the content: U+2028, U+2029 and U+0085 are escaped, and ids or file
        names that are not valid Unicode (a lone surrogate) are written as JSON escapes.
        """
        head: dict[str, Any] = {"id": self.id, "status": self.status}
        tail: dict[str, Any] = {}
        if self.usage is not None:
            tail["usage"] = self.usage.model_dump()
        if self.cached is not None:
            tail["cached"] = self.cached
        if self.input is not None:
            tail["input"] = self.input
        if self.summary is not None:
            summary = self.summary
            body = summary.model_dump_json() if isinstance(summary, BaseModel) else _dumps(summary)
            rest = ", " + _dumps(tail)[1:] if tail else "}"
            text = _dumps(head)[:-1] + ', "summary": ' + body + rest
        else:
            text = _dumps({**head, "error": self.error, **tail})
        return scrub.safe_json(text).encode("utf-8") + b"\n"


# A record as read from a file: the summary is still raw JSON data.
RawRecord = Record[dict[str, Any]]


class RecordProblem(NamedTuple):
    """Why a JSON value is not a record: where (a JSON path) and what is wrong."""

    path: str
    message: str


def read_record(document: Any) -> RawRecord | RecordProblem:
    """The record a parsed JSON line holds, or the first reason it holds none."""
    checked = check_record(document)
    if checked[0] is None:
        return RecordProblem(checked[1], checked[2])
    return RawRecord.model_validate(document)


def check_record(document: Any) -> tuple[str, RecordStatus] | tuple[None, str, str]:
    """``(id, status)`` of a well-formed record, else ``(None, json_path, problem)``."""
    if not isinstance(document, dict):
        return None, "$", "a record must be a JSON object"
    status = document.get("status")
    if status != "ok" and status != "error":
        return None, "$.status", f"expected 'ok' or 'error', found {status!r}"
    record_id = document.get("id")
    if not isinstance(record_id, str) or not record_id:
        return None, "$.id", "a batch record needs a non-empty string id"
    body, problem = _BODY[status]
    if not isinstance(document.get(body), dict):
        return None, f"$.{body}", problem
    return record_id, status


def _dumps(value: Any) -> str:
    # ASCII: ids, origins and messages come from outside and may hold lone surrogates.
    return json.dumps(value, ensure_ascii=True)
