"""``summarizer timeline``: one dated timeline per actor across a whole batch, as a file.

Thin like every command: the results files are read as ``export`` reads them
(``review/records.py``: the same problems, the same skip tally), the summaries, named by their
record ids as ``build_timelines`` names them in a results file, are streamed into the builder,
and the result is written by ``render.py`` (JSON, CSV, Markdown) or ``html.py`` (a page),
atomically through ``cli_shared.open_output``. The builder's warnings (an --actor name that
matches no actor, an article given twice) are printed as well as kept in the output.

Bad input stops before anything is written: a results file that is missing, a directory, a
FIFO, empty or not results at all is one line on stderr and exit 2. Within a batch file, a
line that is not a summary is skipped with a warning and exit 2 once the rest is written, as
``export`` does; error records are expected in a batch and only counted.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, get_args

from .. import jsonl
from ..cli_shared import EXIT_OK, EXIT_USAGE, Subcommands, open_output, say
from ..errors import InputError, SummarizerError
from ..export import CSV_ENCODING
from ..review.records import (
    Located,
    Problem,
    Skipped,
    iter_record_summaries,
    iter_records,
    iter_stream,
)

if TYPE_CHECKING:  # the builder is loaded by the command that runs it, not by every command
    from ..schema import ArticleSummary
    from .model import StoryTimelines

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
        help="with --format html and one RESULTS file: where `summarizer review RESULTS --html "
        "DIR` put its pages (DIR, relative to the page), to link each cited sentence there",
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
    from .build import build_timelines
    from .render import write

    fmt = format_of(args.format, args.output)
    if args.review_base is not None and fmt != "html":
        raise InputError("--review-base applies to --format html only")
    if args.review_base is not None and (len(args.results) != 1 or args.results == ["-"]):
        raise InputError("--review-base needs the one results file the review pages were made of")
    actors = _actor_names(args.actor)
    skipped = Skipped()
    summaries = _as_cited(iter_record_summaries(_read(args.results), _strict(skipped)))
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
    for warning in story.warnings:
        say(f"warning: {warning}")
    if actors and not story.timelines:
        raise SummarizerError("no timeline: none of the --actor names is an actor of the batch")
    with open_output(args.output, CSV_ENCODING if fmt == "csv" else "utf-8") as out:
        if fmt == "html":
            out.write(_html(story, args.review_base, args.results[0]))
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


def _as_cited(found: Iterator[tuple[str, ArticleSummary]]) -> Iterator[ArticleSummary]:
    """Each summary under its record's id, the name ``build_timelines`` gives an article of a
    results file (``summarizer batch`` ids: the user's, not the content hash), so that the
    command, the library on a path and ``POST /v1/timelines`` cite articles alike."""
    for record_id, summary in found:
        if summary.article.id != record_id:
            article = summary.article.model_copy(update={"id": record_id})
            summary = summary.model_copy(update={"article": article})
        yield summary


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


def _html(story: StoryTimelines, review_base: str | None, results: str) -> str:
    """The page of ``html.py``; with ``review_base``, each citation links to its article's page
    of ``summarizer review RESULTS --html`` (numbered by record: ``article_pages`` reads them).
    Imported here: only ``--format html`` needs the page and its templates."""
    from ..review.html import article_pages
    from .html import timeline_page

    if review_base is None:
        return timeline_page(story)
    records = (r for r in iter_records(Path(results)) if isinstance(r, Located))
    return timeline_page(story, review_base=review_base, review_pages=article_pages(records))
