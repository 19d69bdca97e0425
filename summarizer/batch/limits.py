"""Pacing shared by every worker of a batch: request/token rate limits and a 429 backoff gate.

Both sit in an HTTP transport wrapped around the client's own (``PacedTransport``), so every
request, first tries and retries alike, goes through them without the core knowing. When one
worker is told to slow down (429), the gate closes for everyone until the server's
``Retry-After`` has passed: the batch slows as a whole instead of each worker hammering the
server on its own schedule. The worker that got the 429 still retries through ``retry.py``.

Limits reserve a time slot per request and sleep until it (no polling loop), with the sleep
going through ``retry.sleep`` so test mode records it instead of waiting.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx2

from .. import retry

WINDOW = 60.0  # rate limits are per minute
# Without Retry-After, the gate closes for 1, 2, 4 ... seconds on consecutive 429s.
MAX_GATE_BACKOFF = 30.0
# Roughly four characters per token for English prose: a conservative pre-count for --tpm.
CHARS_PER_TOKEN = 4


Clock = Callable[[], float]
Sleep = Callable[[float], None]


class RateLimiter:
    """Requests and tokens per minute, over a sliding window; thread-safe and fair (FIFO)."""

    def __init__(
        self,
        rpm: int | None = None,
        tpm: int | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = retry.sleep,
    ) -> None:
        self.rpm = rpm
        self.tpm = tpm
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: deque[tuple[float, int]] = deque()  # (start time, tokens), non-decreasing
        self._tokens = 0

    def acquire(self, tokens: int = 0) -> float:
        """Wait for room for one request of ``tokens``; returns the seconds waited."""
        if self.rpm is None and self.tpm is None:
            return 0.0
        with self._lock:
            now = self._clock()
            slot = max(now, self._slots[-1][0] if self._slots else now)
            self._expire(slot)
            if self.rpm is not None and len(self._slots) >= self.rpm:
                slot = max(slot, self._slots[-self.rpm][0] + WINDOW)
            if self.tpm is not None:
                slot = max(slot, self._token_slot(min(tokens, self.tpm)))
            self._slots.append((slot, tokens))
            self._tokens += tokens
        wait = slot - now
        if wait > 0:
            self._sleep(wait)
        return max(wait, 0.0)

    def _expire(self, at: float) -> None:
        while self._slots and self._slots[0][0] <= at - WINDOW:
            self._tokens -= self._slots.popleft()[1]

    def _token_slot(self, tokens: int) -> float:
        """Earliest start at which the window's tokens plus these fit under ``tpm``."""
        assert self.tpm is not None
        excess = self._tokens + tokens - self.tpm
        if excess <= 0:
            return 0.0
        for start, used in self._slots:
            excess -= used
            if excess <= 0:
                return start + WINDOW
        return self._slots[-1][0] + WINDOW if self._slots else 0.0


class BackoffGate:
    """Closed after a 429 until the time the server asked for; every request waits at it."""

    def __init__(self, *, clock: Clock = time.monotonic, sleep: Sleep = retry.sleep) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._open_at = 0.0
        self._strikes = 0
        self.closings = 0

    def wait(self) -> float:
        with self._lock:
            wait = self._open_at - self._clock()
        if wait > 0:
            self._sleep(wait)
        return max(wait, 0.0)

    def too_many_requests(self, retry_after: float | None) -> None:
        """Close the gate: for Retry-After if given, else for a doubling backoff."""
        with self._lock:
            self._strikes += 1
            if retry_after is None:
                retry_after = min(2.0 ** (self._strikes - 1), MAX_GATE_BACKOFF)
            pause = min(retry_after, retry.MAX_RETRY_AFTER)
            self._open_at = max(self._open_at, self._clock() + pause)
            self.closings += 1

    def succeeded(self) -> None:
        with self._lock:
            self._strikes = 0


@dataclass
class Counters:
    """What the transport saw, for the progress display (updated from worker threads)."""

    requests: int = 0
    retried: int = 0  # responses or failures that ``retry.py`` will retry
    throttled: int = 0  # 429s
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, *, requests: int = 0, retried: int = 0, throttled: int = 0) -> None:
        with self._lock:
            self.requests += requests
            self.retried += retried
            self.throttled += throttled


class PacedTransport(httpx2.BaseTransport):
    """The client's transport, with the shared gate and limits in front of every request."""

    def __init__(
        self,
        inner: httpx2.BaseTransport,
        *,
        gate: BackoffGate,
        limiter: RateLimiter,
        counters: Counters,
        max_output_tokens: int = 0,
    ) -> None:
        self._inner = inner
        self._gate = gate
        self._limiter = limiter
        self._counters = counters
        self._max_output_tokens = max_output_tokens

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self._gate.wait()
        # Providers count a request's prompt plus its output cap against the token limit.
        tokens = len(request.content) // CHARS_PER_TOKEN + self._max_output_tokens
        self._limiter.acquire(tokens)
        self._counters.add(requests=1)
        try:
            response = self._inner.handle_request(request)
        except (httpx2.TimeoutException, httpx2.NetworkError):
            self._counters.add(retried=1)
            raise
        status = response.status_code
        if status == 429:
            self._counters.add(retried=1, throttled=1)
            self._gate.too_many_requests(_retry_after(response))
        elif status in retry.RETRY_STATUSES or status >= 500:
            self._counters.add(retried=1)
        elif status < 400:
            self._gate.succeeded()
        return response

    def close(self) -> None:
        self._inner.close()


def _retry_after(response: httpx2.Response) -> float | None:
    return retry.retry_after_headers(response.headers)
