"""``summarizer local serve``: keep the bundled model's server up until Ctrl-C or SIGTERM.

Lets other tools (or a second terminal) use the offline model as a plain
OpenAI-compatible endpoint; the server still lives inside this one process.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from summarizer.local.model import MODEL_ID, ensure_model
from summarizer.local.server import LocalServer
from summarizer.profile import BUNDLED_CONTEXT_TOKENS


def _say(message: str) -> None:
    print(message, flush=True)  # flush: the URL must show at once even through a pipe


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_forever(
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    model_path: Path | None = None,
    n_ctx: int = BUNDLED_CONTEXT_TOKENS,
    threads: int | None = None,
    echo: Callable[[str], object] = _say,
) -> None:
    """Serve until Ctrl-C or SIGTERM, after printing the base URL through ``echo``.

    SIGTERM is turned into KeyboardInterrupt (main thread only) so ``kill`` also stops
    the model cleanly instead of skipping the shutdown.
    """
    path = model_path or ensure_model()
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM)
    if main:
        signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        with LocalServer(path, host=host, port=port, n_ctx=n_ctx, threads=threads) as base_url:
            echo(f"serving {MODEL_ID} at {base_url} (any api key); press Ctrl-C to stop")
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
        echo("local model server stopped")
    finally:
        if main and previous is not None:
            signal.signal(signal.SIGTERM, previous)
