"""Read result files: one summary (``.json``) or batch records (``.jsonl``), never a traceback.

Both ``review`` and ``validate`` start here, so a file that cannot be read or parsed is
reported the same way by both: as a ``Problem`` naming the file, the line and what is wrong.
A ``.json`` file holds one summary or one batch record; ``.jsonl``/``.ndjson`` hold one batch
record per line, read as ``record_format.Record`` and kept with where it was found
(``Located``). Standard input, which has no
suffix, is told apart by its first line (``iter_stream``). ``iter_summaries`` turns records
into checked ``ArticleSummary`` objects for ``export`` and ``timeline``, one at a time, and
``Skipped`` tallies what they passed over, so both commands report it the same way.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from .. import jsonl
from ..record_format import RawRecord, RecordProblem, RecordStatus, read_record
from ..schema import SCHEMA_VERSION, ArticleSummary

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
class Located:
    """One result record (``record_format.Record``, its summary still raw JSON data) and where
    it was found: file, line, and the JSON path of its summary in the document read."""

    file: str
    line: int | None
    record: RawRecord
    # JSON path of the summary inside the document: "$" for a bare summary file, "$.summary"
    # inside a batch record. Problems are reported against the whole document.
    root: str

    @classmethod
    def bare_summary(
        cls, file: str, line: int | None, record_id: str, data: dict[str, Any]
    ) -> Located:
        """A summary read on its own (no batch record around it), as an ok record."""
        return cls(file, line, RawRecord(id=record_id, status="ok", summary=data), "$")

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def status(self) -> RecordStatus:
        return self.record.status

    @property
    def summary(self) -> dict[str, Any] | None:
        return self.record.summary if self.status == "ok" else None

    @property
    def error(self) -> dict[str, Any]:
        return self.record.error or {}

    def problem(self, path: str, message: str) -> Problem:
        return Problem(self.file, self.line, path, message)


def read_records(path: Path) -> tuple[list[Located], list[Problem]]:
    """Every record in ``path``, plus a problem for each line or file that could not be read."""
    records: list[Located] = []
    problems: list[Problem] = []
    for found in iter_records(path):
        if isinstance(found, Located):
            records.append(found)
        else:
            problems.append(found)
    return records, problems


def iter_records(path: Path) -> Iterator[Located | Problem]:
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
                yield from _iter_lines(name, jsonl.iter_lines(f), batch=True)
            return
        raw = jsonl.read_capped(path, jsonl.MAX_DOCUMENT_BYTES)
    except OSError as exc:
        yield Problem(name, None, "$", f"cannot read: {exc.strerror}")
        return
    yield _document(name, raw, default_id=path.stem)


def iter_stream(name: str, stream: IO[bytes]) -> Iterator[Located | Problem]:
    """Records from a byte stream (standard input), streamed like ``iter_records``.

    The first non-blank line decides what the stream is: a whole JSON value on it makes every
    line a record (a batch record, or a bare summary); otherwise the stream is one document
    over many lines (a pretty-printed summary), read up to ``MAX_DOCUMENT_BYTES``.
    """
    lines = jsonl.iter_lines(stream)
    first = next((line for line in lines if line.too_long or line.data.strip()), None)
    if first is None:
        yield Problem(name, None, "$", "empty input: no records")
        return
    if not first.too_long:
        try:
            jsonl.loads(first.data)
        except json.JSONDecodeError:
            head = first.data + (b"\n" if first.newline else b"")
            rest = stream.read(jsonl.MAX_DOCUMENT_BYTES + 1 - len(head))
            yield _document(name, head + rest, default_id=name)
            return
    yield from _iter_lines(name, itertools.chain([first], lines), batch=False)


def _document(name: str, raw: bytes, *, default_id: str) -> Located | Problem:
    """One whole JSON document (read with a cap of ``MAX_DOCUMENT_BYTES`` + 1) as a record."""
    if len(raw) > jsonl.MAX_DOCUMENT_BYTES:
        limit = jsonl.MAX_DOCUMENT_BYTES
        return Problem(name, None, "$", f"over {limit:,} bytes: too large for one summary")
    try:
        document = jsonl.loads(raw)
    except json.JSONDecodeError as exc:
        return Problem(name, exc.lineno if exc.doc else None, "$", _decode_message(exc))
    return _record(name, None, document, default_id=default_id)


def _iter_lines(
    name: str, lines: Iterable[jsonl.Line], *, batch: bool
) -> Iterator[Located | Problem]:
    """One record or problem per non-blank line; ``batch``: every line must be a batch record
    (else a line without ``status`` is read as a bare summary)."""
    empty = True
    for line in lines:
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
        yield _record(name, line.number, document, default_id=f"line {line.number}", batch=batch)
    if empty:
        yield Problem(name, None, "$", "empty file: no records")


def _record(
    name: str, line: int | None, document: Any, *, default_id: str, batch: bool = False
) -> Located | Problem:
    if not isinstance(document, dict):
        return Problem(name, line, "$", f"expected a JSON object, found {json_type(document)}")
    if not batch and "status" not in document:
        summary_id = _summary_id(document)
        return Located.bare_summary(name, line, summary_id or default_id, document)
    record = read_record(document)
    if isinstance(record, RecordProblem):
        return Problem(name, line, record.path, record.message)
    return Located(name, line, record, "$.summary")


def parse_summary(data: dict[str, Any]) -> ArticleSummary:
    """The model of a summary's JSON data (strict: ``"12"`` is not an offset); raises
    ``ValidationError``."""
    return ArticleSummary.model_validate_json(json.dumps(data), strict=True)


def summary_of(record: Located) -> ArticleSummary | Problem:
    """The summary of an ok record, or the first reason it is not one (of this version)."""
    data = record.summary or {}
    version = data.get("schema_version")
    if version is None and record.root == "$":
        return record.problem("$", "not a result: neither a summary nor a batch record")
    if version != SCHEMA_VERSION:
        found = "missing" if version is None else repr(version)
        return record.problem(
            f"{record.root}.schema_version",
            f"schema version {found} is not supported: this summarizer reads {SCHEMA_VERSION!r}",
        )
    try:
        return parse_summary(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in first["loc"])
        return record.problem(
            record.root + where,
            f"not a valid summary: {first['msg']} ({exc.error_count()} problem(s) in all; "
            f"`summarizer validate` lists them)",
        )


def iter_summaries(
    found: Iterable[Located | Problem], skip: Callable[[Located | Problem], None]
) -> Iterator[ArticleSummary]:
    """The summaries among ``found``, one at a time; every error record and every problem
    (a line or record that is not a summary) is handed to ``skip`` instead, in file order."""
    for _, summary in iter_record_summaries(found, skip):
        yield summary


def iter_record_summaries(
    found: Iterable[Located | Problem], skip: Callable[[Located | Problem], None]
) -> Iterator[tuple[str, ArticleSummary]]:
    """``iter_summaries`` with each summary's record id: the id the batch gave the article
    (a bare summary's own id), which ``build_timelines`` and the review pages name it by."""
    for item in found:
        if isinstance(item, Problem) or item.status == "error":
            skip(item)
            continue
        summary = summary_of(item)
        if isinstance(summary, Problem):
            skip(summary)
        else:
            yield item.id, summary


# Unreadable lines listed one by one up to here; past it only counted.
MAX_SKIPS_SHOWN = 5


@dataclass
class Skipped:
    """What ``iter_summaries`` passed over: error records (expected in a batch) and problems
    (not). Pass ``add`` as its ``skip``; a batch of any size keeps at most ``MAX_SKIPS_SHOWN``
    problems in memory."""

    errors: int = 0
    problems: list[Problem] = field(default_factory=list)
    more: int = 0  # problems past MAX_SKIPS_SHOWN, counted only

    def add(self, item: Located | Problem) -> None:
        if isinstance(item, Located):
            self.errors += 1
        elif len(self.problems) < MAX_SKIPS_SHOWN:
            self.problems.append(item)
        else:
            self.more += 1

    @property
    def unreadable(self) -> int:
        """Lines or records that are not summaries: the output lacks them."""
        return len(self.problems) + self.more

    def first_problem(self) -> str:
        """The first problem, and how many followed it: why nothing could be read."""
        more = self.unreadable - 1
        return str(self.problems[0]) + (f" (and {more} more)" if more > 0 else "")

    def notes(self) -> list[str]:
        """One diagnostic line per problem shown, then the counts; empty when nothing was
        skipped."""
        lines = [f"warning: skipped {problem}" for problem in self.problems]
        if self.errors:
            lines.append(f"skipped {self.errors} error record{'s' if self.errors != 1 else ''}")
        if self.unreadable:
            lines.append(f"skipped {self.unreadable} unreadable record(s): the output lacks them")
        return lines


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
