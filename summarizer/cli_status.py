"""What a single ``summarize`` is doing, for a person watching: one status line on stderr.

A run on the bundled model takes a minute or more; without a word on the terminal it looks
hung. ``Status`` shows a spinner and what is happening now ("loading the bundled model…",
"asking the model…", "writing out.json…"), only when stderr is a terminal: a pipe, a file or a
log collector gets nothing from it. The line is transient: it is gone once the run ends, so
the diagnostics printed after it stand alone. ``rich`` is imported only when it is shown.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from . import scrub

if TYPE_CHECKING:
    from rich.live import Live
    from rich.spinner import Spinner


class Status:
    """``with Status() as status: status.show("asking the model…")``."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._live: Live | None = None
        self._spinner: Spinner | None = None
        self.enabled = _is_terminal(self._stream)

    def show(self, text: str) -> None:
        """Show ``text`` now (not at the spinner's next tick: a quick step is seen too)."""
        if not self.enabled:
            return
        line = scrub.for_terminal(text)  # file names come from outside
        if self._live is None or self._spinner is None:
            from rich.console import Console
            from rich.live import Live
            from rich.spinner import Spinner

            console = Console(
                file=self._stream, force_terminal=True, highlight=False, markup=False, emoji=False
            )
            self._spinner = Spinner("dots", text=line)
            self._live = Live(self._spinner, console=console, transient=True)
            self._live.start(refresh=True)
            return
        self._spinner.update(text=line)
        self._live.refresh()

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = self._spinner = None

    def __enter__(self) -> Status:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or a stand-in without isatty
        return False
