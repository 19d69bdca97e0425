"""The draft: the only thing the model fills in, and the JSON Schema sent as ``response_format``.

The draft never asks the model for character offsets or resolved dates; those are computed by
code afterwards. Every array has a ``maxItems`` bound and every free string a ``maxLength``
hint, because greedy decoding on small models otherwise loops until the token limit.

Two dialects are derived from the same models (``draft_json_schema``):

* ``openai``: OpenAI strict structured outputs. Every property required, optional = union with
  null, ``additionalProperties: false``, no defaults, and no string-length keywords (strict mode
  documents ``minItems``/``maxItems``, ``pattern``, ``format`` and numeric bounds, not lengths).
* ``grammar``: the same plus ``maxLength`` on strings, which llama.cpp's and vLLM's grammar
  engines enforce.

String lengths are hints for the grammar only: they are not validated, so a longer string from
a server that ignores them does not force a costly re-ask.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .settings import SchemaKind

ActorKind = Literal["person", "organisation", "state", "group", "other"]
StanceKind = Literal[
    "supports", "opposes", "demands", "rejects", "proposes", "conditional", "uncertain", "neutral"
]
Attribution = Literal["direct_quote", "paraphrase", "reported"]
EventStatus = Literal["past", "ongoing", "scheduled", "expected"]
QuoteKind = Literal["speech", "scare_quote"]

MAX_ACTORS = 15
MAX_POSITIONS = 6
MAX_EVIDENCE = 2
MAX_EVENTS = 8
MAX_KEY_POINTS = 5
MAX_QUOTES = 40
MAX_EVENT_ACTORS = 4


def _text(limit: int, description: str | None = None) -> Any:
    extra: dict[str, Any] = {"maxLength": limit}
    return Field(description=description, json_schema_extra=extra)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftSummary(_Strict):
    headline: str = _text(150, "One sentence.")
    abstract: str = _text(450, "Two or three sentences.")
    key_points: list[str] = Field(
        max_length=MAX_KEY_POINTS, json_schema_extra={"items": {"type": "string", "maxLength": 240}}
    )


class DraftActor(_Strict):
    id: str = _text(8, 'Short id such as "a1".')
    name: str = _text(80)
    kind: ActorKind
    role: str | None = _text(80, "Role or title in a few words, or null.")


class DraftPosition(_Strict):
    holder: str = _text(8, "Actor id.")
    topic: str = _text(80)
    stance: str = _text(200, "The stance in plain words.")
    stance_kind: StanceKind
    attribution: Attribution
    evidence: list[str] = Field(
        max_length=MAX_EVIDENCE,
        json_schema_extra={
            "items": {"type": "string", "maxLength": 300},
            "description": "Passages copied word for word from the article.",
        },
    )


class DraftEvent(_Strict):
    event: str = _text(160)
    actors: list[str] = Field(
        max_length=MAX_EVENT_ACTORS,
        json_schema_extra={
            "items": {"type": "string", "maxLength": 8},
            "description": "Actor ids.",
        },
    )
    date_expression: str | None = _text(60, "The time expression exactly as written, or null.")
    status: EventStatus
    excerpt: str = _text(300, "Fragment copied word for word from the article.")


class DraftQuote(_Strict):
    quotation: int = Field(description="The number N of a listed quotation [QN].")
    speaker: str | None = _text(8, "Actor id, or null when the article does not say.")
    kind: QuoteKind


class Draft(_Strict):
    """What the model returns. Field order is the order a reader (and a small model) works in."""

    summary: DraftSummary
    actors: list[DraftActor] = Field(max_length=MAX_ACTORS)
    quotes: list[DraftQuote] = Field(max_length=MAX_QUOTES)
    positions: list[DraftPosition] = Field(max_length=MAX_POSITIONS)
    timeline: list[DraftEvent] = Field(max_length=MAX_EVENTS)


_DROPPED_EVERYWHERE = ("title", "default")
_STRING_LENGTHS = ("maxLength", "minLength")


def draft_json_schema(kind: SchemaKind = "openai") -> dict[str, Any]:
    """The draft's JSON Schema in the dialect the server accepts."""
    schema = copy.deepcopy(Draft.model_json_schema())
    schema.pop("description", None)  # the class docstring is for readers of this code
    _make_strict(schema, keep_lengths=(kind == "grammar"))
    return schema


def response_format(kind: SchemaKind) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": "article_draft", "strict": True, "schema": draft_json_schema(kind)},
    }


def _make_strict(node: Any, *, keep_lengths: bool) -> None:
    if isinstance(node, list):
        for item in node:
            _make_strict(item, keep_lengths=keep_lengths)
        return
    if not isinstance(node, dict):
        return
    for key in _DROPPED_EVERYWHERE:
        node.pop(key, None)
    if not keep_lengths:
        for key in _STRING_LENGTHS:
            node.pop(key, None)
    if "anyOf" in node and "maxLength" in node:
        # A length beside a union binds nothing in a grammar: move it onto the string branch.
        limit = node.pop("maxLength")
        for branch in node["anyOf"]:
            if branch.get("type") == "string":
                branch["maxLength"] = limit
    if "$ref" in node:
        # Strict mode wants a bare reference: no sibling keywords.
        for key in [k for k in node if k != "$ref"]:
            node.pop(key)
    if node.get("type") == "object" and "properties" in node:
        node["additionalProperties"] = False
        node["required"] = list(node["properties"])
    for key, value in list(node.items()):
        if key == "properties" and isinstance(value, dict):
            for prop in value.values():
                _make_strict(prop, keep_lengths=keep_lengths)
        else:
            _make_strict(value, keep_lengths=keep_lengths)
