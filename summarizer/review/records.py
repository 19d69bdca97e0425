"""Read result files: one summary (``.json``) or batch records (``.jsonl``), never a traceback.

Both ``review`` and ``validate`` start here, so a file that cannot be read or parsed is
reported the same way by both: as a ``Problem`` naming the file, the line and what is wrong.
A ``.json`` file holds one summary or one batch record; ``.jsonl``/``.ndjson`` hold one batch
record per line, in the format declared by ``record_format.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .. import jsonl
from ..record_format import RecordStatus, check_record

JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as precisely as we can: file, line, JSON path."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}"


@dataclass(frozen=True)
class Record:
    """One result: a summary (still raw JSON data) or a batch error, and where it came from."""

    file: str
    line: int | None
    id: str
    status: RecordStatus
    data: dict[str, Any]
    # JSON path of the summary inside ``data``'s document: "$" for a bare summary file,
    # "$.summary" inside a batch record. Problems are reported against the whole document.
    root: str

    @property
    def summary(self) -> dict[str, Any] | None:
        if self.status != "ok":
            return None
        if self.root == "$":
            return self.data
        value = self.data.get("summary")
        return value if isinstance(value, dict) else None

    @property
    def error(self) -> dict[str, Any]:
        value = self.data.get("error")
        return value if isinstance(value, dict) else {}

    def problem(self, path: str, message: str) -> Problem:
        return Problem(self.file, self.line, path, message)


def read_records(path: Path) -> tuple[list[Record], list[Problem]]:
    """Every record in ``path``, plus a problem for each line or file that could not be read."""
    records: list[Record] = []
    problems: list[Problem] = []
    for found in iter_records(path):
        if isinstance(found, Record):
            records.append(found)
        else:
            problems.append(found)
    return records, problems


def iter_records(path: Path) -> Iterator[Record | Problem]:
    """Records and problems in file order, one line in memory at a time (for ``validate``).

    Every non-blank line yields exactly one of the two. A FIFO, device or directory is a
    problem, never opened; lines are split on ``\\n`` only and capped in length.
    """
    name = str(path)
    problem = jsonl.regular_file_problem(path)
    if problem is not None:
        yield Problem(name, None, "$", problem)
        return
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as f:
                yield from _iter_lines(name, f)
            return
        raw = jsonl.read_capped(path, jsonl.MAX_DOCUMENT_BYTES)
    except OSError as exc:
        yield Problem(name, None, "$", f"cannot read: {exc.strerror}")
        return
    if len(raw) > jsonl.MAX_DOCUMENT_BYTES:
        limit = jsonl.MAX_DOCUMENT_BYTES
        yield Problem(name, None, "$", f"over {limit:,} bytes: too large for one summary")
        return
    try:
        document = jsonl.loads(raw)
    except json.JSONDecodeError as exc:
        yield Problem(name, exc.lineno if exc.doc else None, "$", _decode_message(exc))
        return
    yield _record(name, None, document, default_id=path.stem)


def _iter_lines(name: str, stream: IO[bytes]) -> Iterator[Record | Problem]:
    empty = True
    for line in jsonl.iter_lines(stream):
        too_long = jsonl.line_problem(line)
        if too_long is not None:
            empty = False
            yield Problem(name, line.number, "$", too_long)
            continue
        if not line.data.strip():
            continue
        empty = False
        try:
            document = jsonl.loads(line.data)
        except json.JSONDecodeError as exc:
            yield Problem(name, line.number, "$", _decode_message(exc))
            continue
        yield _record(name, line.number, document, default_id=f"line {line.number}", batch=True)
    if empty:
        yield Problem(name, None, "$", "empty file: no records")


def _record(
    name: str, line: int | None, document: Any, *, default_id: str, batch: bool = False
) -> Record | Problem:
    if not isinstance(document, dict):
        return Problem(name, line, "$", f"expected a JSON object, found {json_type(document)}")
    if not batch and "status" not in document:
        summary_id = _summary_id(document)
        return Record(name, line, summary_id or default_id, "ok", document, "$")
    checked = check_record(document)
    if checked[0] is None:
        return Problem(name, line, checked[1], checked[2])
    return Record(name, line, checked[0], checked[1], document, "$.summary")


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages a user can match to the file."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _summary_id(document: dict[str, Any]) -> str | None:
    article = document.get("article")
    value = article.get("id") if isinstance(article, dict) else None
    return value if isinstance(value, str) and value else None


def _decode_message(exc: json.JSONDecodeError) -> str:
    if not exc.doc:
        return f"malformed JSON: {exc.msg}"
    return f"malformed JSON at column {exc.colno}: {exc.msg}"
