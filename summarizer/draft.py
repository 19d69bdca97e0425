"""The draft: what the model fills in, and the JSON Schema sent as ``response_format``.

The model labels the numbered units of the article index instead of writing spans: evidence
is a list of quotation or sentence ids (``Q3``, ``S12``), a timeline event is a date mention
id (``D4``) or a sentence id, a speaker or holder is an actor id (``A2``). Spans, offsets and
date values are then looked up, never searched for or guessed (``assemble.py``).

The schema is built for each article (``DraftSpec``): an id field is an ``enum`` of that
article's ids for grammar servers (llama.cpp, vLLM), so a cited unit cannot be invented, and
a ``pattern`` for OpenAI strict mode, where ``reference_errors`` catches an unknown id and the
answer is re-asked. Every array has a bound sized for the model (``DraftBounds``), and every
free string a ``maxLength`` in the grammar dialect: small models loop to the token limit
without them. OpenAI strict mode documents no string-length keywords, so they are dropped
there.

Positions are grouped under their holder, so a small model does not restate one stance for
every actor; two stances of one holder on one topic are merged when assembled.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
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

SCARE_QUOTE = "scare_quote"
# Quotations shown to the model at most; more are reported as ``quotations_truncated``.
MAX_QUOTES = 40


@dataclass(frozen=True)
class DraftBounds:
    """How much the schema allows: a 1.5B model needs tight bounds (it fills what it is given
    and copies sentences into long strings), a frontier model on a long article would be cut
    short by them."""

    key_points: int
    undated: int
    text: int  # longest stance or event phrase, in characters
    evidence: int  # units cited for one stance
    # Whether the model labels events: a 1.5B model misplaces half its event phrases, so for
    # it the timeline is read off the date mentions' own clauses (``events.py``).
    model_events: bool = True


SMALL = DraftBounds(key_points=5, undated=0, text=48, evidence=2, model_events=False)
LARGE = DraftBounds(key_points=8, undated=10, text=200, evidence=4)


def _text(limit: int, description: str | None = None) -> Any:
    return Field(description=description, json_schema_extra={"maxLength": limit})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftSummary(_Strict):
    headline: str = _text(100, "One short sentence.")
    abstract: str = _text(260, "Two or three short sentences.")
    key_points: list[str] = Field(json_schema_extra={"items": {"type": "string", "maxLength": 100}})


class DraftStance(_Strict):
    """Evidence first: a small model that has just named the units writes about them."""

    evidence: list[str] = Field(description="Ids of the speaker's own quotations or sentences.")
    view: str = _text(200, "What the speaker thinks or wants, in plain words.")
    kind: StanceKind
    topic: str = _text(30, "Two to four words.")


class DraftEvent(_Strict):
    event: str = _text(200, "Who did what, in a few words.")
    status: EventStatus


class DraftUndated(_Strict):
    unit: str = Field(description="Id of the sentence (S) that reports the event.")
    event: str = _text(200, "Who did what, in a few words.")
    status: EventStatus


class Draft(_Strict):
    """What the model returns: labels on the article's units, in the order a reader works.

    ``quotes`` has one key per quotation, ``stances`` one per speaking actor (``"A1 Donald
    Trump"``: the name beside the id keeps a small model on that actor), ``events`` one per
    date mention: a small model answers for each in turn instead of enumerating from the top
    of the article, and cannot cite a unit twice or one that does not exist.
    """

    summary: DraftSummary
    quotes: dict[str, str | None] = Field(
        description='Per quotation id: the speaker\'s actor id, "scare_quote", or null.'
    )
    stances: dict[str, DraftStance | None] = Field(
        description="Per speaking actor: the main stance it takes, or null."
    )
    events: dict[str, DraftEvent | None] = Field(
        description="Per date mention: the event it dates, or null."
    )
    undated: list[DraftUndated]


@dataclass(frozen=True)
class DraftSpec:
    """The units one article offers the model, and the bounds of its answer."""

    actors: tuple[str, ...]
    quotations: tuple[str, ...]
    # Per speaking actor: its key ("A1 Donald Trump") and its own units of speech (Q/S ids).
    speakers: tuple[tuple[str, tuple[str, ...]], ...]
    sentences: tuple[str, ...]
    dates: tuple[str, ...]  # date mentions with a calendar value
    bounds: DraftBounds = LARGE
    # Per quotation (in ``quotations`` order): the actors a grammar server lets the model name
    # as its speaker. Empty: any actor.
    speaker_choices: tuple[tuple[str, ...], ...] = ()

    def json_schema(self, kind: SchemaKind) -> dict[str, Any]:
        """The draft's JSON Schema for this article, in the dialect the server accepts."""
        schema = copy.deepcopy(_base_schema("openai" if kind == "openai" else "grammar"))
        defs, props = schema["$defs"], schema["properties"]
        b = self.bounds
        enum = kind != "openai"
        defs["DraftSummary"]["properties"]["key_points"]["maxItems"] = b.key_points
        if enum:
            for name in ("DraftStance", "DraftEvent", "DraftUndated"):
                for field in ("view", "event"):
                    if field in defs[name]["properties"]:
                        defs[name]["properties"][field]["maxLength"] = b.text
        speaker = _id_schema((*self.actors, SCARE_QUOTE), "A", enum=enum, extra=SCARE_QUOTE)
        props["quotes"] = _keyed(self.quotations, speaker, values=self._speakers(speaker, enum))
        props["stances"] = _keyed(
            [key for key, _ in self.speakers],
            {"$ref": "#/$defs/DraftStance"},
            values=[self._stance(units, kind) for _, units in self.speakers],
        )
        props["events"] = _keyed(self.dates, {"$ref": "#/$defs/DraftEvent"})
        defs["DraftUndated"]["properties"]["unit"] = _id_schema(self.sentences, "S", enum=enum)
        props["undated"]["maxItems"] = b.undated if self.sentences else 0
        evidence = defs["DraftStance"]["properties"]["evidence"]
        evidence.update(minItems=1, maxItems=b.evidence)
        evidence["items"] = _id_schema((), "QS", enum=False)
        return schema

    def _speakers(self, every: dict[str, Any], enum: bool) -> list[dict[str, Any]] | None:
        """Each quotation's own speaker enum, where its choices are known (grammar servers).

        A small model told to pick among the ten actors of an article often names one from
        another paragraph; the speaker of a quotation is nearly always named close to it."""
        if not enum or not self.speaker_choices:
            return None
        return [
            {"type": "string", "enum": [*choices, SCARE_QUOTE]} if choices else every
            for choices in self.speaker_choices
        ]

    def _stance(self, units: Sequence[str], kind: SchemaKind) -> dict[str, Any]:
        """A stance whose evidence can only be this speaker's own units (grammar servers)."""
        if kind == "openai" or not units:
            return {"$ref": "#/$defs/DraftStance"}
        stance: dict[str, Any] = copy.deepcopy(_base_schema("grammar")["$defs"]["DraftStance"])
        stance["properties"]["view"]["maxLength"] = self.bounds.text
        stance["properties"]["evidence"].update(
            minItems=1,
            maxItems=min(self.bounds.evidence, len(units)),
            items={"type": "string", "enum": list(units)},
        )
        return stance

    def request_fields(self, kind: SchemaKind) -> dict[str, Any]:
        """The body fields that carry the schema: ``response_format`` for OpenAI-compatible
        servers; for llama.cpp's llguidance, a ``grammar`` that writes compact JSON (the
        same schema costs a third fewer tokens without the pretty-printing)."""
        return schema_fields(self.json_schema(kind), kind, "article_draft")

    def reference_errors(self, draft: Draft) -> list[str]:
        """Ids that point nowhere: the draft is unusable, so it is re-asked.

        A unit the answer leaves out is not an error (a quotation's speaker then stays the
        rule's): only an id this article does not have is.
        """
        errors: list[str] = []
        actors = set(self.actors)
        for field, keys in (
            ("quotes", self.quotations),
            ("stances", [key for key, _ in self.speakers]),
            ("events", self.dates),
        ):
            known = set(keys)
            errors.extend(
                f"{field}: {key!r} is not one of this article's ids"
                for key in getattr(draft, field)
                if key not in known
            )
        for key, speaker in draft.quotes.items():
            if speaker is not None and speaker != SCARE_QUOTE and speaker not in actors:
                errors.append(f"quotes.{key}: {speaker!r} is not an actor id")
        units = set(self.quotations) | set(self.sentences)
        for key, stance in draft.stances.items():
            # Another speaker's unit is a real unit: assembly leaves it out with a warning.
            errors.extend(
                f"stances.{key}.evidence: {e!r} is not a quotation or sentence id"
                for e in (stance.evidence if stance is not None else ())
                if e not in units
            )
        sentences = set(self.sentences)
        errors.extend(
            f"undated[{i}].unit: {u.unit!r} is not a sentence id"
            for i, u in enumerate(draft.undated)
            if u.unit not in sentences
        )
        return errors

    def id_rules(self) -> str:
        """One line for the re-ask prompt: which ids exist."""
        return "; ".join(
            f"{what}: {_range(ids)}"
            for what, ids in (
                ("actors", self.actors),
                ("quotations", self.quotations),
                ("sentences", self.sentences),
                ("dates", self.dates),
            )
        )


def schema_fields(schema: dict[str, Any], kind: SchemaKind, name: str) -> dict[str, Any]:
    """The body fields that send ``schema`` (changed in place for llguidance) as ``kind``."""
    if kind == "llguidance":
        schema["x-guidance"] = {
            "whitespace_flexible": False,
            "key_separator": ":",
            "item_separator": ",",
        }
        return {"grammar": "%llguidance {}\nstart: %json " + json.dumps(schema)}
    return {
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": name, "strict": True, "schema": schema},
        }
    }


