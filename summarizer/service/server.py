"""The HTTP server around the app: uvicorn, with bounds on clients that never finish.

uvicorn closes an idle kept-alive connection (``timeout_keep_alive``) and refuses a head larger
than ``h11_max_incomplete_event_size``, but it waits forever for a head that is never finished:
200 connections that each sent half a header all stayed open. ``GuardedH11Protocol`` gives each
request a deadline to arrive: ``header_timeout`` seconds for its head, counted from the
connection (or from the end of the previous answer), then ``body_timeout`` seconds for its body.
A client that misses one is disconnected. ``limit_concurrency`` answers 503 to a request that
arrives while ``max_connections`` connections are open, rather than letting them pile up.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .config import ServiceConfig


def uvicorn_config(
    app: Any,
    config: ServiceConfig,
    *,
    host: str,
    port: int,
    log_level: str | int = "info",
    log_config: dict[str, Any] | None = None,
) -> uvicorn.Config:
    """The server's settings: the service's limits, and no access log of uvicorn's own (it
    prints query strings; ``middleware.AccessLog`` does not). ``log_config`` is a
    ``logging.config`` dictionary (``logs.uvicorn_log_config``); None leaves logging alone."""
    protocol = type(
        "GuardedH11Protocol",
        (GuardedH11Protocol,),
        {"header_timeout": config.header_timeout, "body_timeout": config.body_timeout},
    )
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        log_level=log_level,
        log_config=log_config,
        http=protocol,
        h11_max_incomplete_event_size=config.max_header_bytes,
        timeout_keep_alive=config.keep_alive_timeout,
        limit_concurrency=config.max_connections,
    )


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, with a deadline for each request to arrive whole."""

    header_timeout = 10.0
    body_timeout = 60.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._waiting_for: Any = None
        self._deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._follow()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow()  # the next request's head, if the connection stays open

    def connection_lost(self, exc: Exception | None) -> None:
        self._arm(None, None)
        super().connection_lost(exc)

    def _follow(self) -> None:
        """Arm the timer for what the client owes now: a head, a body, or nothing."""
        if self.transport.is_closing():
            self._arm(None, None)
            return
        state = self.conn.their_state
        if state is h11.IDLE:
            self._arm(h11.IDLE, self.header_timeout)
        elif state is h11.SEND_BODY:
            self._arm(h11.SEND_BODY, self.body_timeout)
        else:  # the request is in (the app answers it), or the connection is ending
            self._arm(None, None)

    def _arm(self, waiting_for: Any, seconds: float | None) -> None:
        if waiting_for is not None and waiting_for is self._waiting_for:
            return  # still owed since the timer started: the deadline stands
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._waiting_for = waiting_for
        if seconds is not None:
            self._deadline = self.loop.call_later(seconds, self._expired)

    def _expired(self) -> None:
        self._deadline = None
        self._waiting_for = None
        if not self.transport.is_closing():
            self.transport.close()
