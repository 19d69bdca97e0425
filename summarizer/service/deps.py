"""What every route of the API depends on: the bounded JSON body, the caller, the caller's job.

Shared by the routes of ``app.py`` and ``timelines.py``: each router is built with
``BoundedJSONRoute``, names the caller with ``Owner``, finds a job with ``own_job`` (another
token's job is a 404, like a missing one), and lists the common error answers (``ERRORS``) in
the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response, Security
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .. import jsonl
from .jobs import Job, JobStore
from .problems import Problem

ANONYMOUS = "anonymous"

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "missing or wrong bearer token"},
    403: {"description": "without tokens: a request from another host or origin"},
    413: {"description": "request body too large"},
    415: {"description": "without tokens: a POST that is not JSON"},
    422: {"description": "invalid input"},
}


class BoundedJSONRequest(Request):
    """A request whose JSON body is parsed by ``jsonl.loads``: deep nesting, huge numbers and
    NaN are a JSONDecodeError, which FastAPI answers with 422, never a RecursionError's 500."""

    async def json(self) -> Any:
        if not hasattr(self, "_bounded_json"):
            self._bounded_json = jsonl.loads(await self.body())
        return self._bounded_json


class BoundedJSONRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def bounded(request: Request) -> Response:
            return await handler(BoundedJSONRequest(request.scope, request.receive))

        return bounded


# Declared so the OpenAPI document (and the docs page's "Authorize") shows the scheme; the check
# itself is ``authenticate``, which compares every configured token in constant time.
_bearer = HTTPBearer(auto_error=False, description="a token from SUMMARIZER_API_TOKEN")


def require_token(
    request: Request, _: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]
) -> str:
    """The caller's owner key, as ``middleware.Guard`` found it before the body was read.

    With no token configured (allowed on loopback only, see ``cli.check_bind``) every caller is
    the same anonymous owner.
    """
    if not request.app.state.config.tokens:
        return ANONYMOUS
    owner: str | None = request.scope.get("state", {}).get("owner")
    if owner is None:  # a route outside /v1/ that needs a token: refuse all the same
        raise Problem(
            401,
            "Unauthorized",
            "a valid bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return owner


Owner = Annotated[str, Depends(require_token)]


def own_job(request: Request, job_id: str, owner: str) -> Job:
    # Another token's job answers exactly like a missing one: ids are not confirmed to others.
    store: JobStore = request.app.state.store
    job = store.get(job_id, owner)
    if job is None:
        raise Problem(404, "Not found", "no such batch job")
    return job
