"""Batch inputs: files, directories, globs, JSONL files, URLs and stdin, streamed as ``Item``s.

Each input becomes one ``Item`` with a stable id and a deferred loader, so nothing is read
before a worker needs it and memory stays flat however many articles there are. The id is what
output records are keyed by: a JSONL line's ``id`` (else its text's hash), else the file path
as given, else the URL as given. A URL is an input of its own, on the command line or one per
line of a ``.urls`` file (blank lines and ``#`` comments skipped); its page is fetched only when
a worker loads it, so a dead link is one error record. An input that cannot even be parsed
still yields an item (its loader raises ``InputError``), so it gets an error record instead of
vanishing: a hostile JSONL line (deep nesting, a huge number, a line of gigabytes), a FIFO or a
device named like an input.

Symlinks: a file named on the command line is read wherever it points (the user named it).
Inside a directory input, a symlink is followed only when its target lies inside that same
directory; one pointing out of it (``passwd.txt -> /etc/passwd``) gets an error record and is
not read, so summarising a folder never sends files from elsewhere to the model.

A run's own outputs (``skip``: its results file, run summary, Batch API files) are never
inputs: ``batch DIR -o DIR/out.jsonl`` would otherwise read its own records back, as
duplicates or error records, and a resume with nothing left to do would fail.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .. import jsonl
from ..article import SUFFIXES, Article, article_from_mapping, article_id, load_article
from ..errors import InputError
from ..settings import DEFAULT_FETCH_TIMEOUT
from ..web import is_url, load_url

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
URL_LIST_SUFFIXES = {".urls"}
_MAX_URL_LINE = 1 << 16  # bytes: a longer line in a .urls file is an error record, not a URL
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Item:
    """One input: its id, where it came from (for messages), and how to load it."""

    id: str
    origin: str
    load: Callable[[int], Article]  # max_chars -> Article, or raises InputError


def iter_items(
    specs: Iterable[str],
    *,
    stdin: IO[bytes] | None = None,
    max_line_bytes: int = jsonl.MAX_LINE_BYTES,
    skip: Collection[Path] = (),
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT,
    published: dt.date | None = None,
) -> Iterator[Item]:
    """Every input named by ``specs``, in a stable order (directories and globs sorted), but
    none of the files or folders in ``skip`` (the run's own outputs). ``fetch_timeout`` bounds
    the fetch of each URL; ``published`` is the date of the articles that carry none of their
    own (``batch --published``)."""
    items = _named_items(
        specs,
        stdin=stdin,
        max_line_bytes=max_line_bytes,
        skip=skip,
        fetch_timeout=fetch_timeout,
    )
    if published is None:
        yield from items
    else:
        yield from (dated(item, published) for item in items)


def dated(item: Item, published: dt.date) -> Item:
    """``item`` whose article, when it has no publication date of its own, gets ``published``
    (a file's or a JSONL line's own date wins; the id, from the text, is the same)."""

    def load(max_chars: int) -> Article:
        article = item.load(max_chars)
        if article.published is not None:
            return article
        return article.model_copy(update={"published": published})

    return Item(id=item.id, origin=item.origin, load=load)


def _named_items(
    specs: Iterable[str],
    *,
    stdin: IO[bytes] | None,
    max_line_bytes: int,
    skip: Collection[Path],
    fetch_timeout: float,
) -> Iterator[Item]:
    own = _Own(skip)
    for spec in specs:
        if spec == "-":
            if stdin is None:
                raise InputError("'-' given but there is no stdin to read JSONL from")
            yield from _jsonl_items(stdin, "stdin", max_line_bytes)
            continue
        if is_url(spec):
            yield url_item(spec, spec, fetch_timeout)
            continue
        for path, problem in _paths(spec, own):
            problem = problem or jsonl.regular_file_problem(path)
            suffix = path.suffix.lower()
            if problem is not None:
                yield broken_item(str(path), f"{path}: {problem}")
            elif suffix in JSONL_SUFFIXES:
                with path.open("rb") as f:
                    yield from _jsonl_items(f, str(path), max_line_bytes)
            elif suffix in URL_LIST_SUFFIXES:
                with path.open("rb") as f:
                    yield from _url_list_items(f, str(path), fetch_timeout)
            else:
                yield file_item(path)


def check_specs(specs: Iterable[str], *, skip: Collection[Path] = ()) -> None:
    """Fail before any work if an input names nothing, or names outright one of the run's own
    outputs (``skip``): a typo must not cost a half run."""
    own = _Own(skip)
    for spec in specs:
        if spec != "-" and own.holds(Path(spec)):
            raise InputError(f"{spec} is this run's own output: it cannot also be an input")
        if spec == "-" or is_url(spec) or Path(spec).exists():
            continue
        if _GLOB_CHARS & set(spec) and next(glob.iglob(spec, recursive=True), None) is not None:
            continue
        raise InputError(
            f"{spec}: no such file or directory"
            + ("" if not _GLOB_CHARS & set(spec) else " (the pattern matches nothing)")
        )


def count_items(specs: Iterable[str], *, skip: Collection[Path] = ()) -> int | None:
    """How many items ``iter_items`` will yield (cheap: no parsing); None when stdin is read."""
    total = 0
    own = _Own(skip)
    for spec in specs:
        if spec == "-":
            return None
        if is_url(spec):
            total += 1
            continue
        for path, problem in _paths(spec, own):
            readable = problem is None and jsonl.regular_file_problem(path) is None
            suffix = path.suffix.lower()
            if readable and suffix in JSONL_SUFFIXES:
                with path.open("rb") as f:
                    total += sum(1 for line in jsonl.iter_lines(f) if line.data.strip())
            elif readable and suffix in URL_LIST_SUFFIXES:
                with path.open("rb") as f:
                    total += sum(1 for _ in _url_lines(f))
            else:
                total += 1
    return total


# (path, why it must not be read, or None)
_Found = tuple[Path, str | None]


class _Own:
    """The run's own outputs, by real path: a symlink or another spelling is the same file."""

    def __init__(self, paths: Collection[Path]) -> None:
        self._real = tuple(os.path.realpath(p) for p in paths)

    def holds(self, path: Path) -> bool:
        """True for an output itself or anything inside an output folder."""
        real = os.path.realpath(path)
        return any(_within(real, own) for own in self._real)


def _paths(spec: str, own: _Own) -> Iterator[_Found]:
    """The files one spec names; a spec naming nothing is bad input, not an empty batch."""
    path = Path(spec)
    if own.holds(path):
        raise InputError(f"{spec} is this run's own output: it cannot also be an input")
    if path.is_dir():
        yield from (found for found in _dir_files(path) if not own.holds(found[0]))
    elif path.exists():  # a file, or a FIFO or device that becomes an error record
        yield path, None
    elif _GLOB_CHARS & set(spec):
        matches = [Path(m) for m in sorted(glob.iglob(spec, recursive=True))]
        files = [p for p in matches if not p.is_dir()]
        if not files:
            raise InputError(f"{spec}: the pattern matches no file")
        yield from ((p, None) for p in files if not own.holds(p))
    else:
        raise InputError(f"{spec}: no such file or directory")


def _dir_files(root: Path) -> Iterator[_Found]:
    """Article and JSONL files below ``root``, recursively, hidden entries skipped, sorted.

    Symlinked folders are not entered (``os.walk``'s default); a symlinked file is read only
    when it resolves to a place inside ``root``.
    """
    wanted = SUFFIXES | JSONL_SUFFIXES | URL_LIST_SUFFIXES
    inside = os.path.realpath(root)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(folder, name)
            if name.startswith(".") or p.suffix.lower() not in wanted:
                continue
            if p.is_symlink() and not _within(os.path.realpath(p), inside):
                yield p, "a symlink to a file outside the input directory; not read"
            else:
                yield p, None


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def file_item(path: Path) -> Item:
    """A file input: its id is the path as given (the ``batch`` command's rule)."""
    return Item(
        id=str(path),
        origin=str(path),
        load=lambda max_chars: load_article(path, max_chars=max_chars),
    )


def _jsonl_items(stream: IO[bytes], name: str, max_line_bytes: int) -> Iterator[Item]:
    for line in jsonl.iter_lines(stream, max_bytes=max_line_bytes):
        origin = f"{name}:{line.number}"
        if line.too_long:
            yield broken_item(origin, f"{origin}: line is longer than {max_line_bytes:,} bytes")
        elif line.data.strip():
            yield jsonl_item(line.data, origin)


def jsonl_item(raw: bytes | str, origin: str) -> Item:
    """One JSONL line as an item; a line that is not an object gets its origin as id."""
    try:
        data = jsonl.loads(raw)
    except json.JSONDecodeError as exc:
        return broken_item(origin, f"{origin}: malformed JSON line ({jsonl.describe(exc)})")
    if not isinstance(data, dict):
        return broken_item(origin, f"{origin}: a JSONL line must be an object with 'id' and 'text'")
    raw_id = data.get("id")
    if raw_id is not None and not isinstance(raw_id, str | int):
        return broken_item(origin, f"{origin}: 'id' must be a string or a number")
    text = data.get("text")
    if raw_id is not None and str(raw_id).strip():
        item_id = str(raw_id)
    elif isinstance(text, str) and text.strip():
        item_id = article_id(text)
    else:
        item_id = origin
    return Item(
        id=item_id,
        origin=origin,
        load=lambda max_chars: article_from_mapping(data, name=origin, max_chars=max_chars),
    )


def url_item(url: str, origin: str, fetch_timeout: float = DEFAULT_FETCH_TIMEOUT) -> Item:
    """A web page, keyed by its URL as given; fetched when loaded (a bad URL fails then)."""
    return Item(
        id=url,
        origin=origin,
        load=lambda max_chars: load_url(url, max_chars=max_chars, timeout=fetch_timeout),
    )


def _url_list_items(stream: IO[bytes], name: str, fetch_timeout: float) -> Iterator[Item]:
    for number, url in _url_lines(stream):
        origin = f"{name}:{number}"
        if url is None:
            yield broken_item(origin, f"{origin}: line is longer than {_MAX_URL_LINE:,} bytes")
        else:
            yield url_item(url, origin, fetch_timeout)


def _url_lines(stream: IO[bytes]) -> Iterator[tuple[int, str | None]]:
    """The URLs of a ``.urls`` file with their line numbers: every line but blank lines and
    ``#`` comments, whatever it holds (a line that is no URL gets its own error record; one too
    long to hold, None)."""
    for line in jsonl.iter_lines(stream, max_bytes=_MAX_URL_LINE):
        text = line.data.decode("utf-8", errors="replace").strip()
        if line.too_long:
            yield line.number, None
        elif text and not text.startswith("#"):
            yield line.number, text


def broken_item(origin: str, message: str) -> Item:
    """An input that cannot be read: its loader raises, so it becomes an error record."""

    def fail(max_chars: int) -> Article:
        raise InputError(message)

    return Item(id=origin, origin=origin, load=fail)


class Selection:
    """The items a run must do: skips ids already done (resume), flags repeated ids, caps count.

    Only the first input with a given id is summarised; each later one is reported through
    ``duplicates`` (and by the engine as a ``DuplicateIdError`` result), never merged into the
    first one's record. Memory is one entry per distinct id, not per article.
    """

    def __init__(
        self,
        items: Iterable[Item],
        *,
        done: set[str] | None = None,
        limit: int | None = None,
    ) -> None:
        self._items = items
        self._done = done or set()
        self._limit = limit
        self._seen: dict[str, str] = {}
        self.inputs = 0
        self.skipped = 0
        self.duplicates: list[dict[str, str]] = []

    @property
    def done_ids(self) -> set[str]:
        """Ids the results file already holds (read-only use: resume bookkeeping)."""
        return self._done

    def __iter__(self) -> Iterator[Item | Duplicate]:
        for item in self._items:
            if self._limit is not None and self.inputs >= self._limit:
                return
            self.inputs += 1
            first = self._seen.get(item.id)
            if first is not None:
                report = {"id": item.id, "input": item.origin, "first_input": first}
                self.duplicates.append(report)
                yield Duplicate(item, first)
                continue
            self._seen[item.id] = item.origin
            if item.id in self._done:
                self.skipped += 1
                continue
            yield item


@dataclass(frozen=True)
class Duplicate:
    """A later input that repeats an earlier input's id."""

    item: Item
    first_origin: str

    @property
    def message(self) -> str:
        return (
            f"input id {self.item.id!r} at {self.item.origin} repeats the id of "
            f"{self.first_origin}; only the first was summarised"
        )
