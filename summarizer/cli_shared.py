"""What every command module shares: exit codes, the model options, and writing results.

Each command module (``cli.py`` for the core commands, ``batch/cli.py``, ``review/cli.py``,
``service/cli.py``) has a ``register(sub)`` that adds its commands with a ``handler``, and
imports only this module from the CLI side, so none of them imports another.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TextIO, TypeAlias, TypeVar

from . import scrub
from .errors import InputError
from .logs import LEVELS
from .settings import SCHEMA_KINDS, SERVER_KINDS, Settings

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
_T = TypeVar("_T")


def say(line: str, *, stream: IO[str] | None = None, part: str = "") -> None:
    """One diagnostic line on stderr (or ``stream``): ``summarizer: [part: ]line``. File names,
    ids and problems come from outside, so nothing in them may drive the terminal."""
    head = f"summarizer: {part}: " if part else "summarizer: "
    print(head + scrub.for_terminal(line), file=sys.stderr if stream is None else stream)


def add_model_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("model")
    g.add_argument("--model", help="model name (env SUMMARIZER_MODEL)")
    g.add_argument("--base-url", help="OpenAI-compatible server (env OPENAI_BASE_URL)")
    g.add_argument("--timeout", type=float, help="seconds per request (env SUMMARIZER_TIMEOUT)")
    g.add_argument("--reasks", type=int, help="re-asks after invalid output (default 2)")
    g.add_argument("--token-budget", type=int, help="token cap per article across attempts")
    g.add_argument("--max-output-tokens", type=int, help="output token cap per request")
    g.add_argument("--max-chars", type=int, help="longest article accepted, in characters")
    g.add_argument(
        "--fetch-timeout",
        type=float,
        help="seconds to fetch an article given as a URL, redirects and body included "
        "(env SUMMARIZER_FETCH_TIMEOUT; default 30)",
    )
    g.add_argument(
        "--schema-kind",
        choices=SCHEMA_KINDS,
        help="JSON Schema dialect sent to the server (default: the server kind's)",
    )
    g.add_argument(
        "--server-kind",
        choices=SERVER_KINDS,
        help="what serves the model (env SUMMARIZER_SERVER_KIND; default: from the key and "
        "base URL)",
    )
    g.add_argument(
        "--context-tokens",
        type=int,
        help="the server's context window in tokens (env SUMMARIZER_CONTEXT_TOKENS; default: "
        "known for the bundled model and OpenAI's)",
    )


def add_logging_options(p: argparse.ArgumentParser, *, inherited: bool = False) -> None:
    """``-v``/``--verbose`` and ``--log-level``: on the main parser, and (``inherited``: no
    default of their own, so they do not undo the main parser's) after any command."""
    default = argparse.SUPPRESS if inherited else None
    g = p.add_argument_group("logging")
    g.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default,
        help="log more on stderr: -v for INFO, -vv for DEBUG (default: warnings only)",
    )
    g.add_argument(
        "--log-level",
        type=str.lower,
        choices=LEVELS,
        default=default,
        help="log level on stderr (wins over -v)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.resolve(
        model=args.model,
        base_url=args.base_url,
        timeout=args.timeout,
        reasks=args.reasks,
        token_budget=args.token_budget,
        max_output_tokens=args.max_output_tokens,
        max_chars=args.max_chars,
        fetch_timeout=args.fetch_timeout,
        schema_kind=args.schema_kind,
        server_kind=args.server_kind,
        context_tokens=args.context_tokens,
    )


def write_output(text: str, path: Path | None) -> None:
    """JSON to ``path``, or to stdout with ``scrub.safe_json``'s escapes (one line per record
    for line splitters, nothing a terminal acts on)."""
    if path is None:
        sys.stdout.write(scrub.safe_json(text))
        sys.stdout.flush()
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None


@contextlib.contextmanager
def open_output(path: Path | None, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Text output for ``export`` and ``timeline``: ``path``, or stdout when None.

    Opened with ``newline=""`` (the ``csv`` module writes its own line ends; the other writers
    write ``\n``). Stdout is UTF-8 whatever the locale, without a byte order mark (the next
    program in a pipe does not want one).

    A file is written atomically: into a temporary file beside it, renamed over ``path`` only
    once the writer finished, so an error or Ctrl-C half way leaves the old file (or none),
    never half of one that a spreadsheet or browser would open as if complete. The new file
    keeps the old one's permissions. A symlink is written through, like ``write_text``; a
    path that is not a regular file (``/dev/stdout``, a FIFO) is written in place.
    """
    if path is None:
        sys.stdout.flush()
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        try:
            yield out
        finally:
            out.detach()  # leaves sys.stdout open
        return
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"cannot write {path}: is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        with _writing(path, lambda: path.open("w", encoding=encoding, newline="")) as f:
            yield f
        return
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    # 0o666 less the umask, like any new file; an existing file's mode is copied below.
    fd = _writing(path, lambda: os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        _writing(path, lambda: os.replace(tmp, target))
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _writing(path: Path, action: Callable[[], _T]) -> _T:
    """``action()``, its ``OSError`` turned into the one line ``cannot write PATH: reason``."""
    try:
        return action()
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
