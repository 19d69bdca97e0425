"""RFC 7807 problem documents: every error the service answers is one of these.

The library's errors map to statuses here and nowhere else: bad input 422, a model that failed
after its retries 502, a model that timed out 504. Messages and ``error`` bodies are the
library's ``one_line`` and ``to_dict``, redacted of keys and credentials (``scrub.py``).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, ModelError, SummarizerError, TransportTimeoutError

PROBLEM_TYPE = "application/problem+json"


class Problem(Exception):
    """Raise to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


def problem_response(
    status: int,
    title: str,
    detail: str = "",
    *,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def from_library_error(exc: SummarizerError) -> Problem:
    if isinstance(exc, InputError):
        return Problem(422, "Invalid article", exc.one_line())
    if isinstance(exc, TransportTimeoutError):
        return Problem(504, "Model timed out", exc.one_line(), error=exc.to_dict())
    if isinstance(exc, ModelError):
        return Problem(502, "Model failed", exc.one_line(), error=exc.to_dict())
    return Problem(500, "Service misconfigured", type(exc).__name__)


async def on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(
        exc.status,
        exc.title,
        exc.detail,
        instance=request.url.path,
        headers=exc.headers,
        **exc.extra,
    )


async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
    detail = exc.detail if isinstance(exc.detail, str) else ""
    return problem_response(
        exc.status_code,
        title,
        detail,
        instance=request.url.path,
        headers=dict(exc.headers or {}),
    )


async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
    return problem_response(
        422,
        "Invalid request",
        "the request body does not match the schema",
        instance=request.url.path,
        errors=errors,
    )


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the server log; the client only learns that it was our fault.
    return problem_response(500, "Internal error", instance=request.url.path)
