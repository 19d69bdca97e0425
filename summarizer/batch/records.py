"""Output records and the results file: one whole line per input, appended and flushed.

The record format is declared in ``record_format.py`` (shared with the service and review):
``{"id", "status": "ok", "summary": {...}}`` or ``{"id", "status": "error", "error": {...}}``,
plus the tokens the article used in this run and whether the answer came from the cache.

Crash safety comes from the file format, not from bookkeeping: each record is written with a
single ``write`` on an append-only descriptor, so after ``kill -9`` the file holds whole lines
and at most one torn last line. ``ResultsFile.open(resume=True)`` cuts that torn tail off and
returns the ids already recorded, which is all a resumed run needs to skip finished work.
``write_results`` is the one loop that writes and counts records, for the CLI and the service.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, ModelError, SummarizerError
from ..record_format import RecordStatus, check_record
from ..schema import ArticleSummary, Usage
from .inputs import Duplicate


@dataclass
class Result:
    """The outcome for one input, as yielded by ``summarize_many`` and written as a record."""

    id: str
    status: RecordStatus
    summary: ArticleSummary | None = None
    error: dict[str, Any] | None = None
    usage: Usage = field(default_factory=Usage)
    cached: bool = False
    origin: str = ""
    model: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_line(self) -> bytes:
        """The JSONL record; the summary is serialised once, straight from pydantic."""
        head: dict[str, Any] = {"id": self.id, "status": self.status}
        tail: dict[str, Any] = {"usage": self.usage.model_dump(), "cached": self.cached}
        if self.origin:
            tail["input"] = self.origin
        if self.summary is not None:
            body = self.summary.model_dump_json()
            text = _dumps(head)[:-1] + ', "summary": ' + body + ", " + _dumps(tail)[1:]
        else:
            text = _dumps({**head, "error": self.error, **tail})
        return text.encode("utf-8") + b"\n"


def ok_result(
    item_id: str, summary: ArticleSummary, *, origin: str = "", cached: bool = False
) -> Result:
    usage = Usage() if cached else summary.provenance.usage
    return Result(
        id=item_id,
        status="ok",
        summary=summary,
        usage=usage,
        cached=cached,
        origin=origin,
        model=summary.provenance.model,
    )


def error_result(
    item_id: str, exc: BaseException, *, origin: str = "", model: str | None = None
) -> Result:
    """An error record: model errors keep their attempts and usage; bad input made no call."""
    if isinstance(exc, ModelError):
        error = exc.to_dict()
        usage = Usage.model_validate(exc.usage) if exc.usage else Usage()
    else:
        message = exc.one_line() if isinstance(exc, SummarizerError) else _one_line(exc)
        error = {"type": type(exc).__name__, "message": message, "attempts": 0}
        usage = Usage()
    return Result(id=item_id, status="error", error=error, usage=usage, origin=origin, model=model)


class DuplicateIdError(InputError):
    """An input repeats the id of an earlier one (reported, never merged)."""


@dataclass
class DuplicateResult(Result):
    """The outcome for an input whose id an earlier input already has: never written as a
    record (the first input's record stands), reported instead. A library caller of
    ``summarize_many`` sees it as an error result of type ``DuplicateIdError``."""


def duplicate_result(dup: Duplicate) -> DuplicateResult:
    error = {"type": DuplicateIdError.__name__, "message": dup.message, "attempts": 0}
    return DuplicateResult(id=dup.item.id, status="error", error=error, origin=dup.item.origin)


@dataclass
class Tally:
    """Records written by ``write_results`` (ok, failed) and duplicate inputs skipped."""

    ok: int = 0
    failed: int = 0
    duplicates: int = 0


def write_results(
    results: Iterable[Result],
    sink: ResultsFile,
    tally: Tally,
    *,
    on_record: Callable[[Result], object] = lambda result: None,
    on_duplicate: Callable[[DuplicateResult], object] = lambda result: None,
    stop: Callable[[], bool] = lambda: False,
) -> Tally:
    """Write each result as a record and count it; duplicates are counted, never written.

    The hooks run after the count (progress, job rows, warnings); ``stop`` is asked after each
    result, so a cancelled run ends between records.
    """
    for result in results:
        if isinstance(result, DuplicateResult):
            tally.duplicates += 1
            on_duplicate(result)
        else:
            sink.write(result)
            tally.ok += result.ok
            tally.failed += not result.ok
            on_record(result)
        if stop():
            break
    return tally


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Scan:
    """What a results file already holds: the ids with a record, and what was repaired."""

    done: set[str] = field(default_factory=set)
    records: int = 0
    torn_bytes: int = 0
    bad_lines: int = 0
    errors_to_retry: int = 0


class ResultsFile:
    """Append-only JSONL results; ``write`` is one syscall per record, then flushed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def open(self, *, resume: bool, retry_errors: bool = False) -> Scan:
        """Open for appending; with ``resume`` repair and scan what is there, else start empty."""
        scan = Scan()
        if self.path.exists() and self.path.stat().st_size > 0:
            if not resume:
                raise InputError(
                    f"{self.path} already has results: pass --resume to continue that run, "
                    "or remove the file to start again"
                )
            scan = repair_and_scan(self.path, retry_errors=retry_errors)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        return scan

    def write(self, result: Result) -> None:
        if self._fd is None:
            raise RuntimeError("results file is not open")
        data = result.to_line()
        written = os.write(self._fd, data)
        while written < len(data):  # only on odd filesystems; still one record, in order
            written += os.write(self._fd, data[written:])

    def close(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> ResultsFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StdoutResults(ResultsFile):
    """Records to stdout when no ``-o`` is given (no resume: there is nothing to scan)."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(Path("-"))
        self._stream = stream

    def open(self, *, resume: bool, retry_errors: bool = False) -> Scan:
        if resume:
            raise InputError("--resume needs -o FILE: there is nothing to resume on stdout")
        return Scan()

    def write(self, result: Result) -> None:
        self._stream.write(result.to_line())
        self._stream.flush()

    def close(self) -> None:
        self._stream.flush()


def repair_and_scan(path: Path, *, retry_errors: bool = False) -> Scan:
    """Cut a torn last line, drop unreadable lines, and collect the ids already recorded.

    Only the tail can be torn in an append-only file, so the common repair is a truncate. A
    complete line that does not parse (a damaged disk, a hand edit) is removed by rewriting the
    file atomically, so its input is redone rather than counted twice. With ``retry_errors``
    error records are removed the same way, so their inputs are tried again.
    """
    scan = Scan()
    size = path.stat().st_size
    with path.open("rb") as f:
        keep_until = _last_newline_end(f, size)
    if keep_until < size:
        scan.torn_bytes = size - keep_until
        with path.open("r+b") as g:
            g.truncate(keep_until)

    def keep(line: bytes) -> bool:
        record = _record_key(line)
        return record is not None and not (retry_errors and record[1] == "error")

    with path.open("rb") as lines:
        for line in lines:
            record = _record_key(line)
            if record is None:
                scan.bad_lines += 1
            elif not keep(line):
                scan.errors_to_retry += 1
            else:
                scan.done.add(record[0])
                scan.records += 1
    if scan.bad_lines or scan.errors_to_retry:
        _rewrite(path, keep)
    return scan


def _last_newline_end(f: IO[bytes], size: int) -> int:
    """Offset just past the last ``\\n`` (0 if none), reading backwards in blocks."""
    pos = size
    block = 1 << 16
    while pos > 0:
        start = max(0, pos - block)
        f.seek(start)
        chunk = f.read(pos - start)
        idx = chunk.rfind(b"\n")
        if idx >= 0:
            return start + idx + 1
        pos = start
    return 0


def _record_key(line: bytes) -> tuple[str, RecordStatus] | None:
    """(id, status) of a record line, or None when the line is not a record."""
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    checked = check_record(data)
    return (checked[0], checked[1]) if checked[0] is not None else None


def _rewrite(path: Path, keep: Callable[[bytes], bool]) -> None:
    """Keep only the lines ``keep`` accepts; atomic, so a crash leaves the old or the new file."""
    tmp = path.with_name(path.name + ".repair")
    with path.open("rb") as src, tmp.open("wb") as dst:
        for line in src:
            if keep(line):
                dst.write(line)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)
