"""``POST /v1/timelines``: the story timelines of a finished batch job, one per actor.

Computed on request from the job's results file (the truth of a job, see ``jobs.py``) by the
library's ``build_timelines``, so the service answers exactly what ``summarizer timeline`` writes
for the same file. The job is found like every job route finds it (``deps.own_job``: another
token's job is a 404), and only once it has stopped changing: a queued or running job is a 409,
since a timeline of half a batch would silently differ from the one asked for a minute later.
"""

from __future__ import annotations

import functools
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request

from ..errors import InputError, SummarizerError
from ..story.build import build_timelines
from ..story.model import StoryTimelines
from . import problems
from .deps import ERRORS, BoundedJSONRoute, Owner, own_job
from .jobs import ACTIVE, job_dir
from .models import TimelineRequest
from .problems import Problem


def timeline_routes() -> APIRouter:
    router = APIRouter(route_class=BoundedJSONRoute)

    @router.post(
        "/v1/timelines",
        response_model=StoryTimelines,
        tags=["timelines"],
        responses={
            **ERRORS,
            404: {"description": "no such job for this token"},
            409: {"description": "the job has not finished, or holds no summaries"},
        },
    )
    async def create_timelines(body: TimelineRequest, request: Request, owner: Owner) -> Any:
        """One dated timeline per actor across the summaries of a finished batch job."""
        job = own_job(request, body.job, owner)
        if job.status in ACTIVE:
            detail = f"the job is {job.status}: ask again once it has finished"
            raise Problem(409, "Job not finished", detail)
        if job.ok == 0:
            raise Problem(409, "No summaries", "the job holds no summaries to build timelines from")
        path = job_dir(request.app.state.config.jobs_dir, job.id) / "results.jsonl"
        build = functools.partial(
            build_timelines, path, body.actors or None, min_articles=body.min_articles
        )
        try:  # a whole batch's work: off the event loop
            return await anyio.to_thread.run_sync(build)
        except InputError as exc:
            raise Problem(422, "Invalid request", exc.one_line()) from None
        except SummarizerError as exc:
            raise problems.from_library_error(exc) from None

    return router
