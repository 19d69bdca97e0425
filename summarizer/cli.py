"""The command line: parse, call the library, render, exit code. Nothing else lives here.

Exit codes: 0 ok; 2 bad input, usage or configuration; 1 model or validation failure.
Results go to stdout (or ``-o``); diagnostics to stderr, one line, never a traceback.
Every command module registers its commands the same way, ``register(sub)`` (``COMMANDS``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import jsonl, logs, scrub, summarize
from .article import DEFAULT_MAX_CHARS, load_article, read_stdin
from .batch import cli as batch_cli
from .cli_shared import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    Subcommands,
    add_logging_options,
    add_model_options,
    say,
    settings_from,
    write_output,
)
from .cli_status import Status
from .draft import draft_json_schema
from .errors import InputError, SummarizerError
from .index import ArticleIndex, index_article
from .index.explain import explain_index
from .review import cli as review_cli
from .schema import final_json_schema, render_schema
from .service import cli as service_cli
from .settings import SCHEMA_KINDS
from .story import cli as story_cli
from .version import package_version
from .web import is_url, load_url


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.configure(logs.level_for(args.verbose, args.log_level))
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code = handler(args)
        sys.stdout.flush()  # a reader that left (``| head``) shows here, not at exit
        return code
    except SummarizerError as exc:
        say(f"error: {exc.one_line()}")
        return exc.exit_code
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except BrokenPipeError:
        # The reader took what it wanted and left (``| head -1``): nothing failed. Python's
        # recipe: stdout goes to /dev/null, so the flush at exit has nothing to complain about.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug of ours: still one line, the traceback only on request
        if os.environ.get("SUMMARIZER_DEBUG"):  # the traceback, secrets redacted all the same
            sys.stderr.write(scrub.redact(traceback.format_exc()))
            return EXIT_FAILURE
        detail = scrub.message(str(exc))[:300]
        say(
            f"internal error: {type(exc).__name__}: {detail} "
            "(set SUMMARIZER_DEBUG=1 for the traceback)"
        )
        return EXIT_FAILURE


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor beneath (an embedding app, a test)
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarizer", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    add_logging_options(parser)
    sub = parser.add_subparsers(metavar="COMMAND")
    for register_commands in COMMANDS:
        register_commands(sub)
    for command in _commands(parser):
        add_logging_options(command, inherited=True)
    return parser


def _commands(parser: argparse.ArgumentParser) -> Iterable[argparse.ArgumentParser]:
    """Every (sub)command parser below ``parser``: ``summarize``, ``dates resolve``, ..."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in dict.fromkeys(action.choices.values()):
                yield command
                yield from _commands(command)


def register(sub: Subcommands) -> None:
    """The core commands: summarize, schema, dates, local."""
    p = sub.add_parser("summarize", help="summarise one article into validated JSON")
    p.add_argument(
        "path", help="article file (.txt .md .html .json), an http(s) URL, or - for stdin"
    )
    p.add_argument("--published", help="publication date YYYY-MM-DD (resolves relative dates)")
    p.add_argument("--title", help="article title (overrides the file's or page's)")
    p.add_argument("--source", help="source name or URL (default: the file name or page URL)")
    p.add_argument("-o", "--output", type=Path, help="write the JSON here instead of stdout")
    add_model_options(p)
    p.set_defaults(handler=cmd_summarize)

    p = sub.add_parser("schema", help="print the JSON Schema of the output (or of the draft)")
    p.add_argument("--draft", action="store_true", help="the schema the model fills in")
    p.add_argument(
        "--kind",
        choices=SCHEMA_KINDS,
        default="openai",
        help="draft dialect: OpenAI strict mode, a grammar server (llama.cpp, vLLM) or "
        "llama.cpp's llguidance",
    )
    p.set_defaults(handler=cmd_schema)

    dates = sub.add_parser("dates", help="date expressions").add_subparsers(metavar="ACTION")
    p = dates.add_parser("resolve", help="resolve a date expression against a publication date")
    p.add_argument("text", nargs="?", help="the expression, e.g. 'last Tuesday'")
    p.add_argument("--published", help="publication date YYYY-MM-DD")
    p.add_argument("--context", default="", help="the sentence the expression appears in")
    p.add_argument("--jsonl", type=Path, help="bulk: JSON lines with text, dct/published, context")
    p.set_defaults(handler=cmd_dates_resolve)

    p = dates.add_parser("tag", help="every date/time mention of an article, one JSON line each")
    p.add_argument("path", help="article file (.txt .md .html .json) or - for stdin")
    p.add_argument("--published", help="publication date YYYY-MM-DD (resolves relative dates)")
    p.set_defaults(handler=cmd_dates_tag)

    p = sub.add_parser(
        "index", help="the article index as JSON: sentences, quotations, dates, actors, cues"
    )
    p.add_argument("path", help="article file (.txt .md .html .json) or - for stdin")
    p.add_argument("--published", help="publication date YYYY-MM-DD (resolves relative dates)")
    p.add_argument("-o", "--output", type=Path, help="write the JSON here instead of stdout")
    p.add_argument(
        "--explain",
        action="store_true",
        help="instead of JSON, one line per actor, mention and speaker cue with its rule",
    )
    p.set_defaults(handler=cmd_index)

    local = sub.add_parser("local", help="the bundled offline model").add_subparsers(
        metavar="ACTION"
    )
    p = local.add_parser("serve", help="keep the local model server running (Ctrl-C stops it)")
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    p.set_defaults(handler=cmd_local_serve)
    p = local.add_parser("info", help="the local model: name, file, size, licence")
    p.set_defaults(handler=cmd_local_info)


