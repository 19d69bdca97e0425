"""Request and response bodies of the API, as pydantic models (they make the OpenAPI document)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class GenerationOptions(BaseModel):
    """Per-request knobs; each may only tighten what the service allows."""

    model_config = ConfigDict(extra="forbid")

    reasks: int | None = Field(default=None, ge=0, le=5, description="re-asks after invalid output")
    token_budget: int | None = Field(default=None, ge=1, description="token cap across attempts")
    max_output_tokens: int | None = Field(
        default=None, ge=1, description="output token cap per request"
    )
    # At least a second: no model answers faster, and a client asking for 1e-300 s would only
    # buy itself a 504 for a timeout that is its own doing.
    timeout: float | None = Field(
        default=None,
        ge=1.0,
        description="seconds per model request, at least 1 (and at most the service's own)",
    )


class SummaryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., description="the article text")
    title: str | None = None
    published: dt.date | None = Field(default=None, description="publication date, YYYY-MM-DD")
    source: str | None = Field(default=None, description="source name or URL")
    options: GenerationOptions = Field(default_factory=lambda: GenerationOptions())

    def article_fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.title is not None:
            data["title"] = self.title
        if self.published is not None:
            data["published"] = self.published  # parsed once, by pydantic
        if self.source is not None:
            data["source"] = self.source
        return data


class BatchArticle(BaseModel):
    """One line of a batch (JSON list element or JSONL line); invalid ones become error records."""

    id: str | None = Field(default=None, description="record id (default: a hash of the text)")
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None


ActorName = Annotated[str, Field(min_length=1, max_length=300)]


class TimelineRequest(BaseModel):
    """``POST /v1/timelines``: which finished job, and whose timelines."""

    model_config = ConfigDict(extra="forbid")

    job: str = Field(..., min_length=1, max_length=100, description="id of a finished batch job")
    actors: list[ActorName] | None = Field(
        default=None,
        max_length=100,
        description="the actors to follow, by any of their names (default: every actor named "
        "in min_articles articles)",
    )
    min_articles: int = Field(
        default=2, ge=1, description="without actors: actors named in at least this many articles"
    )


JobStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]


class JobView(BaseModel):
    id: str
    status: JobStatus
    total: int = Field(..., description="articles in the batch")
    done: int = Field(..., description="records written, plus duplicate ids skipped")
    ok: int
    failed: int
    duplicates: int
    error: str | None = None
    created: dt.datetime = Field(..., description="when the job was accepted (ISO 8601, UTC)")
    updated: dt.datetime = Field(..., description="its last change (ISO 8601, UTC)")


class Health(BaseModel):
    status: str
