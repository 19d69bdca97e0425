"""``summarizer review``, ``validate`` and ``export``: argument wiring and thin handlers.

All three read results files (``records.py``); ``export`` hands the summaries to the core's
``export.py`` one at a time, so a batch of any size is exported in the memory of one record.

``register`` is called once from ``summarizer.cli.build_parser``, like every command module's;
the core never imports this package. Handlers return the CLI's exit codes and raise
``SummarizerError`` for bad input, which the main CLI prints as one line.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

from .. import scrub
from ..article import load_article
from ..cli_shared import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, Subcommands, open_output, say
from ..errors import InputError
from ..export import CSV_ENCODING, TABLES, write_csv, write_markdown
from .records import Located, Skipped, iter_records, iter_stream, iter_summaries, read_records
from .validate import validate_files
from .view import Review, Row, load_review, select


def register(sub: Subcommands) -> None:
    p = sub.add_parser(
        "review",
        help="read a summary (or batch results) against its article, in the terminal or as HTML",
    )
    p.add_argument("path", type=Path, help="a summary .json, or batch results .jsonl")
    p.add_argument(
        "--id", dest="record_id", help="the batch record to review (its id or article id)"
    )
    p.add_argument(
        "--article",
        type=Path,
        help="the article file, when it is not the text stored in the result",
    )
    p.add_argument(
        "--html",
        type=Path,
        metavar="OUT",
        help="write a self-contained HTML page instead; for a whole batch, a directory of "
        "pages with an index.html",
    )
    p.set_defaults(handler=cmd_review)

    p = sub.add_parser(
        "validate",
        help="check summary .json / batch .jsonl files: schema, offsets, references",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser(
        "export",
        help="results as CSV (quotes, positions, timeline or actors) or a Markdown digest",
    )
    p.add_argument("path", help="a summary .json, batch results .jsonl, or - for stdin")
    p.add_argument(
        "--format",
        choices=("csv", "md"),
        required=True,
        help="csv: one row per item of --table; md: a readable digest per article",
    )
    p.add_argument(
        "--table", choices=TABLES, help="with --format csv: which items (default: quotes)"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write here instead of stdout (a CSV file gets a UTF-8 byte order mark, so "
        "spreadsheets open accents and typographic quotes intact)",
    )
    p.set_defaults(handler=cmd_export)


def cmd_review(args: argparse.Namespace) -> int:
    records, problems = read_records(args.path)
    if not records:
        raise InputError(str(problems[0]) if problems else f"{args.path}: no records")
    for problem in problems:
        say(f"warning: skipped {problem}")
    record = select(records, args.record_id)
    if record is None:
        if args.article is not None:
            raise InputError("--article needs --id: which record of the batch is it for?")
        return _review_batch(args, records)
    text = load_article(args.article).text if args.article is not None else None
    review = load_review(record, article_text=text)
    if args.html is not None:
        from .html import write_article_page

        write_article_page(review, args.html)
        say(f"wrote {args.html}")
    else:
        from .terminal import make_console, render_review

        render_review(review, make_console())
    return EXIT_OK


def _review_batch(args: argparse.Namespace, records: list[Located]) -> int:
    rows = [Row.of(r) for r in records]
    if args.html is None:
        from .terminal import make_console, render_overview

        render_overview(str(args.path), rows, make_console())
        return EXIT_OK
    from .html import write_batch_pages

    reviews: dict[str, Review | str] = {}
    for row in rows:
        if row.record.status == "ok":
            try:
                reviews[row.record.id] = load_review(row.record)
            except InputError as exc:
                reviews[row.record.id] = exc.one_line()
    index = write_batch_pages(str(args.path), rows, reviews, args.html)
    say(f"wrote {index}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    report = validate_files(args.files)
    for problem in report.problems:
        print(scrub.for_terminal(str(problem)))
    noun = "file" if report.files == 1 else "files"
    checked = f"{report.records} record(s) in {report.files} {noun}"
    if report.problems:
        say(
            f"validate: {len(report.problems)} problem(s) in {report.bad_files} of "
            f"{report.files} {noun} ({checked})"
        )
        return EXIT_FAILURE
    say(f"validate: ok, {checked}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    if args.table is not None and args.format != "csv":
        raise InputError("--table applies to --format csv only")
    if args.path == "-":
        found = iter_stream("stdin", sys.stdin.buffer)
    else:
        found = iter_records(Path(args.path))
    skipped = Skipped()
    summaries = iter_summaries(found, skipped.add)
    first = next(summaries, None)  # before any output is opened: bad input writes nothing
    if first is None and skipped.problems and not skipped.errors:
        raise InputError(skipped.first_problem())
    everything = summaries if first is None else itertools.chain([first], summaries)
    with open_output(args.output, CSV_ENCODING if args.format == "csv" else "utf-8") as out:
        if args.format == "csv":
            write_csv(everything, args.table or "quotes", out)
        else:
            write_markdown(everything, out)
    for note in skipped.notes():
        say(note)
    if skipped.unreadable:
        return EXIT_USAGE
    if args.output is not None:
        say(f"wrote {args.output}")
    return EXIT_OK
