"""``summarizer timeline``: one dated timeline per actor across a whole batch, as a file.

Thin like every command: the results files are read as ``export`` reads them
(``records.py``: the same problems, the same skip tally), the summaries are streamed into the
core's ``story.build_timelines``, and the result is written by ``story.render`` (JSON, CSV,
Markdown) or ``story.html`` (a page), atomically through ``cli_shared.open_output``.

Bad input stops before anything is written: a results file that is missing, a directory, a
FIFO, empty or not results at all is one line on stderr and exit 2. Within a batch file, a
line that is not a summary is skipped with a warning and exit 2 once the rest is written, as
``export`` does; error records are expected in a batch and only counted.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, get_args

from .. import jsonl
from ..cli_shared import EXIT_OK, EXIT_USAGE, Subcommands, open_output, say
from ..errors import InputError, SummarizerError
from ..export import CSV_ENCODING
from .records import Located, Problem, Skipped, iter_records, iter_stream, iter_summaries

if TYPE_CHECKING:  # the builder is loaded by the command that runs it, not by every command
    from ..story.model import StoryActor, StoryTimelines

Format = Literal["json", "csv", "md", "html"]
FORMATS: Final[tuple[Format, ...]] = get_args(Format)
SUFFIX_FORMATS: Final[dict[str, Format]] = {f".{f}": f for f in FORMATS}

_Skip = Callable[[Located | Problem], None]


def register(sub: Subcommands) -> None:
    p = sub.add_parser(
        "timeline",
        help="one dated timeline per actor across a batch (JSON, CSV, Markdown or HTML)",
    )
    p.add_argument(
        "results",
        nargs="+",
        metavar="RESULTS",
        help="batch results .jsonl or summary .json files (- for stdin), read as one batch",
    )
    p.add_argument(
        "--actor",
        action="append",
        metavar="NAME",
        help="the timeline of this actor, by any of its names (repeat for several); "
        "default: every actor named in --min-articles articles",
    )
    p.add_argument(
        "--min-articles",
        type=_at_least_one,
        default=2,
        metavar="N",
        help="without --actor: actors named in at least N articles (default 2)",
    )
    p.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="default: from the -o suffix (.json .csv .md .html), else json",
    )
    p.add_argument(
        "--review-base",
        metavar="URL",
        help="with --format html: where the review pages of the articles are "
        "(`summarizer review --html`), for links from each cited sentence",
    )
    p.set_defaults(handler=cmd_timeline)


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return value


def format_of(given: Format | None, output: Path | None) -> Format:
    """``--format``, else the output file's suffix, else JSON."""
    if given is not None:
        return given
    suffix = output.suffix.lower() if output is not None else ""
    return SUFFIX_FORMATS.get(suffix, "json")


def cmd_timeline(args: argparse.Namespace) -> int:
    from ..story.build import build_timelines
    from ..story.render import write

    fmt = format_of(args.format, args.output)
    if args.review_base is not None and fmt != "html":
        raise InputError("--review-base applies to --format html only")
    actors = _actor_names(args.actor)
    skipped = Skipped()
    summaries = iter_summaries(_read(args.results), _strict(skipped))
    first = next(summaries, None)
    if first is None:
        raise InputError(_nothing_read(args.results, skipped))
    story = build_timelines(
        itertools.chain([first], summaries), actors, min_articles=args.min_articles
    )
    # The builder saw summaries only: what was skipped on the way is counted here.
    story = story.model_copy(
        update={"skipped": story.skipped + skipped.errors + skipped.unreadable}
    )
    for name in unmatched(story, actors or ()):
        say(f"warning: no actor of the batch goes by {name!r}")
    if actors and not story.timelines:
        raise SummarizerError("no timeline: none of the --actor names is an actor of the batch")
    with open_output(args.output, CSV_ENCODING if fmt == "csv" else "utf-8") as out:
        if fmt == "html":
            out.write(_html(story, args.review_base))  # an error here leaves no file
        else:
            write(story, fmt, out)
    for note in skipped.notes():
        say(note)
    if not story.timelines:
        say(
            f"no timeline: no actor is named in {args.min_articles} or more of the "
            f"{story.articles} article(s) read (--min-articles lowers the bar)"
        )
    if args.output is not None:
        events = sum(len(t.events) for t in story.timelines)
        say(f"wrote {args.output} ({len(story.timelines)} timeline(s), {events} event(s))")
    return EXIT_USAGE if skipped.unreadable else EXIT_OK


