"""Progress on stderr: a live bar on a terminal, a plain line every few seconds otherwise.

Never on stdout, which may carry the records. The counts come from the results (done,
failed, cached) and from the transport (requests retried or throttled), and tokens from the
results' usage. ``Quiet`` shows nothing.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol

from .limits import Counters
from .records import Result

PLAIN_EVERY = 10.0  # seconds between plain progress lines


class Progress(Protocol):
    def start(self, total: int | None) -> None: ...
    def advance(self, result: Result) -> None: ...
    def note(self, status: str) -> None: ...
    def stop(self) -> None: ...


class Tally:
    """The running numbers every display shows."""

    def __init__(self, counters: Counters | None = None) -> None:
        self.counters = counters or Counters()
        self.total: int | None = None
        self.done = 0
        self.failed = 0
        self.cached = 0
        self.tokens = 0
        self.started = time.monotonic()

    def add(self, result: Result) -> None:
        self.done += 1
        self.failed += not result.ok
        self.cached += result.cached
        self.tokens += result.usage.total_tokens

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        total = f"/{self.total}" if self.total is not None else ""
        eta = ""
        if self.total is not None and rate > 0:
            eta = f", eta {_duration(max(self.total - self.done, 0) / rate)}"
        return (
            f"{self.done}{total} done, {self.failed} failed, {self.cached} cached, "
            f"{self.counters.retried} retried, {self.tokens:,} tokens, {rate:.1f}/s{eta}"
        )


class Quiet:
    def start(self, total: int | None) -> None:
        pass

    def advance(self, result: Result) -> None:
        pass

    def note(self, status: str) -> None:
        pass

    def stop(self) -> None:
        pass


class PlainProgress:
    """One line per ``every`` seconds, and one at the end: fit for logs and CI."""

    def __init__(
        self, counters: Counters, stream: IO[str] | None = None, every: float = PLAIN_EVERY
    ) -> None:
        self.tally = Tally(counters)
        self.stream = stream or sys.stderr
        self.every = every
        self._last = time.monotonic()

    def start(self, total: int | None) -> None:
        self.tally.total = total

    def advance(self, result: Result) -> None:
        self.tally.add(result)
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._print(self.tally.line())

    def note(self, status: str) -> None:
        self._print(status)

    def stop(self) -> None:
        self._print(self.tally.line())

    def _print(self, text: str) -> None:
        print(f"summarizer: batch: {text}", file=self.stream, flush=True)


class BarProgress:
    """A rich progress bar: done / failed / cached / retried, tokens, rate and ETA."""

    def __init__(self, counters: Counters, stream: IO[str] | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self.tally = Tally(counters)
        self._bar = RichProgress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream or sys.stderr),
            transient=False,
        )
        self._task = self._bar.add_task("batch", total=None, status="")

    def start(self, total: int | None) -> None:
        self.tally.total = total
        self._bar.update(self._task, total=total)
        self._bar.start()

    def advance(self, result: Result) -> None:
        self.tally.add(result)
        t = self.tally
        status = (
            f"[red]{t.failed} failed[/] · {t.cached} cached · "
            f"[yellow]{t.counters.retried} retried[/] · {t.tokens:,} tok"
        )
        self._bar.update(self._task, advance=1, status=status)

    def note(self, status: str) -> None:
        self._bar.update(self._task, status=status)

    def stop(self) -> None:
        self._bar.stop()


def make_progress(counters: Counters, *, quiet: bool, stream: IO[str] | None = None) -> Progress:
    stream = stream or sys.stderr
    if quiet:
        return Quiet()
    if stream.isatty():
        return BarProgress(counters, stream)
    return PlainProgress(counters, stream)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"
