"""Bounds on one model call: a total deadline, and a cap on the size of the answer.

The HTTP client's timeouts are per operation: a read waits at most ``read`` seconds for the
*next* bytes, so a server that sends its headers and then one byte every 2 s is never cut off
by a 3 s timeout; and nothing limits how much an answer may hold (200 MB of spaces before a
valid JSON body were read whole). Both bounds are added here to every Chat Completions request
of a client, as httpx event hooks (``hooks``, installed by ``llm.make_client``), so they hold
whatever the transport is (the batch engine's paced one included) and proxies from the
environment still apply.

*The deadline* is ``seconds`` from the request's first network operation (the connect, or the
request line on a reused connection) to the answer's last byte. Time spent before that (in the
batch engine's rate limiter, or waiting for a free connection, bounded by the pool timeout) is
not the server's. A watchdog thread shuts the connection's socket down when the deadline passes,
which ends a blocked read at once; the read loop checks the deadline between chunks as well.
Either way the request fails as ``httpx2.ReadTimeout``, a timeout like any other for the SDK and
``retry.py`` (``TransportTimeoutError`` once attempts run out).

*The cap* is ``max_bytes`` of answer, of any status, decoded: the request asks for no
compression, and a gzip or deflate body sent anyway is inflated within the same cap. Past it
the answer is dropped, and the request fails as ``AnswerTooLargeError``, never retried: the cap
is derived from the output token cap (``llm.answer_cap``), so no honest answer comes near it.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx2

from .errors import AnswerTooLargeError

_KEY = "summarizer.bounds"  # the request extension holding the call's bounds
# httpcore's trace events that hand over a new connection's network stream.
_NEW_STREAM = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})

Hook = Callable[[Any], None]


def hooks(seconds: float | None, max_bytes: int, *, advice: str = "") -> dict[str, list[Hook]]:
    """httpx ``event_hooks`` bounding each Chat Completions request: ``seconds`` in all (None:
    no deadline) and ``max_bytes`` of answer. ``advice`` ends the too-large message."""

    def on_request(request: httpx2.Request) -> None:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return  # the Batch API's files and polls, llama.cpp's /tokenize: not model calls
        call = _Call(seconds, request.extensions.get("trace"))
        request.extensions[_KEY] = call
        request.extensions["trace"] = call.trace
        request.headers["accept-encoding"] = "identity"

    def on_response(response: httpx2.Response) -> None:
        call = response.request.extensions.get(_KEY)
        if not isinstance(call, _Call):
            return
        call.start()
        stream = response.extensions.get("network_stream")
        if stream is not None:
            call.stream = stream
        if call.expired():
            call.finish()
            raise httpx2.ReadTimeout("no answer within the timeout", request=response.request)
        encoding = response.headers.get("content-encoding", "").strip().lower()
        inflate = _inflater(encoding)
        if inflate is not None:
            del response.headers["content-encoding"]  # inflated here, within the cap
        response.stream = _BoundedStream(response, call, max_bytes, inflate, advice)

    return {"request": [on_request], "response": [on_response]}


def timed_out(request: httpx2.Request | None) -> bool:
    """Whether ``request`` failed because its deadline passed (its socket shut down by the
    watchdog: the client then sees a closed connection, not a timeout)."""
    call = request.extensions.get(_KEY) if request is not None else None
    return isinstance(call, _Call) and call.fired


class _Call:
    """One request's deadline and, once known, the network stream to cut when it passes."""

    def __init__(self, seconds: float | None, trace: Any) -> None:
        self.seconds = seconds
        self.deadline: float | None = None
        self.stream: Any = None
        self.fired = False
        self.finished = False
        self.lock = threading.Lock()
        self._trace = trace

    def trace(self, name: str, info: dict[str, Any]) -> None:
        self.start()
        if name in _NEW_STREAM and info.get("return_value") is not None:
            self.stream = info["return_value"]
        if self._trace is not None:
            self._trace(name, info)

    def start(self) -> None:
        if self.deadline is None and self.seconds is not None:
            self.deadline = time.monotonic() + self.seconds
            _WATCHDOG.watch(self)

    def expired(self) -> bool:
        return self.fired or (self.deadline is not None and time.monotonic() >= self.deadline)

    def finish(self) -> None:
        with self.lock:
            self.finished = True

    def cut(self) -> None:
        """The deadline passed: shut the socket down, so that a blocked read returns now."""
        with self.lock:
            if self.finished:
                return
            self.fired = True
            sock = self.stream.get_extra_info("socket") if self.stream is not None else None
            if isinstance(sock, socket.socket):
                with contextlib.suppress(OSError):  # the base method: an SSL socket's own
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # would drop its state