def _actor_names(given: list[str] | None) -> list[str] | None:
    if given is None:
        return None
    names = [" ".join(name.split()) for name in given]
    if not all(names):
        raise InputError("--actor needs a name")
    return list(dict.fromkeys(names))


def _read(paths: Sequence[str]) -> Iterator[Located | Problem]:
    """The records of every file in turn, one batch. Every path is checked before the first
    is read: a typo in the last name fails at once, not after a long build."""
    if paths.count("-") > 1:
        raise InputError("- (standard input) can be read once only")
    for name in paths:
        problem = None if name == "-" else jsonl.regular_file_problem(Path(name))
        if problem is not None:
            raise InputError(f"{name}: {problem}")
    for name in paths:
        if name == "-":
            yield from iter_stream("stdin", sys.stdin.buffer)
        else:
            yield from iter_records(Path(name))


def _strict(skipped: Skipped) -> _Skip:
    """``skipped.add``, except that a problem with a whole file (no line number) stops the
    run: a file named on the command line that is not results is a mistake, not a skip."""

    def skip(item: Located | Problem) -> None:
        if isinstance(item, Problem) and item.line is None:
            raise InputError(str(item))  # out through the builder: nothing written
        skipped.add(item)

    return skip


def _nothing_read(paths: Sequence[str], skipped: Skipped) -> str:
    if skipped.problems:
        return skipped.first_problem()
    where = ", ".join(paths)
    if skipped.errors:
        return f"{where}: no summaries, only {skipped.errors} error record(s)"
    return f"{where}: no summaries"


def _html(story: StoryTimelines, review_base: str | None) -> str:
    """The page of ``story/html.py``, imported here: only ``--format html`` needs it, and
    without it (an install or branch that lacks the page) the other formats still work."""
    try:
        from ..story.html import timeline_page  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        if exc.name != "summarizer.story.html":
            raise  # html.py is there but broken: a bug, not a missing part
        raise SummarizerError(
            "--format html is not available: this install lacks summarizer.story.html's "
            "timeline_page"
        ) from None
    page: str = timeline_page(story, review_base=review_base)
    return page


# --actor names that found nothing ----------------------------------------------------------

# Company suffixes dropped when names are compared ("Boeing Co." is "Boeing").
_SUFFIXES: Final = frozenset({"inc", "co", "corp", "corporation", "company", "ltd", "llc", "plc"})
_WORD = re.compile(r"\w+")


def unmatched(story: StoryTimelines, asked: Iterable[str]) -> list[str]:
    """The names in ``asked`` that no timeline's actor goes by, for a warning each.

    The builder decides which actors a name selects; this only has to tell the user which
    names found nothing. It compares loosely, along the model's merge reasons (same name once
    case, "the", punctuation and a company suffix are gone; an acronym; a first or last part
    of the name), so that a name the builder did match is not reported as missing.
    """
    known = [_words(n) for t in story.timelines for n in _names_of(t.actor)]
    return [name for name in asked if not any(_same(_words(name), k) for k in known)]


def _names_of(actor: StoryActor) -> Iterator[str]:
    yield actor.name
    yield from actor.aliases
    yield from (m.name for m in actor.members)


def _words(name: str) -> tuple[str, ...]:
    words = _WORD.findall(unicodedata.normalize("NFKC", name).casefold())
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return tuple(words)


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    if a == b or _part_of(a, b) or _part_of(b, a):
        return True
    return _initials(a, b) or _initials(b, a)


def _part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(full) and (full[:n] == short or full[-n:] == short)


def _initials(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    return len(short) == 1 and len(full) > 1 and short[0] == "".join(w[0] for w in full)
