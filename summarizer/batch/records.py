"""Output records and the results file: one whole line per input, appended and flushed.

The record is the ``Record`` model of ``record_format.py`` (shared with the service and
review): ``{"id", "status": "ok", "summary": {...}}`` or ``{"id", "status": "error", "error":
{...}}``, plus the tokens the article used in this run and whether the answer came from the
cache. A ``Result`` is written as its ``record()``.

Crash safety comes from the file format, not from bookkeeping: each record is written with a
single ``write`` on an append-only descriptor, so after ``kill -9`` the file holds whole lines
and at most one torn last line. ``ResultsFile.open(resume=True)`` cuts that torn tail off and
returns the ids already recorded, which is all a resumed run needs to skip finished work; it
refuses, untouched, a file that is not our results. Lines are read with the bounded reader
(``jsonl.py``) and records written one line each, whatever the text (``scrub.safe_json``).
``write_results`` is the one loop that writes and counts records, for the CLI and the service.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .. import jsonl, scrub
from ..errors import InputError, ModelError, SummarizerError
from ..record_format import Record, RecordStatus, read_record
from ..schema import ArticleSummary, Usage
from .inputs import Duplicate


@dataclass
class Result:
    """The outcome for one input, as yielded by ``summarize_many`` and written as a record.

    ``id`` names the input, by one rule for the command and the library: the name it brings (a
    JSONL line's ``id``, a file's path as given, an ``Item``'s id), else its content hash
    (``Article.id``: a text, an ``Article``, a JSONL line without ``id``). ``origin`` (the
    record's ``input``) says where it was read; the summary's ``article.id`` is always the
    content hash. Resume and duplicate detection key on ``id``.
    """

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

    def record(self) -> Record[ArticleSummary]:
        """This result as the record written for it (``origin`` is its ``input``)."""
        return Record[ArticleSummary](
            id=self.id,
            status=self.status,
            summary=self.summary,
            error=self.error,
            usage=self.usage,
            cached=self.cached,
            input=self.origin or None,
        )

    def to_line(self) -> bytes:
        """The JSONL record (``Record.to_line``)."""
        return self.record().to_line()


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
    # one_line: ids and origins come from outside, so the message is redacted like any error's.
    message = DuplicateIdError(dup.message).one_line()
    error = {"type": DuplicateIdError.__name__, "message": message, "attempts": 0}
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
    text = scrub.message(str(exc)) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


@dataclass
class Scan:
    """What a results file already holds: the ids with a record, and what was repaired."""

    done: set[str] = field(default_factory=set)
    records: int = 0
    torn_bytes: int = 0
    bad_lines: int = 0
    errors_to_retry: int = 0
    bad_line_numbers: list[int] = field(default_factory=list)  # the first few, for messages
    backup: Path | None = None  # a copy of the file as it was, when lines were dropped


class ResultsFile:
    """Append-only JSONL results; ``write`` is one syscall per record, then flushed."""

    def __init__(self, path: Path, *, mode: int = 0o644) -> None:
        self.path = path
        self.mode = mode  # for a new file (the service keeps its results private: 0600)
        self._fd: int | None = None

    def open(self, *, resume: bool, retry_errors: bool = False) -> Scan:
        """Open for appending; with ``resume`` repair and scan what is there, else start empty.

        A file that cannot be written (read-only or full filesystem, no permission) is an
        ``InputError`` naming it, like ``summarize -o``; repair leaves the file as it was then.
        """
        scan = Scan()
        try:
            if self.path.exists() and self.path.stat().st_size > 0:
                if not resume:
                    raise InputError(
                        f"{self.path} already has results: pass --resume to continue that run, "
                        "or remove the file to start again"
                    )
                scan = repair_and_scan(self.path, retry_errors=retry_errors)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, self.mode)
        except OSError as exc:
            raise self._cannot_write(exc) from None
        return scan

    def write(self, result: Result) -> None:
        """One record, whole or not at all: a write that fails halfway (a full disk) is taken
        back, so the file keeps only whole records and resume redoes just this one."""
        if self._fd is None:
            raise RuntimeError("results file is not open")
        data = result.to_line()
        written = 0
        try:
            while written < len(data):  # more than one call only on odd filesystems
                written += os.write(self._fd, data[written:])
        except OSError as exc:
            if written:
                with contextlib.suppress(OSError):  # else resume cuts the torn line
                    os.ftruncate(self._fd, os.fstat(self._fd).st_size - written)
            raise self._cannot_write(exc) from None

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.fsync(fd)
            except OSError as exc:
                raise self._cannot_write(exc) from None
            finally:
                os.close(fd)

    def _cannot_write(self, exc: OSError) -> InputError:
        return InputError(f"cannot write {self.path}: {exc.strerror or exc}")

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
        try:
            self._stream.write(result.to_line())
            self._stream.flush()
        except BrokenPipeError:
            raise  # the reader left (``| head``): not a failure of ours to report
        except OSError as exc:
            raise self._cannot_write(exc) from None

    def close(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._cannot_write(exc) from None

    def _cannot_write(self, exc: OSError) -> InputError:
        return InputError(f"cannot write stdout: {exc.strerror or exc}")


def repair_and_scan(path: Path, *, retry_errors: bool = False) -> Scan:
    """Check that ``path`` holds our records, cut a torn last line, collect the ids recorded.

    Only the tail can be torn in an append-only file, so the common repair is a truncate. The
    file is read first and changed only afterwards, and only if it looks like results: a file
    without any record, or with more unreadable lines than records, is refused untouched
    (``--resume -o`` pointed at someone else's file must not eat it). A complete line that is
    not a record (a damaged disk, a hand edit) is dropped by rewriting the file atomically, so
    its input is redone rather than counted twice; a copy of the file as it was is kept beside
    it first. With ``retry_errors`` error records are removed the same way (no copy: asked for).
    """
    scan = Scan()
    size = path.stat().st_size
    with path.open("rb") as f:
        keep_until = _last_newline_end(f, size)
        f.seek(keep_until)
        tail = f.read(len(RECORD_PREFIX))
    if keep_until < size:
        scan.torn_bytes = size - keep_until
    # A torn record starts like every record we write; anything else at the end is foreign.
    foreign_tail = bool(tail) and not RECORD_PREFIX.startswith(tail[: len(RECORD_PREFIX)])
    with path.open("rb") as lines:
        for line in jsonl.iter_lines(lines):
            if not line.newline:
                break  # the torn tail, handled above
            record = None if line.too_long else _record_key(line.data)
            if record is None:
                if line.data.strip() or line.too_long:
                    scan.bad_lines += 1
                    if len(scan.bad_line_numbers) < 5:
                        scan.bad_line_numbers.append(line.number)
            elif retry_errors and record[1] == "error":
                scan.errors_to_retry += 1
            else:
                scan.done.add(record[0])
                scan.records += 1
    ours = scan.records + scan.errors_to_retry
    if (scan.bad_lines or foreign_tail) and scan.bad_lines + foreign_tail > ours:
        raise InputError(
            f"{path} does not look like summarizer batch results ({ours} record(s), "
            f"{scan.bad_lines + foreign_tail} other line(s)): refusing to resume into it; "
            "it was not changed (write the results to another file with -o)"
        )
    if scan.bad_lines or foreign_tail:
        scan.backup = _backup(path)
    if scan.bad_lines or scan.errors_to_retry:
        _rewrite(path, retry_errors=retry_errors)
    elif keep_until < size:
        with path.open("r+b") as g:
            g.truncate(keep_until)
    return scan


# Every record line starts with exactly these bytes (``Record.to_line``).
RECORD_PREFIX = b'{"id": '


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
    """(id, status) of a record line, or None when the line is not one of our records."""
    try:
        data = jsonl.loads(line)
    except json.JSONDecodeError:
        return None
    record = read_record(data)
    return (record.id, record.status) if isinstance(record, Record) else None


def _backup(path: Path) -> Path:
    """A copy of ``path`` beside it, named so that no later copy overwrites it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    for n in itertools.count():
        backup = path.with_name(f"{path.name}.{stamp}{'' if n == 0 else f'-{n}'}.bak")
        try:
            with path.open("rb") as src, backup.open("xb") as dst:
                shutil.copyfileobj(src, dst)
        except FileExistsError:
            continue
        shutil.copymode(path, backup)
        return backup
    raise AssertionError("unreachable")


def _rewrite(path: Path, *, retry_errors: bool) -> None:
    """Keep the complete record lines; atomic, so a crash leaves the old or the new file."""
    tmp = path.with_name(path.name + ".repair")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IMODE(path.stat().st_mode))
    with path.open("rb") as src, os.fdopen(fd, "wb") as dst:
        for line in jsonl.iter_lines(src):
            if not line.newline:
                break
            record = None if line.too_long else _record_key(line.data)
            if record is not None and not (retry_errors and record[1] == "error"):
                dst.write(line.data + b"\n")
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)