class _BoundedStream(httpx2.SyncByteStream):
    """The answer's bytes, within the deadline and the cap (inflated here if compressed)."""

    def __init__(
        self,
        response: httpx2.Response,
        call: _Call,
        max_bytes: int,
        inflate: Callable[[bytes, int], bytes] | None,
        advice: str,
    ) -> None:
        self._inner: Any = response.stream
        self._request = response.request
        self._status = response.status_code
        self._call = call
        self._max = max_bytes
        self._inflate = inflate
        self._advice = advice

    @property
    def elapsed(self) -> Any:  # read by ``httpx2.Response.elapsed``
        return getattr(self._inner, "elapsed", None)

    def __iter__(self) -> Iterator[bytes]:
        size = 0
        try:
            for raw in self._inner:
                chunk = self._inflate(raw, self._max - size) if self._inflate else raw
                size += len(chunk)
                if size > self._max:
                    raise AnswerTooLargeError(
                        f"the model server's answer (HTTP {self._status}) is over "
                        f"{self._max:,} bytes{self._advice}",
                        status_code=self._status,
                    )
                if self._call.expired():
                    raise self._timeout()
                yield chunk
        except httpx2.TransportError as exc:
            if self._call.fired and not isinstance(exc, httpx2.TimeoutException):
                raise self._timeout() from exc
            raise
        finally:
            self._call.finish()

    def close(self) -> None:
        self._call.finish()  # before the connection can go back to the pool
        self._inner.close()

    def _timeout(self) -> httpx2.ReadTimeout:
        return httpx2.ReadTimeout("answer not complete within the timeout", request=self._request)


def _inflater(encoding: str) -> Callable[[bytes, int], bytes] | None:
    """A bounded decoder for an answer compressed though the request asked for none."""
    if encoding in ("gzip", "x-gzip"):
        wbits = 16 + zlib.MAX_WBITS
    elif encoding == "deflate":
        wbits = zlib.MAX_WBITS
    else:
        return None  # identity, or a coding we do not inflate (the JSON check then fails)
    state = zlib.decompressobj(wbits)
    first = True

    def inflate(data: bytes, room: int) -> bytes:
        nonlocal state, first
        # One byte beyond the room is enough to know the cap is passed.
        most = max(room, 0) + 1
        try:
            out = state.decompress(data, most)
        except zlib.error as exc:
            if not (first and wbits == zlib.MAX_WBITS):
                raise httpx2.DecodingError(f"cannot inflate the {encoding} answer: {exc}") from None
            state = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, without a zlib header
            try:
                out = state.decompress(data, most)
            except zlib.error as raw:
                message = f"cannot inflate the {encoding} answer: {raw}"
                raise httpx2.DecodingError(message) from None
        first = False
        return out

    return inflate


class _Watchdog:
    """One thread for every deadline in the process: cuts each call whose deadline passed."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _Call]] = []
        self._order = itertools.count()
        self._pushes = 0
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, call: _Call) -> None:
        assert call.deadline is not None
        with self._cond:
            self._pushes += 1
            if self._pushes >= 1024:  # finished calls wait for their deadline: drop them now
                self._pushes = 0
                self._heap = [entry for entry in self._heap if not entry[2].finished]
                heapq.heapify(self._heap)
            heapq.heappush(self._heap, (call.deadline, next(self._order), call))
            if self._thread is None or not self._thread.is_alive():  # (none after a fork)
                self._thread = threading.Thread(
                    target=self._run, name="summarizer-deadlines", daemon=True
                )
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap:
                    self._cond.wait()
                deadline, _, call = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
            call.cut()


_WATCHDOG = _Watchdog()

# For bounded fetches other than model calls (``web.py``: a page and its redirects under one
# deadline): ``start()`` a ``Deadline``, pass its ``trace`` as each request's ``trace``
# extension, check ``expired()`` between chunks, ``finish()`` when done; ``fired`` says that a
# connection closed under a read was the deadline's doing. ``inflater`` is the bounded decoder.
Deadline = _Call
inflater = _inflater
