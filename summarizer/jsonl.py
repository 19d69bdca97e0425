"""JSON and JSON Lines from outside: parsed within bounds, and read without hanging.

Every file or body a user hands us may be hostile: 5,000 nested brackets (``RecursionError``
deep in ``json``), a 5,000-digit number (``ValueError`` from the int parser), a line of
gigabytes, a FIFO that never ends, ``/dev/zero`` behind a symlink. Readers here turn each of
those into an ordinary ``json.JSONDecodeError`` for that one line or document, so the caller's
per-line handling covers it and the rest of the file goes on.

Lines are split on ``\\n`` only: ``str.splitlines`` also splits on U+2028, U+2029, U+0085 and
a few control characters, which may sit raw inside a JSON string. (Writers escape those, with
``scrub.safe_json``, so other tools' line splitting cannot cut our records either.)
"""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

# Deeper than any document this tool writes (a batch record is about 7 levels), and far below
# the depths where json, pydantic or our own recursive code would run out of stack.
MAX_DEPTH = 64
# One JSONL line (one article, or one record with its article and summary).
MAX_LINE_BYTES = 16 * 1024 * 1024
# One whole JSON document read by ``read_capped`` callers (a summary file).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def loads(raw: str | bytes) -> Any:
    """``json.loads`` that raises only ``json.JSONDecodeError``, for any input whatsoever.

    Refused as well: nesting deeper than ``MAX_DEPTH``, and ``NaN``/``Infinity`` (not JSON).
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise json.JSONDecodeError(f"not UTF-8 (byte {exc.start})", "", 0) from None
    try:
        value = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", "", 0) from None
    except ValueError as exc:  # a number too long for int(), or NaN/Infinity
        reason = str(exc).split(":")[0] if "digits" in str(exc) else str(exc)
        raise json.JSONDecodeError(reason, "", 0) from None
    if depth_exceeds(value, MAX_DEPTH):
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", "", 0)
    return value


def describe(exc: json.JSONDecodeError) -> str:
    """The reason, with the position when there is one worth giving."""
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}" if exc.doc else exc.msg


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def depth_exceeds(value: Any, limit: int) -> bool:
    """True when lists and objects nest deeper than ``limit`` (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


@dataclass(frozen=True)
class Line:
    """One line of a JSONL stream: its 1-based number and bytes (without the newline).

    ``too_long`` lines were not kept: ``data`` is empty and the line was skipped to its end.
    ``newline`` is False only for a last line that the stream ends in the middle of.
    """

    number: int
    data: bytes
    too_long: bool = False
    newline: bool = True


def iter_lines(stream: IO[bytes], *, max_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Every line of ``stream``, split on ``\\n`` only, none held beyond ``max_bytes``.

    A final line without a newline is yielded too. Memory stays at one line, however long the
    stream or its lines are. A UTF-8 byte order mark opening the stream (as Windows editors
    save files) is not data and is dropped, so the first line parses like every other.
    """
    number = 0
    while True:
        chunk = stream.readline(max_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest of this line
                chunk = stream.readline(1 << 20)
            yield Line(number, b"", too_long=True, newline=bool(chunk))
            continue
        if number == 1 and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8) :]
        ended = chunk.endswith(b"\n")
        yield Line(number, chunk[:-1] if ended else chunk, newline=ended)


def line_problem(line: Line) -> str | None:
    """Why a line cannot be read at all (too long), else None."""
    if line.too_long:
        return f"line is longer than {MAX_LINE_BYTES:,} bytes; skipped"
    return None


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` must not be opened for reading (a FIFO, device, socket, directory), if so.

    Opening a FIFO blocks until someone writes; a device such as ``/dev/zero`` never ends.
    Follows symlinks, since what matters is what would be read.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, device or socket); skipped"
    return None


def read_capped(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file: the caller sees that it was too long.

    A file can grow between a size check and the read (or report size 0, like /proc files),
    so the cap is applied to the read itself. Opened non-blocking, so a FIFO swapped in after
    the check cannot hang us.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        return f.read(limit + 1)