def summary_fields(bounds: DraftBounds, kind: SchemaKind) -> dict[str, Any]:
    """The schema of a summary alone (``DraftSummary``): the final call on a long article,
    which writes one summary from its windows' summaries."""
    schema = copy.deepcopy(_base_schema("openai" if kind == "openai" else "grammar"))
    summary: dict[str, Any] = schema["$defs"]["DraftSummary"]
    summary["properties"]["key_points"]["maxItems"] = bounds.key_points
    return schema_fields(summary, kind, "article_summary")


def _range(ids: Sequence[str]) -> str:
    if not ids:
        return "none"
    return ids[0] if len(ids) == 1 else f"{ids[0]} to {ids[-1]}"


def _id_schema(
    ids: Sequence[str], prefix: str, *, enum: bool, extra: str | None = None
) -> dict[str, Any]:
    if enum and ids:
        return {"type": "string", "enum": list(ids)}
    head = prefix if len(prefix) == 1 else f"[{prefix}]"
    pattern = f"{head}[0-9]{{1,4}}" + (f"|{extra}" if extra else "")
    return {"type": "string", "pattern": f"^({pattern})$"}


def _keyed(
    keys: Sequence[str], value: dict[str, Any], values: Sequence[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """An object with one required, nullable key per unit: none skipped, none repeated.

    The keys share their value schema (it is only serialised, never changed afterwards):
    copying it per key cost more than the rest of the schema on a long article."""
    each = values if values is not None else [value] * len(keys)
    null = {"type": "null"}
    return {
        "type": "object",
        "properties": {k: {"anyOf": [v, null]} for k, v in zip(keys, each, strict=True)},
        "required": list(keys),
        "additionalProperties": False,
    }


def generic_spec() -> DraftSpec:
    """The shape without an article (``summarizer schema --draft``)."""
    return DraftSpec((), (), (), (), (), LARGE)


def draft_json_schema(kind: SchemaKind = "openai") -> dict[str, Any]:
    """The draft's schema for no particular article: keys and ids described by pattern."""
    schema = generic_spec().json_schema(kind)
    props = schema["properties"]
    for field, prefix, value in (
        ("quotes", "Q", _id_schema((), "A", enum=False, extra=SCARE_QUOTE)),
        ("stances", "A", {"$ref": "#/$defs/DraftStance"}),
        ("events", "D", {"$ref": "#/$defs/DraftEvent"}),
    ):
        props[field] = {
            "type": "object",
            "description": f"One key per unit id of the article ({prefix} ids).",
            "additionalProperties": {"anyOf": [value, {"type": "null"}]},
        }
    props["undated"]["maxItems"] = LARGE.undated
    return schema


_DROPPED_EVERYWHERE = ("title", "default")
_STRING_LENGTHS = ("maxLength", "minLength")


@functools.cache
def _base_schema(kind: SchemaKind) -> dict[str, Any]:
    """Generated once per dialect (pydantic's schema generation costs milliseconds); callers
    deep-copy it before filling in an article's ids."""
    schema = Draft.model_json_schema()
    schema.pop("description", None)  # the class docstring is for readers of this code
    _make_strict(schema, keep_lengths=(kind == "grammar"))
    return schema


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
