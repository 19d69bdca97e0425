"""The ``batch`` command: argument wiring and the handler; the work is in ``runner.py``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..article import parse_published
from ..cli_shared import Subcommands, add_model_options, settings_from
from ..errors import InputError
from .cache import default_cache_path
from .runner import BatchOptions, run_batch


def register(sub: Subcommands) -> None:
    p = sub.add_parser(
        "batch",
        help="summarise many articles into JSONL records, resumable",
        description="Summarise many articles: one JSONL record per input, keyed by its id.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, directories (recursive), globs, .jsonl files (id, text, title, published, "
        "source per line), http(s) URLs, .urls files (one URL per line, # comments), or - for "
        "JSONL on stdin",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="results JSONL (default: stdout); one run at a time writes it (OUTPUT.lock beside "
        "it while it runs), and it and the files written beside it are never read as inputs",
    )
    p.add_argument("--concurrency", type=_positive, default=8, help="requests in flight (8)")
    p.add_argument("--rpm", type=_positive, help="requests per minute, across all workers")
    p.add_argument("--tpm", type=_positive, help="tokens per minute, across all workers")
    p.add_argument("--resume", action="store_true", help="continue a run: skip ids already in -o")
    p.add_argument(
        "--retry-errors",
        action="store_true",
        help="with --resume: remove the error records and try those inputs again",
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument(
        "--cache",
        type=Path,
        help="cache file (default: batch-cache.sqlite in $SUMMARIZER_CACHE_DIR, else in "
        "$XDG_CACHE_HOME/summarizer or ~/.cache/summarizer)",
    )
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date YYYY-MM-DD of the articles that carry none of their own (a "
        "JSONL line's 'published', an HTML page's or a .json file's date wins)",
    )
    p.add_argument("--max-articles", type=_positive, help="stop after the first N inputs")
    p.add_argument("--quiet", action="store_true", help="no progress and no closing summary")
    p.add_argument("--prices", type=Path, help="price table JSON: model -> input/output $ per 1M")
    p.add_argument(
        "--engine",
        choices=["live", "openai-batch"],
        default="live",
        help="live requests (default) or the OpenAI Batch API (half price, within 24 h)",
    )
    p.add_argument(
        "--poll-interval", type=float, default=30.0, help="seconds between Batch API polls (30)"
    )
    add_model_options(p)
    p.set_defaults(handler=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.poll_interval < 0:
        raise InputError("--poll-interval must be 0 or more")
    options = BatchOptions(
        inputs=args.inputs,
        output=args.output,
        engine=args.engine,
        concurrency=args.concurrency,
        rpm=args.rpm,
        tpm=args.tpm,
        resume=args.resume,
        retry_errors=args.retry_errors,
        cache_path=None if args.no_cache else (args.cache or default_cache_path()),
        max_articles=args.max_articles,
        quiet=args.quiet,
        prices=args.prices,
        poll_interval=args.poll_interval,
        published=parse_published(args.published, what="--published"),
    )
    stdin = sys.stdin.buffer if "-" in args.inputs else None
    report = run_batch(options, settings, stdin=stdin)
    return report.exit_code


def _positive(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {raw!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
