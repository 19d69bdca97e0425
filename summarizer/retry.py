"""The one retry layer for transient failures (the SDK's own retries are turned off).

Retried: HTTP 408, 409, 429 and 5xx, timeouts and dropped connections, with exponential
backoff and jitter, honouring ``Retry-After`` when the server sends it, bounded by attempts and
by total time. Anything else (400, 401, 404, ...) fails at once: repeating it cannot help. So
does a connection refused by this machine (``127.0.0.1``, ``::1``, ``localhost``): nothing
listens on that port, and no server starts there within a backoff's seconds; a remote host
refusing may be restarting or behind a balancer, so it is retried. Every error names the URL.

Invalid *output* is not handled here: that is a validation re-ask (``extraction.py``), with
its own budget, so network trouble never silently multiplies the token bill.

Tests call ``set_testing(True)``: waits are recorded instead of slept.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import math
import time
from collections.abc import Callable, Mapping
from typing import TypeVar
from urllib.parse import urlsplit

import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from . import scrub
from .errors import AnswerTooLargeError, TransportError, TransportTimeoutError
from .profile import EndpointProfile, profile_for
from .settings import Settings

T = TypeVar("T")

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 409, 429})
# A server asking for a longer pause than this is capped to it: the stop rules still apply.
MAX_RETRY_AFTER = 120.0

_testing = False
slept: list[float] = []  # waits requested while testing, newest last


def set_testing(on: bool) -> None:
    """In test mode waits are recorded in ``slept`` and not slept."""
    global _testing
    _testing = on
    slept.clear()


def sleep(seconds: float) -> None:
    """Wait, or only record the wait in test mode; other pauses (batch rate limits) use it too."""
    if _testing:
        slept.append(seconds)
    else:
        time.sleep(seconds)


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRY_STATUSES or exc.status_code >= 500
    return False


def refused_here(
    exc: BaseException, settings: Settings, profile: EndpointProfile | None = None
) -> bool:
    """A connection refused by this machine: no server on that port, so no retry helps."""
    if not isinstance(exc, openai.APIConnectionError) or isinstance(exc, openai.APITimeoutError):
        return False
    url = (profile or profile_for(settings)).url
    if not is_loopback(urlsplit(url).hostname or ""):
        return False
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, ConnectionRefusedError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (``Retry-After``: seconds or an HTTP date)."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    return retry_after_headers(exc.response.headers)


def retry_after_headers(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` (or ``retry-after-ms``) read from response headers, in seconds."""
    raw = headers.get("retry-after-ms")
    if raw:
        try:
            return _seconds(float(raw) / 1000.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return _seconds(float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _seconds(value: float) -> float:
    """A wait the server asked for, as a number ``sleep`` takes: ``NaN`` is no answer."""
    if math.isnan(value):
        raise ValueError("not a number")
    return max(value, 0.0)


class _Wait:
    """Backoff with jitter, unless the server said how long to wait."""

    def __init__(self, initial: float = 1.0, maximum: float = 30.0) -> None:
        self._backoff = wait_exponential_jitter(initial=initial, max=maximum, jitter=initial)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc)
        if asked is not None:
            return min(asked, MAX_RETRY_AFTER)
        return float(self._backoff(state))


def call_with_retries(
    fn: Callable[[], T], settings: Settings, profile: EndpointProfile | None = None
) -> tuple[T, int]:
    """Run ``fn`` until it succeeds or the budget ends; returns the result and attempts made.
    ``profile``: the settings' own, when the caller has it (it names the server in errors).

    Raises ``TransportError`` (with the attempt count) when transient failures persist or a
    non-transient HTTP error occurs.
    """
    attempts = 0

    def counted() -> T:
        nonlocal attempts
        attempts += 1
        return fn()

    retrying = Retrying(
        retry=retry_if_exception(
            lambda exc: is_transient(exc) and not refused_here(exc, settings, profile)
        ),
        stop=stop_after_attempt(settings.max_attempts)
        | stop_after_delay(settings.max_retry_seconds),
        wait=_Wait(),
        sleep=sleep,
        before_sleep=lambda state: _log_retry(state, settings, profile),
        reraise=True,
    )
    where = (profile or profile_for(settings)).label
    try:
        return retrying(counted), attempts
    except AnswerTooLargeError as exc:  # raised while reading the answer: never retried
        raise exc.with_history(attempts=attempts, usage={}, last_output=None) from None
    except openai.APIStatusError as exc:
        raise TransportError(
            f"model server answered HTTP {exc.status_code} after {attempts} attempt(s): "
            f"{_short(exc, settings)}",
            status_code=exc.status_code,
            attempts=attempts,
        ) from exc
    except openai.APITimeoutError as exc:
        raise TransportTimeoutError(
            f"model server at {where} timed out after {attempts} attempt(s)",
            attempts=attempts,
        ) from exc
    except openai.APIConnectionError as exc:
        if refused_here(exc, settings, profile):
            raise TransportError(
                f"no model server at {where}: connection refused (start one, "
                "or point --base-url / OPENAI_BASE_URL at a running one)",
                attempts=attempts,
            ) from exc
        raise TransportError(
            f"cannot reach the model server at {where} after {attempts} "
            f"attempt(s): {_short(exc, settings)}",
            attempts=attempts,
        ) from exc


def _log_retry(state: RetryCallState, settings: Settings, profile: EndpointProfile | None) -> None:
    """One INFO line per retry (``-v`` shows them): what failed, and how long until the next."""
    exc = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.info(
        "model server %s: attempt %d of %d failed (%s); next in %.1f s",
        (profile or profile_for(settings)).label,
        state.attempt_number,
        settings.max_attempts,
        _short(exc, settings) if exc is not None else "?",
        wait,
    )


def _short(exc: BaseException, settings: Settings) -> str:
    """The server's own words, which may echo the key it was sent: redacted here, at the source."""
    text = " ".join(scrub.redact(str(exc), settings.secrets).split())
    return text if len(text) <= 200 else text[:197] + "..."
