"""One batch run from start to end: resume, select, run an engine, record, tally, summarise.

The engines only turn work into results; everything a run promises about its output file
lives here: records written as they arrive, repeated ids reported instead of written twice,
token usage and cost added up, and a run summary JSON written next to the output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from .. import jsonl
from ..cli_shared import say
from ..endpoint import served_model
from ..errors import InputError
from ..profile import profile_for
from ..prompts import load_prompts
from ..settings import Settings
from .cache import SummaryCache
from .cost import BATCH_DISCOUNT, CostTally, PriceTable
from .engine import Pace, live_worker, run_items
from .inputs import Selection, check_specs, count_items, iter_items
from .outputs import OutputLock, own_outputs, summary_path
from .progress import Progress, make_progress
from .records import DuplicateResult, Result, ResultsFile, Scan, StdoutResults, Tally, write_results

Engine = Literal["live", "openai-batch"]


@dataclass
class BatchOptions:
    """What the ``batch`` command was asked to do (settings for the model come separately)."""

    inputs: list[str]
    output: Path | None = None
    engine: Engine = "live"
    concurrency: int = 8
    rpm: int | None = None
    tpm: int | None = None
    resume: bool = False
    retry_errors: bool = False  # with resume: drop error records and try those inputs again
    cache_path: Path | None = None  # None: no cache
    max_articles: int | None = None
    quiet: bool = False
    prices: Path | None = None
    poll_interval: float = 30.0
    published: dt.date | None = None  # for articles without a date of their own


@dataclass
class RunReport:
    """Counts for the end-of-run summary; ``to_dict`` is the run summary JSON."""

    options: BatchOptions
    scan: Scan
    selection: Selection
    cost: CostTally
    pace: Pace
    tally: Tally = field(default_factory=Tally)
    cached: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    extra: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def ok(self) -> int:
        return self.tally.ok

    @property
    def failed(self) -> int:
        return self.tally.failed

    def add(self, result: Result) -> None:
        """What a written record adds beyond its count: its error type, cache use, cost."""
        if not result.ok:
            self.errors[str((result.error or {}).get("type", "Error"))] += 1
        self.cached += result.cached
        self.cost.add(result.model, result.usage)

    @property
    def exit_code(self) -> int:
        return 0 if self.failed == 0 and not self.selection.duplicates else 1

    def to_dict(self) -> dict[str, Any]:
        end = self.finished or time.time()
        elapsed = end - self.started
        processed = self.ok + self.failed
        return {
            "output": str(self.options.output) if self.options.output else "-",
            "engine": self.options.engine,
            "started_at": _iso(self.started),
            "finished_at": _iso(end),
            "elapsed_seconds": round(elapsed, 3),
            "inputs": self.selection.inputs,
            "processed": processed,
            "ok": self.ok,
            "failed": self.failed,
            "cached": self.cached,
            "skipped_already_done": self.selection.skipped,
            "duplicates": self.selection.duplicates,
            "errors_by_type": dict(sorted(self.errors.items())),
            "articles_per_second": round(processed / elapsed, 3) if elapsed > 0 else None,
            "requests": self.pace.counters.requests,
            "retried": self.pace.counters.retried,
            "throttled": self.pace.counters.throttled,
            "resume": {
                "records_found": self.scan.records,
                "torn_bytes_removed": self.scan.torn_bytes,
                "bad_lines_removed": self.scan.bad_lines,
                "errors_retried": self.scan.errors_to_retry,
            },
            **self.cost.to_dict(),
            **self.extra,
        }

    def lines(self) -> list[str]:
        d = self.to_dict()
        cost = d["estimated_cost_usd"]
        priced = (
            f"${cost:.4f}"
            if cost is not None
            else "unknown (no price for " + ", ".join(d["unpriced_models"]) + ")"
        )
        tokens = d["tokens"]
        out = [
            f"{d['processed']} processed: {self.ok} ok, {self.failed} failed, "
            f"{self.cached} from cache, {self.selection.skipped} already done; "
            f"{d['elapsed_seconds']:.1f}s",
            f"tokens: {tokens['prompt_tokens']:,} in, {tokens['completion_tokens']:,} out; "
            f"estimated cost {priced}",
        ]
        if self.errors:
            out.append("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items())))
        if self.selection.duplicates:
            out.append(f"{len(self.selection.duplicates)} duplicate input id(s) not processed")
        return out


def run_batch(
    options: BatchOptions,
    settings: Settings,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | None = None,
    stderr: IO[str] | None = None,
) -> RunReport:
    """Run the whole batch; raises only for problems with the run itself, never an article.

    With ``-o`` the output is locked for the whole run (records, then the run summary), so a
    second run on the same file is refused instead of doing every input again.
    """
    stderr = stderr or sys.stderr
    if options.output is None and options.engine == "openai-batch":
        raise InputError("--engine openai-batch needs -o FILE (its state file lives beside it)")
    if options.retry_errors and not options.resume:
        raise InputError("--retry-errors goes with --resume: it retries a previous run's errors")
    own = own_outputs(options.output) if options.output is not None else ()
    check_specs(options.inputs, skip=own)
    if options.output is None:
        sink = StdoutResults(stdout or sys.stdout.buffer)
        return _run(options, settings, sink, own, stdin, stderr)
    with OutputLock(options.output):
        return _run(options, settings, ResultsFile(options.output), own, stdin, stderr)


def _run(
    options: BatchOptions,
    settings: Settings,
    results: ResultsFile,
    own: tuple[Path, ...],
    stdin: IO[bytes] | None,
    stderr: IO[str],
) -> RunReport:
    scan = results.open(resume=options.resume, retry_errors=options.retry_errors)
    pace = Pace(options.rpm, options.tpm)
    discount = BATCH_DISCOUNT if options.engine == "openai-batch" else 1.0
    report = RunReport(
        options=options,
        scan=scan,
        selection=Selection(
            iter_items(
                options.inputs,
                stdin=stdin,
                max_line_bytes=_line_cap(settings),
                skip=own,
                fetch_timeout=settings.fetch_timeout,
                published=options.published,
            ),
            done=scan.done,
            limit=options.max_articles,
        ),
        cost=CostTally(PriceTable.load(options.prices), discount),
        pace=pace,
    )
    if scan.torn_bytes or scan.bad_lines:
        say(f"repaired {options.output}: {repair_note(scan)}", stream=stderr, part="batch")
    progress = make_progress(pace.counters, quiet=options.quiet, stream=stderr)
    progress.start(_expected(options, scan, own))
    cache = SummaryCache(options.cache_path) if options.cache_path else None

    def recorded(result: Result) -> None:
        report.add(result)
        progress.advance(result)

    def duplicate(result: DuplicateResult) -> None:
        if not options.quiet:
            say(f"warning: {(result.error or {})['message']}", stream=stderr, part="batch")

    unwritten: InputError | None = None
    try:
        write_results(
            _results(options, settings, report, cache, progress),
            results,
            report.tally,
            on_record=recorded,
            on_duplicate=duplicate,
        )
    finally:
        progress.stop()
        try:
            results.close()
        finally:
            if cache is not None:
                cache.close()
            report.finished = time.time()
            if options.output is not None:
                unwritten = _write_json_atomic(summary_path(options.output), report.to_dict())
    if unwritten is not None:  # reached only when the run itself went well
        raise unwritten
    if not options.quiet:
        for line in report.lines():
            say(line, stream=stderr, part="batch")
    return report


def _results(
    options: BatchOptions,
    settings: Settings,
    report: RunReport,
    cache: SummaryCache | None,
    progress: Progress,
) -> Iterator[Result]:
    prompts = load_prompts()
    if options.engine == "openai-batch":
        from .openai_batch import BatchEngine

        assert options.output is not None
        engine = BatchEngine(
            served_model(settings),  # the live engine's ``open_endpoint`` does the same
            prompts=prompts,
            cache=cache,
            output=options.output,
            resume=options.resume,
            poll_interval=options.poll_interval,
            progress=progress,
        )
        try:
            yield from engine.run(report.selection)
        finally:
            report.extra["openai_batch"] = engine.summary()
        return
    concurrency = profile_for(settings).concurrency(options.concurrency)
    if concurrency < options.concurrency:
        progress.note(
            f"the model server serves {concurrency} request(s) at a time: concurrency {concurrency}"
        )
    with live_worker(
        settings, concurrency=concurrency, pace=report.pace, cache=cache, prompts=prompts
    ) as worker:
        yield from run_items(report.selection, worker, concurrency)


def repair_note(scan: Scan) -> str:
    """What resume removed from the results file, and where the file as it was is kept."""
    parts = []
    if scan.torn_bytes:
        parts.append(f"removed a torn last line ({scan.torn_bytes} bytes)")
    if scan.bad_lines:
        numbers = ", ".join(map(str, scan.bad_line_numbers))
        more = ", …" if scan.bad_lines > len(scan.bad_line_numbers) else ""
        parts.append(f"removed {scan.bad_lines} unreadable line(s) (line {numbers}{more})")
    note = " and ".join(parts)
    if scan.backup is not None:
        note += f"; the file as it was is kept as {scan.backup}"
    return note


def _line_cap(settings: Settings) -> int:
    """The longest JSONL input line read: enough for the longest article allowed, and more."""
    return max(jsonl.MAX_LINE_BYTES, settings.max_chars * 8 + (1 << 16))


def _expected(options: BatchOptions, scan: Scan, own: tuple[Path, ...]) -> int | None:
    if "-" in options.inputs:
        return None
    try:
        total = count_items(options.inputs, skip=own)
    except (InputError, OSError):
        return None  # the real pass reports the problem
    if total is None:
        return None
    if options.max_articles is not None:
        total = min(total, options.max_articles)
    return max(total - scan.records, 0)


def _write_json_atomic(path: Path, data: dict[str, Any]) -> InputError | None:
    """Write the run summary; a full or read-only disk is returned, not raised, so it never
    hides the error that ended the run (this runs in a ``finally``)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return InputError(f"cannot write {path}: {exc.strerror or exc}")
    return None


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).replace(microsecond=0).isoformat()
