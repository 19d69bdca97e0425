"""The ``serve`` command: resolve settings and limits, refuse unsafe binds, run uvicorn."""

from __future__ import annotations

import argparse
import contextlib
import logging
from pathlib import Path

from .. import extras, logs, scrub
from ..cli_shared import EXIT_OK, Subcommands, add_model_options, settings_from
from ..errors import ConfigError, SummarizerError
from ..settings import Settings
from .auth import TOKEN_ENV, is_loopback
from .config import ServiceConfig

log = logging.getLogger("summarizer.service")


def register(sub: Subcommands) -> None:
    p = sub.add_parser(
        "serve",
        help="run the HTTP API (summaries and batch jobs)",
        description="Serve summaries and batch jobs over an authenticated HTTP API. "
        f"Bearer tokens come from ${TOKEN_ENV} (comma-separated for several). "
        "Clients that hold a connection are bounded: a request's head must arrive within "
        "--header-timeout seconds of connecting (or of the previous answer) and its body within "
        "60 s more, an idle kept-alive connection is closed after 5 s, a head over 16 KiB is "
        "refused (400), and beyond --max-connections open connections a request gets 503.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (8000)")
    p.add_argument(
        "--data-dir",
        type=Path,
        help="jobs and the service's key (env SUMMARIZER_DATA_DIR; default "
        "$XDG_DATA_HOME/summarizer, else ~/.local/share/summarizer)",
    )
    p.add_argument("--max-body-bytes", type=int, help="largest request body accepted (10 MiB)")
    p.add_argument("--max-batch-articles", type=int, help="articles per batch job (1000)")
    p.add_argument("--max-jobs-per-token", type=int, help="unfinished jobs per token (2)")
    p.add_argument("--job-concurrency", type=int, help="model requests in flight per job (4)")
    p.add_argument(
        "--header-timeout",
        type=float,
        help="seconds a client has to send a request's head (10; then 60 for its body)",
    )
    p.add_argument(
        "--max-connections", type=int, help="open connections beyond which requests get 503 (256)"
    )
    add_model_options(p)
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    extras.require("serve", "summarizer serve")
    config = ServiceConfig.resolve(
        data_dir=args.data_dir,
        max_body_bytes=args.max_body_bytes,
        max_batch_articles=args.max_batch_articles,
        max_jobs_per_token=args.max_jobs_per_token,
        job_concurrency=args.job_concurrency,
        header_timeout=args.header_timeout,
        max_connections=args.max_connections,
    )
    check_bind(args.host, config)
    settings = settings_from(args)
    # A service logs its requests: INFO unless -v or --log-level said otherwise.
    level = logs.level_for(
        getattr(args, "verbose", None), getattr(args, "log_level", None), logging.INFO
    )
    serve(config, settings, host=args.host, port=args.port, level=level)
    return EXIT_OK


def check_bind(host: str, config: ServiceConfig) -> None:
    """Off loopback, a token is mandatory: an open summariser spends someone's model budget."""
    if not config.tokens and not is_loopback(host):
        raise ConfigError(
            f"refusing to serve on {host} without a token: set {TOKEN_ENV} (or bind to 127.0.0.1)"
        )


def serve(
    config: ServiceConfig,
    settings: Settings,
    *,
    host: str,
    port: int,
    level: int = logging.INFO,
    json_lines: bool | None = None,
) -> None:
    import uvicorn

    from .app import create_app
    from .server import uvicorn_config

    app = create_app(config, settings)
    log_config = logs.uvicorn_log_config(level, json_lines=json_lines)
    server = uvicorn.Server(
        uvicorn_config(app, config, host=host, port=port, log_level=level, log_config=log_config)
    )
    # After uvicorn.Config, which applies ``log_config``: anything else that set up a handler.
    scrub.install_log_redaction()
    if not config.tokens:
        log.warning("no %s: the API is open to anyone on this machine", TOKEN_ENV)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        raise SummarizerError(f"could not serve on {host}:{port} (see the log above)")