def cmd_summarize(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if is_url(args.path):
        article = load_url(
            args.path,
            title=args.title,
            published=args.published,
            source=args.source,
            max_chars=settings.max_chars,
            timeout=settings.fetch_timeout,
        )
    else:
        stdin = read_stdin(sys.stdin, settings.max_chars) if args.path == "-" else None
        article = load_article(
            args.path,
            title=args.title,
            published=args.published,
            source=args.source,
            max_chars=settings.max_chars,
            stdin=stdin,
        )
    with Status() as status:
        result = summarize(article, settings=settings, progress=status.show)
        if args.output is not None:
            status.show(f"writing {args.output}…")
        write_output(result.model_dump_json(indent=2) + "\n", args.output)
    for w in result.warnings:
        say(f"warning: {w.code}: {w.message}")
    if args.output is not None:
        quotes, positions = len(result.quotes), len(result.positions)
        say(f"wrote {args.output} ({quotes} quotes, {positions} positions)")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    schema = draft_json_schema(args.kind) if args.draft else final_json_schema()
    write_output(render_schema(schema), None)
    return EXIT_OK


def cmd_dates_resolve(args: argparse.Namespace) -> int:
    from .article import parse_published
    from .dates import resolve, resolve_records

    if args.jsonl is not None:
        lines = _read_lines(args.jsonl)
        for record in resolve_records(lines):
            print(scrub.safe_json(json.dumps(record, ensure_ascii=False)))
        return EXIT_OK
    if not args.text:
        raise InputError("give an expression to resolve, or --jsonl FILE")
    published = parse_published(args.published, what="--published")
    record = resolve(args.text, published, args.context).to_dict()
    print(scrub.safe_json(json.dumps(record, ensure_ascii=False)))
    return EXIT_OK


def _index_of(args: argparse.Namespace) -> ArticleIndex:
    stdin = read_stdin(sys.stdin, DEFAULT_MAX_CHARS) if args.path == "-" else None
    article = load_article(args.path, published=args.published, stdin=stdin)
    return index_article(article)


def cmd_dates_tag(args: argparse.Namespace) -> int:
    for mention in _index_of(args).dates:
        record = {"id": mention.id, **dataclasses.asdict(mention)}
        print(scrub.safe_json(json.dumps(record, ensure_ascii=False)))
    return EXIT_OK


def cmd_index(args: argparse.Namespace) -> int:
    index = _index_of(args)
    if args.explain:
        lines = explain_index(index)
        if args.output is None:
            lines = [scrub.for_terminal(line) for line in lines]
        write_output("".join(line + "\n" for line in lines), args.output)
        return EXIT_OK
    write_output(json.dumps(index.to_dict(), ensure_ascii=False, indent=2) + "\n", args.output)
    return EXIT_OK


def cmd_local_serve(args: argparse.Namespace) -> int:
    from .local import serve_forever

    serve_forever(args.port, echo=lambda line: print(line, file=sys.stderr, flush=True))
    return EXIT_OK


def cmd_local_info(args: argparse.Namespace) -> int:
    from .local import model_info

    write_output(json.dumps(model_info(), indent=2) + "\n", None)
    return EXIT_OK


def _read_lines(path: Path) -> Iterable[str | jsonl.Line]:
    """The lines of a JSONL file or stdin, split on ``\\n`` only, a FIFO refused."""
    if str(path) == "-":
        # One line's memory at most (``/dev/zero`` piped in included); a longer line is
        # reported in its place by ``resolve_records``.
        return jsonl.iter_lines(sys.stdin.buffer)
    problem = jsonl.regular_file_problem(path)
    if problem is not None:
        raise InputError(f"{path}: {problem}")
    try:
        raw = jsonl.read_capped(path, jsonl.MAX_DOCUMENT_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > jsonl.MAX_DOCUMENT_BYTES:
        raise InputError(f"{path}: over {jsonl.MAX_DOCUMENT_BYTES:,} bytes")
    return raw.decode("utf-8", errors="replace").split("\n")


COMMANDS: tuple[Callable[[Subcommands], None], ...] = (
    register,
    review_cli.register,
    story_cli.register,
    batch_cli.register,
    service_cli.register,
)
