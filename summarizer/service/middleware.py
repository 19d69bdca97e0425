"""Plain ASGI middleware: who may call (401/403/415), the body limit (413), the access log.

All sit outside FastAPI's routing so they hold for every path, including unknown ones, and
``Guard`` decides before any body is read: a caller without a valid token learns nothing from
how its body would have been judged (401 comes before 422). The access log records method,
path, status, duration and client address as one JSON object per request; it never sees
headers, so no token or key can reach it. The record's fields travel as ``extra={"fields": ...}``
and become the keys of the JSON log line (``logs.py``).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth import authenticate, browser_problem
from .config import ServiceConfig

access_log = logging.getLogger("summarizer.service.access")


class Guard:
    """Bearer token on ``/v1/`` when tokens are configured; else refuse what a browser page
    could send (see ``auth.browser_problem``). The owner key goes to ``scope["state"]``."""

    def __init__(self, app: ASGIApp, config: ServiceConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self.config.tokens:
            refused = browser_problem(scope["method"], headers)
            if refused is not None:
                status, detail = refused
                title = "Forbidden" if status == 403 else "Unsupported media type"
                await send_problem(scope, send, status, title, detail)
                return
        elif scope["path"].startswith("/v1/"):
            key: bytes = scope["app"].state.owner_key
            owner = authenticate(headers.get("authorization"), self.config.tokens, key)
            if owner is None:
                await send_problem(
                    scope,
                    send,
                    401,
                    "Unauthorized",
                    "a valid bearer token is required",
                    [(b"www-authenticate", b"Bearer")],
                )
                return
            scope.setdefault("state", {})["owner"] = owner
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuse bodies over ``max_bytes`` with 413, by Content-Length or by counting chunks."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, send)
            return
        if declared is not None:
            # The server reads no more than Content-Length bytes, so the check above suffices.
            await self.app(scope, receive, send)
            return
        # Chunked: read it all here (up to the limit) and replay it, since the framework would
        # turn an error raised mid-read into a 400.
        chunks: list[bytes] = []
        seen = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # client went away
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        detail = f"the body must be at most {self.max_bytes} bytes"
        close = [(b"connection", b"close")]
        await send_problem(scope, send, 413, "Request body too large", detail, close)


async def send_problem(
    scope: Scope,
    send: Send,
    status: int,
    title: str,
    detail: str,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """A problem+json answer sent from middleware, before the app has seen the request."""
    body = json.dumps(
        {
            "type": "about:blank",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": scope.get("path", ""),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class AccessLog:
    """One log record per request: what was asked, the answer's status, how long it took."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def tracked_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, tracked_send)
        finally:
            record: dict[str, Any] = {
                "event": "access",
                "method": scope.get("method"),
                "path": scope.get("path"),  # never the query string or any header
                "status": status,
                "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                "client": (scope.get("client") or ("", 0))[0],
            }
            # The fields go out as JSON keys of the line (``logs.LineFormatter``); the message
            # is the same, readable.
            access_log.info(
                "%s %s %s %.1f ms",
                record["method"],
                record["path"],
                status,
                record["duration_ms"],
                extra={"fields": record},
            )
