"""The validated ``ArticleSummary`` a user gets, and the JSON Schema files exported from it.

Everything here is checked against the article before it is built: every ``Span`` slices
``article.text`` to exactly its ``text``, every actor reference resolves, every date value comes
from the deterministic resolver. ``SCHEMA_VERSION`` changes whenever this shape does.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from .dates import Granularity, UnresolvedReason
from .draft import (
    Attribution,
    EventStatus,
    QuoteKind,
    StanceKind,
    draft_json_schema,
)
from .index.units import ActorKind
from .settings import SchemaKind

SchemaVersion = Literal["1.3"]  # declared once: the constant below is read from it
SCHEMA_VERSION: Final[SchemaVersion] = get_args(SchemaVersion)[0]

# What a span is: a quotation or a sentence of the article index cited by id (schema 1.1);
# "exact", "normalised" and "ellipsis" are kept for results of schema 1.0, which located text
# the model had copied.
MatchKind = Literal["quotation", "sentence", "exact", "normalised", "ellipsis"]
# Who decided a quotation's speaker: the rule that read the text, the model, or both alike.
DecidedBy = Literal["rule", "model", "both"]
WarningCode = Literal[
    "unattributed_quote",
    "unresolved_date",  # an event's date expression without a value (no publication date)
    "quotations_truncated",
    "foreign_script",
    "duplicate_position",
    "duplicate_key_point",
    "duplicate_event",
    "unsupported_claim",  # model text naming a name, number or date the article does not hold
    "headline_copies_title",  # a headline that only restates the title; left out
    "unsupported_key_point",  # a key point no sentence of the article shares its words with
    "text_cut",  # model text that hit its length bound: not shown (a view: the holder's words)
    "unheld_view",  # a view unit whose quotation ends up with no speaker; no position
    "topic_from_title",  # no topic of the model's fits: views under the title (or its first)
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the article: ``article.text[start:end] == text``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    match: MatchKind = "exact"


class ArticleInfo(_Model):
    id: str
    title: str | None
    published: dt.date | None
    source: str | None
    language: str | None
    text: str


class KeyPoint(_Model):
    text: str
    evidence: list[Span] = Field(
        description="The sentences of the article the point rests on (most shared words)"
    )


class Summary(_Model):
    headline: str | None = Field(
        description="null when the model's headline only restated the title or failed a check"
    )
    abstract: str
    key_points: list[KeyPoint]


class Actor(_Model):
    id: str
    name: str
    kind: ActorKind
    role: str | None
    aliases: list[str] = Field(
        default_factory=list,
        description='Other names the article uses for it ("Mr. Trump", "Moscow" for Russia)',
    )


class Topic(_Model):
    """An issue of the article: a short proposal or question a stance is for or against."""

    id: str
    label: str


ViewSource = Literal["holder", "model"]


class Position(_Model):
    holder: str
    topic_id: str
    topic: str
    stance: str = Field(description="The view: the holder's own words, or the model's")
    stance_kind: StanceKind = Field(description="Relative to the topic")
    view_from: ViewSource = "holder"
    attribution: Attribution
    evidence: list[Span]


class DateValue(_Model):
    """A date expression as written, where it is, and what it resolves to (or why not)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: str | None
    granularity: Granularity | None
    reason: UnresolvedReason | None
    anchor: str | None = Field(
        default=None,
        description='What a relative value was counted from: "published" or a date mention id',
    )


class TimelineEvent(_Model):
    event: str
    actors: list[str]
    status: EventStatus
    date: DateValue | None
    excerpt: Span | None


class Quote(_Model):
    number: int = Field(ge=1)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str | None
    kind: QuoteKind
    decided_by: DecidedBy | None = Field(
        default=None, description="Who named the speaker: the text's rule, the model, or both"
    )
    rule_speaker: str | None = Field(default=None, description="The rule's speaker, if any")
    model_speaker: str | None = Field(default=None, description="The model's speaker, if any")


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class AttemptRecord(_Model):
    """One model call: why it ended, what it cost, and what was wrong with it, if anything."""

    attempt: int
    finish_reason: str | None
    usage: Usage
    errors: list[str]


class PromptInfo(_Model):
    name: str
    version: str


class Provenance(_Model):
    model: str
    server: str
    prompt: PromptInfo
    schema_version: str
    schema_kind: SchemaKind
    created_at: dt.datetime
    generation: dict[str, Any]
    attempts: int
    usage: Usage
    attempt_log: list[AttemptRecord]


class SummaryWarning(_Model):
    code: WarningCode
    message: str
    path: str = Field(description="JSON path into the model's draft answer, where it arose")


class ArticleSummary(_Model):
    schema_version: SchemaVersion = SCHEMA_VERSION
    article: ArticleInfo
    summary: Summary
    actors: list[Actor]
    topics: list[Topic]
    positions: list[Position]
    timeline: list[TimelineEvent]
    quotes: list[Quote]
    provenance: Provenance
    warnings: list[SummaryWarning]


def final_json_schema() -> dict[str, Any]:
    schema = ArticleSummary.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"summarizer/article-summary/{SCHEMA_VERSION}"
    return schema


def exported_schemas() -> dict[str, dict[str, Any]]:
    """Every schema file kept in ``schemas/``, by file name."""
    return {
        "article_summary.schema.json": final_json_schema(),
        "draft.openai.schema.json": draft_json_schema("openai"),
        "draft.grammar.schema.json": draft_json_schema("grammar"),
    }


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def export_schemas(directory: Path) -> list[Path]:
    """Write the schema files; ``tests/test_schema.py`` fails when they drift from the models."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in exported_schemas().items():
        path = directory / name
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    return written
