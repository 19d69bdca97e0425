"""The batch results record: declared here once for its writer and its readers.

One JSON object per line::

    {"id": "...", "status": "ok", "summary": {ArticleSummary}, "usage": {...}, "cached": false}
    {"id": "...", "status": "error", "error": {"type", "message", "attempts", ...}, "usage": ...}

plus ``"input"`` (where the article came from) when known. ``batch/records.py`` writes records
and scans them on resume, ``service/jobs.py`` counts them, ``review/records.py`` reads them
for ``review`` and ``validate``; all of them check a record with ``check_record``.
"""

from __future__ import annotations

from typing import Any, Literal

RecordStatus = Literal["ok", "error"]
# The body each status carries, and what a record without it is told.
_BODY: dict[RecordStatus, tuple[str, str]] = {
    "ok": ("summary", "an 'ok' record needs a summary object"),
    "error": ("error", "an 'error' record needs an error object"),
}


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
