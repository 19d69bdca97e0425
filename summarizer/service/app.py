"""The FastAPI app: routes, auth, limits and the lifespan that owns the model endpoint and jobs.

``create_app(config, settings)`` is all a server or a test needs. At startup the lifespan opens
the model endpoint once (the bundled local server when no key or base URL is set; a server of
unknown make is asked which model it serves, then or, if it is down, at the first request),
opens the job store and resumes the jobs a previous process left unfinished; at shutdown it
stops them so that the next start resumes them. The API docs (``/docs``, ``/redoc``) are
served with their scripts, styles and icon from the service itself (``fastapi-offline``): they
work without internet access and tell no CDN who reads them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
from collections.abc import AsyncIterator
from typing import Any, cast
from urllib.parse import urlsplit

import anyio
import anyio.to_thread
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import jsonl
from ..article import article_from_mapping
from ..endpoint import needs_model, open_endpoint, served_model
from ..errors import SummarizerError, TransportError
from ..llm import make_client
from ..pipeline import summarize_article
from ..profile import profile_for
from ..schema import ArticleSummary
from ..settings import Settings
from ..version import package_version
from . import problems
from .auth import JSONL_TYPES, legacy_owner_of, load_owner_key, owner_of
from .config import ServiceConfig
from .deps import ERRORS, BoundedJSONRoute, Owner, own_job
from .jobs import (
    JobRunner,
    JobStore,
    iter_result_lines,
    job_dir,
    new_job_id,
    private_dir,
    remove_inputs,
    write_inputs,
)
from .middleware import AccessLog, BodyLimit, Guard
from .models import BatchArticle, GenerationOptions, Health, JobView, SummaryRequest
from .problems import Problem
from .timelines import timeline_routes

log = logging.getLogger("summarizer.service")

# Seconds a client refused for too many unfinished jobs is told to wait (``Retry-After``): a
# job of a few articles takes about this long on a hosted model, and polling sooner only adds
# load; a client may poll its jobs instead.
JOB_RETRY_AFTER = 30


def create_app(config: ServiceConfig, settings: Settings) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with contextlib.ExitStack() as stack:
            private_dir(config.data_dir)
            private_dir(config.jobs_dir)
            key = load_owner_key(config.data_dir)
            app.state.owner_key = key
            live = _with_model(stack.enter_context(open_endpoint(settings, ask_model=False)))
            client = make_client(live)
            stack.callback(client.close)
            store = JobStore(config.db_path)
            stack.callback(store.close)
            for token in config.tokens:  # jobs of versions that hashed tokens without a key
                store.move_owner(legacy_owner_of(token), owner_of(token, key))
            # A server that decodes fewer requests at once (the bundled one: one) would only
            # queue the rest and eat into each request's timeout (as in the batch command).
            profile = profile_for(live)
            runner = JobRunner(
                store, config.jobs_dir, live, profile.concurrency(config.job_concurrency)
            )
            stack.callback(runner.stop)
            app.state.live, app.state.client = live, client
            app.state.store, app.state.runner = store, runner
            limit = profile.concurrency(config.max_live_summaries)
            app.state.limiter = anyio.CapacityLimiter(limit)
            app.state.model_lock = anyio.Lock()
            runner.resume_all()
            yield

    app = FastAPIOffline(
        title="summarizer",
        version=package_version(),
        summary="Structured, verified summaries of news articles.",
        lifespan=lifespan,
        # Swagger UI would fetch a validity badge from validator.swagger.io: no other host.
        swagger_ui_parameters={"validatorUrl": None},
    )
    app.state.config = config
    app.add_exception_handler(Problem, problems.on_problem)
    app.add_exception_handler(StarletteHTTPException, problems.on_http_error)
    app.add_exception_handler(RequestValidationError, problems.on_validation_error)
    app.add_exception_handler(Exception, problems.on_unexpected)
    app.include_router(_routes())
    app.include_router(timeline_routes())
    # Outermost last: the access log sees every answer; the guard decides before any body
    # is read (and before the body limit counts a chunked one).
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    app.add_middleware(Guard, config=config)
    app.add_middleware(AccessLog)
    return app


def _routes() -> APIRouter:
    router = APIRouter(route_class=BoundedJSONRoute)

    @router.get("/healthz", response_model=Health, tags=["health"])
    async def healthz() -> Health:
        """Liveness: the process answers."""
        return Health(status="ok")

    @router.get(
        "/readyz",
        response_model=Health,
        tags=["health"],
        responses={503: {"description": "the model endpoint cannot be reached"}},
    )
    async def readyz(request: Request) -> Health:
        """Readiness: the model endpoint accepts connections."""
        if not await _reachable(request.app.state.live, timeout=2.0):
            raise Problem(503, "Model endpoint unreachable")
        return Health(status="ready")

    @router.post(
        "/v1/summaries",
        response_model=ArticleSummary,
        tags=["summaries"],
        responses={
            **ERRORS,
            502: {"description": "the model failed after its retries"},
            504: {"description": "the model timed out"},
        },
    )
    async def create_summary(body: SummaryRequest, request: Request, owner: Owner) -> Any:
        """Summarise one article into a validated ``ArticleSummary``."""
        state = request.app.state
        try:
            live = await _live_with_model(state)
        except SummarizerError as exc:
            raise problems.from_library_error(exc) from None
        settings = _with_options(live, body.options)
        same_timeout = profile_for(settings).timeout == profile_for(live).timeout
        client = state.client if same_timeout else None
        try:
            article = article_from_mapping(
                body.article_fields(), name="body", max_chars=settings.max_chars
            )
            return await anyio.to_thread.run_sync(
                lambda: summarize_article(article, settings, client=client),
                limiter=state.limiter,
            )
        except SummarizerError as exc:
            raise problems.from_library_error(exc) from None

    @router.post(
        "/v1/batches",
        status_code=202,
        response_model=JobView,
        tags=["batches"],
        responses={
            **ERRORS,
            429: {
                "description": "too many active jobs for this token",
                "headers": {
                    "Retry-After": {
                        "description": "seconds to wait before trying again",
                        "schema": {"type": "integer"},
                    }
                },
            },
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "array",
                            "items": BatchArticle.model_json_schema(),
                        }
                    },
                    "application/x-ndjson": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def create_batch(request: Request, owner: Owner) -> JobView:
        """Start a batch job from a JSON list or a JSONL upload of articles."""
        config: ServiceConfig = request.app.state.config
        lines = _batch_lines(await request.body(), request.headers.get("content-type", ""))
        if not lines:
            raise Problem(422, "Empty batch", "the batch holds no articles")
        if len(lines) > config.max_batch_articles:
            raise Problem(
                422,
                "Batch too large",
                f"{len(lines)} articles; at most {config.max_batch_articles} per batch",
            )
        store: JobStore = request.app.state.store
        too_many = Problem(
            429,
            "Too many active jobs",
            f"at most {config.max_jobs_per_token} unfinished jobs per token",
            headers={"Retry-After": str(JOB_RETRY_AFTER)},
        )
        if store.active_count(owner) >= config.max_jobs_per_token:
            raise too_many  # early, before any file is written
        job_id = new_job_id()
        folder = job_dir(config.jobs_dir, job_id)
        # Inputs on disk first: a job row always has its input file, even after a crash. The
        # limit is checked again with the insert, in one transaction: requests racing past the
        # early check (it awaits the write) cannot all be accepted.
        await anyio.to_thread.run_sync(write_inputs, folder, lines)
        job = store.create(job_id, owner, len(lines), limit=config.max_jobs_per_token)
        if job is None:
            await anyio.to_thread.run_sync(remove_inputs, folder)
            raise too_many
        request.app.state.runner.start(job.id)
        return JobView(**job.to_dict())

    @router.get(
        "/v1/batches/{job_id}",
        response_model=JobView,
        tags=["batches"],
        responses={**ERRORS, 404: {"description": "no such job for this token"}},
    )
    async def get_batch(job_id: str, request: Request, owner: Owner) -> JobView:
        """Status and progress counts of a job."""
        return JobView(**own_job(request, job_id, owner).to_dict())

    @router.get(
        "/v1/batches/{job_id}/results",
        tags=["batches"],
        response_class=StreamingResponse,
        responses={
            200: {"content": {"application/x-ndjson": {}}, "description": "JSONL records"},
            **ERRORS,
            404: {"description": "no such job for this token"},
        },
    )
    async def batch_results(job_id: str, request: Request, owner: Owner) -> StreamingResponse:
        """The records written so far, one JSON object per line (the whole set once finished)."""
        job = own_job(request, job_id, owner)
        path = job_dir(request.app.state.config.jobs_dir, job.id) / "results.jsonl"
        return StreamingResponse(iter_result_lines(path), media_type="application/x-ndjson")

    @router.delete(
        "/v1/batches/{job_id}",
        response_model=JobView,
        tags=["batches"],
        responses={**ERRORS, 404: {"description": "no such job for this token"}},
    )
    async def cancel_batch(job_id: str, request: Request, owner: Owner) -> JobView:
        """Cancel a job: no new article starts; records already written stay readable."""
        job = own_job(request, job_id, owner)
        request.app.state.runner.cancel(job.id)
        return JobView(**own_job(request, job_id, owner).to_dict())

    return router


def _with_model(live: Settings) -> Settings:
    """The model asked for, settled at startup when the server answers; a server that is down
    does not stop the service from starting (``/readyz`` says so), and is asked again later."""
    try:
        return served_model(live)
    except TransportError as exc:
        log.warning("cannot ask which model to use yet: %s", exc.one_line())
        return live


async def _live_with_model(state: Any) -> Settings:
    """The live settings, with the model the server serves once it has said which (asked at
    most once at a time; jobs ask for themselves when they open the endpoint)."""
    if not needs_model(state.live):
        return cast(Settings, state.live)
    async with state.model_lock:
        if needs_model(state.live):
            live = await anyio.to_thread.run_sync(served_model, state.live)
            state.live = state.runner.settings = live
    return cast(Settings, state.live)


def _with_options(live: Settings, options: GenerationOptions) -> Settings:
    changes: dict[str, Any] = {}
    if options.reasks is not None:
        changes["reasks"] = min(options.reasks, live.reasks)
    if options.token_budget is not None:
        changes["token_budget"] = min(options.token_budget, live.token_budget)
    if options.max_output_tokens is not None:
        changes["max_output_tokens"] = min(options.max_output_tokens, live.max_output_tokens)
    if options.timeout is not None:
        changes["timeout"] = min(options.timeout, profile_for(live).timeout)
    return dataclasses.replace(live, **changes) if changes else live


def _batch_lines(body: bytes, content_type: str) -> list[bytes]:
    """The batch as JSONL lines; a line that is not an article becomes an error record later."""
    media = content_type.split(";")[0].strip().lower()
    if media in JSONL_TYPES:  # split on \n only; each line is judged (and recorded) on its own
        return [line.strip() for line in body.split(b"\n") if line.strip()]
    if media not in ("application/json", ""):
        raise Problem(415, "Unsupported media type", "send application/json or JSONL")
    try:
        data = jsonl.loads(body)
    except json.JSONDecodeError as exc:
        detail = f"the body is not valid JSON: {jsonl.describe(exc)}"
        raise Problem(422, "Invalid request", detail) from None
    if not isinstance(data, list):
        raise Problem(422, "Invalid request", "a JSON batch is a list of article objects")
    # ASCII: a lone surrogate in a string must not break the encoding of the job's input file.
    return [json.dumps(item, ensure_ascii=True).encode("ascii") for item in data]


async def _reachable(settings: Settings, *, timeout: float) -> bool:
    parts = urlsplit(profile_for(settings).url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True
