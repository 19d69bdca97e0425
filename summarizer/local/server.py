"""Run the bundled model behind an in-process OpenAI-compatible HTTP server.

xllamacpp embeds llama.cpp's own server in this process, so the server can never
outlive the command: its threads die with the process, and ``stop()`` (or the atexit
hook) shuts it down cleanly before that. xllamacpp reports every start-up failure as
the same generic ``RuntimeError``, so the likely causes (missing or non-GGUF file,
port taken, too little memory) are checked first (``_support``) to give one actionable
line.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import threading
import time
import weakref
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from summarizer import extras
from summarizer.errors import LocalServerError
from summarizer.local import _support
from summarizer.local.model import MODEL_ID
from summarizer.profile import BUNDLED_CONTEXT_TOKENS, BUNDLED_SLOTS

DEBUG_ENV = "SUMMARIZER_LOCAL_DEBUG"
# Rough floor for what loading needs beyond the weights: KV cache per context token
# (Qwen2.5-1.5B: 28 layers x K,V x 256 x f16) plus compute buffers. Measured: 2.0 GB RSS.
_KV_BYTES_PER_TOKEN = 28 * 2 * 256 * 2
_OVERHEAD_BYTES = 256 << 20

_live: weakref.WeakSet[LocalServer] = weakref.WeakSet()


class LocalServer:
    """An in-process llama.cpp server for one GGUF model, usable as a context manager.

    ``start()`` blocks while the model loads (xllamacpp holds the GIL for it, 1-4 s here),
    then waits until the task loop answers and returns the OpenAI base URL. ``stop()`` is
    idempotent.
    """

    model_id = MODEL_ID
    stop_confirm_timeout = 10.0  # how long stop() waits for a loop that never answered

    def __init__(
        self,
        model_path: Path | str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        n_ctx: int = BUNDLED_CONTEXT_TOKENS,
        threads: int | None = None,
        ready_timeout: float = 120.0,
        verbose: bool | None = None,
    ) -> None:
        self.model_path = Path(model_path)
        self.host = host
        self.port = port  # the bound port while running
        self._requested_port = port
        self.n_ctx = n_ctx
        self.threads = threads or _support.default_threads()
        self.ready_timeout = ready_timeout
        self.verbose = verbose
        self.base_url: str | None = None
        self.startup_seconds: float | None = None
        self._server: Any = None
        self._loop_running = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        state = self.base_url or "stopped"
        return f"LocalServer({str(self.model_path)!r}, {state})"

    def _params(self, xlc: Any) -> Any:
        params = xlc.CommonParams()
        params.model.path = str(self.model_path)
        params.model_alias = {self.model_id}
        params.hostnames = [self.host]
        params.port = self.port
        params.n_ctx = self.n_ctx
        params.n_parallel = BUNDLED_SLOTS
        params.use_jinja = True
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        # Identical output across runs needs the prompt cache off by default too;
        # fit_params would load the model a second time to size the context (~0.6 s).
        params.cache_prompt = False
        params.cache_ram_mib = 0
        params.fit_params = False
        params.endpoint_slots = True  # readiness probe: GET /slots needs the task loop
        verbose = self.verbose
        if verbose is None:
            verbose = os.environ.get(DEBUG_ENV, "") not in ("", "0")
        params.verbosity = 3 if verbose else 0
        return params

    def _memory_problem(self) -> str | None:
        avail = _support.available_memory()
        need = self.model_path.stat().st_size + self.n_ctx * _KV_BYTES_PER_TOKEN + _OVERHEAD_BYTES
        if avail is not None and avail < need:
            return (
                f"not enough memory for the local model: needs about {need / 1e9:.1f} GB, "
                f"{avail / 1e9:.1f} GB available; close other programs or lower n_ctx"
            )
        return None

    def _port_problem(self) -> str | None:
        if self.port and _support.port_in_use(self.host, self.port):
            return (
                f"port {self.port} on {self.host} is already in use: pick another port, "
                "or use port 0 for a free one"
            )
        return None

    def _load_failure(self) -> str:
        """Best guess at why xllamacpp's generic 'Failed to init server' happened."""
        return (
            self._port_problem()
            or self._memory_problem()
            or f"llama.cpp could not load {self.model_path} (corrupt, truncated or unsupported "
            f"GGUF?): delete it so it is rebuilt; set {DEBUG_ENV}=1 to see llama.cpp's log"
        )

    def start(self) -> str:
        """Load the model, wait until its task loop answers; return the base URL."""
        with self._lock:
            if self.base_url is not None:
                return self.base_url
            xlc = _support.runtime()
            _support.check_model_file(self.model_path)
            try:
                params = self._params(xlc)
            except (AttributeError, TypeError) as exc:  # CommonParams fields move between builds
                pin = extras.pinned_requirement("xllamacpp")
                raise LocalServerError(
                    f"unsupported xllamacpp version ({exc}): run pip install '{pin}'"
                ) from exc
            problem = self._port_problem() or self._memory_problem()
            if problem:
                raise LocalServerError(problem)
            saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
            began = time.monotonic()
            try:  # a Ctrl-C that lands right after the load must not leak the server
                try:
                    # No local reference: stop() must be able to drop the last one.
                    with _support.signals_deferred():
                        self._server = xlc.Server(params)
                except RuntimeError as exc:
                    raise LocalServerError(self._load_failure()) from exc
                finally:
                    _support.restore_signals(saved)
                _live.add(self)
                address = str(self._server.listening_address).rstrip("/")
                self.port = urlsplit(address).port or self.port
                self._wait_ready(address, began)
            except BaseException:
                self._shutdown()
                raise
            self.startup_seconds = time.monotonic() - began
            self.base_url = f"{address}/v1"
            return self.base_url

    def _wait_ready(self, address: str, began: float) -> None:
        """Wait (until ``began + ready_timeout``) for the task loop to answer."""
        last = _support.await_loop(address, began + self.ready_timeout)
        if last is not None:
            raise LocalServerError(
                f"local model server at {address} was not ready within "
                f"{self.ready_timeout:g}s (last: {last}); the machine may be "
                "overloaded: retry, or raise ready_timeout"
            )
        self._loop_running = True

    def _shutdown(self) -> None:
        # Dropping the last reference runs ~Server: stop the task loop, join its thread.
        # A stop sent before that loop has started is lost and the join then hangs for
        # ever (an xllamacpp race), so an unconfirmed loop is awaited first, and a server
        # whose loop never answers is leaked rather than joined: process exit ends it.
        server, self._server = self._server, None
        if server is not None and not self._loop_running:
            address = str(server.listening_address).rstrip("/")
            deadline = time.monotonic() + self.stop_confirm_timeout
            if _support.await_loop(address, deadline) is not None:
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(server))
        del server
        self._loop_running = False
        self.base_url = None
        self.port = self._requested_port
        _live.discard(self)

    def stop(self) -> None:
        """Shut the server down and free the model (about 0.1 s); safe to call twice."""
        with self._lock:
            self._shutdown()

    def __enter__(self) -> str:
        """``with LocalServer(path) as base_url:`` — the URL is all a client needs."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@atexit.register
def _stop_all() -> None:
    """Stop servers still running at exit so llama.cpp's threads end before teardown."""
    for server in list(_live):
        with contextlib.suppress(Exception):
            server.stop()
