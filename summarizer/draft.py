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

Positions are labels too. The model first names the article's topics (``T1``…, short
proposals or questions a stance can be for or against), then, for each unit in which a named
actor speaks or states a view (``"Q3 Donald Trump"``, ``"S24 Russia"``), which topic it is
about and the stance kind relative to it. Assembly groups the units by holder and topic: one
position per (holder, topic), as many per holder as its own words support. The view is read
off the holder's own words (``views.py``); a model that is large enough may write it
(``DraftBounds.model_views``), and a view that hits its bound is refused, never shown cut.
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

# Relative to a topic: a stance kind says nothing without what it is for or against.
StanceKind = Literal["for", "against", "conditional", "undecided", "describes"]
Attribution = Literal["direct_quote", "paraphrase", "reported"]
EventStatus = Literal["past", "ongoing", "scheduled", "expected"]
QuoteKind = Literal["speech", "scare_quote"]

SCARE_QUOTE = "scare_quote"
# Topics the model may name for one article (T1…T8), and the fewest it must name.
MAX_TOPICS = 8
MIN_TOPICS = 3
GRAMMAR_TOPICS = 6  # a 1.5B model pads a longer list with the story's name
# Quotations shown to the model at most; more are reported as ``quotations_truncated``.
MAX_QUOTES = 40


@dataclass(frozen=True)
class DraftBounds:
    """How much the schema allows: a 1.5B model needs tight bounds (it fills what it is given
    and copies sentences into long strings), a frontier model on a long article would be cut
    short by them."""

    key_points: int
    undated: int
    text: int  # longest view or event phrase, in characters
    # Whether the model labels events: a 1.5B model misplaces half its event phrases, so for
    # it the timeline is read off the date mentions' own clauses (``events.py``).
    model_events: bool = True
    # Whether the model writes each stance's view. Under a bound a 1.5B model can finish, its
    # views were cut mid-word (15 of 29 at 48 characters); the holder's own words are better.
    model_views: bool = True
    # Whether the model labels each view unit with a topic and a stance kind. The 1.5B model
    # answered "for" on every unit and numbered topics in blocks; for it, ``stance_rules.py``.
    model_stances: bool = True
    # The fewest key points the answer holds. Left free, the 1.5B model wrote one long point
    # and stopped (the sample's was cut at its bound, and the summary had none).
    min_key_points: int = 0


SMALL = DraftBounds(
    key_points=5,
    undated=0,
    text=48,
    model_events=False,
    model_views=False,
    model_stances=False,
    min_key_points=3,
)
LARGE = DraftBounds(key_points=8, undated=10, text=200)
TOPIC_LENGTH = 48  # characters: "NATO membership for Ukraine", not a sentence


# A grammar admits a token only if it fits, so a string can be closed a word short of its bound
# ("… declare an emergency to defend the" at 96 of 100 characters). Within a token of the bound,
# a string that ends on a word no phrase ends on was cut; one ending on a noun may be whole.
_TOKEN_SLACK = 16
_DANGLING = frozenset(
    {
        "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "from", "under",
        "over",
        "into", "onto", "than", "that", "which", "who", "whom", "whose", "and", "or", "but", "nor",
        "as", "if", "his", "her", "its", "their", "our", "your", "my", "he", "she", "they", "we",
        "it", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
        "would", "could", "should", "can", "may", "might", "must", "not", "no", "this", "these",
        "those",
    }
)  # fmt: skip


def hit_bound(text: str, limit: int) -> bool:
    """Whether a string written under a ``limit``-character bound stops where the bound caught
    it: it fills the bound, or it comes within a token of it on a word that ends no phrase."""
    n = len(text.strip())
    if n >= limit - 1:
        return True
    words = text.split()
    return n >= limit - _TOKEN_SLACK and bool(words) and words[-1].lower() in _DANGLING


def _text(limit: int, description: str | None = None) -> Any:
    return Field(description=description, json_schema_extra={"maxLength": limit})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Longest summary strings, in characters, on grammar servers: a string that reaches its bound
# was cut there, and is not shown (``assemble.py``). At 100 characters for a headline or a key
# point, the 1.5B model's sentences ran into the bound (26 key points and 6 headlines of 32
# reports lost); at 150 it finishes them.
HEADLINE_LENGTH = 150
ABSTRACT_LENGTH = 260
KEY_POINT_LENGTH = 150


class DraftSummary(_Strict):
    headline: str = _text(HEADLINE_LENGTH, "One short sentence.")
    abstract: str = _text(ABSTRACT_LENGTH, "Two or three short sentences.")
    key_points: list[str] = Field(
        json_schema_extra={"items": {"type": "string", "maxLength": KEY_POINT_LENGTH}}
    )


class DraftStance(_Strict):
    """One unit's stance: which of the article's topics, and for or against it."""

    topic: str = Field(description="Id of one of the article's topics (T1, T2, ...).")
    kind: StanceKind
    view: str | None = Field(
        default=None,
        description="What the speaker thinks or wants on that topic, in plain words.",
        json_schema_extra={"maxLength": 200},
    )


class DraftEvent(_Strict):
    event: str = _text(200, "Who did what, in a few words.")
    status: EventStatus


class DraftUndated(_Strict):
    unit: str = Field(description="Id of the sentence (S) that reports the event.")
    event: str = _text(200, "Who did what, in a few words.")
    status: EventStatus


class Draft(_Strict):
    """What the model returns: labels on the article's units, in the order a reader works.

    ``quotes`` has one key per quotation, ``stances`` one per unit a named actor speaks in
    (``"Q3 Donald Trump"``: the holder beside the id keeps a small model on that actor),
    ``events`` one per
    date mention: a small model answers for each in turn instead of enumerating from the top
    of the article, and cannot cite a unit twice or one that does not exist.
    """

    summary: DraftSummary
    topics: list[str] = Field(
        description="The issues of the article: short proposals or questions (T1, T2, ...).",
        json_schema_extra={"items": {"type": "string", "maxLength": TOPIC_LENGTH}},
    )
    quotes: dict[str, str | None] = Field(
        description='Per quotation id: the speaker\'s actor id, "scare_quote", or null.'
    )
    stances: dict[str, DraftStance | None] = Field(
        default_factory=dict,
        description="Per unit in which a named actor speaks: its topic and stance, or null.",
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
    # The units a named actor speaks or states a view in, keyed "Q3 Donald Trump".
    views: tuple[str, ...]
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
        _count_key_points(defs["DraftSummary"], b)
        if enum:
            for name in ("DraftStance", "DraftEvent", "DraftUndated"):
                for field in ("view", "event"):
                    if field in defs[name]["properties"]:
                        _bound_string(defs[name]["properties"][field], b.text)
        stance = defs["DraftStance"]
        if not b.model_views:
            del stance["properties"]["view"]
            stance["required"].remove("view")
        topics = props["topics"]
        if enum:
            # A grammar cannot tie a topic id to the length of the list written before it:
            # the list has exactly as many topics as the ids allow, so none can dangle.
            topics["minItems"] = topics["maxItems"] = self.topic_count
        else:
            topics["maxItems"] = MAX_TOPICS if self.views else 0
            topics["minItems"] = min(MIN_TOPICS, len(self.views))
        count = self.topic_count if enum else MAX_TOPICS
        ids = [f"T{i}" for i in range(1, count + 1)]
        stance["properties"]["topic"] = _id_schema(ids, "T", enum=enum)
        speaker = _id_schema((*self.actors, SCARE_QUOTE), "A", enum=enum, extra=SCARE_QUOTE)
        props["quotes"] = _keyed(self.quotations, speaker, values=self._speakers(speaker, enum))
        labelled = self.views if b.model_stances else ()
        props["stances"] = _keyed(labelled, {"$ref": "#/$defs/DraftStance"})
        props["events"] = _keyed(self.dates, {"$ref": "#/$defs/DraftEvent"})
        defs["DraftUndated"]["properties"]["unit"] = _id_schema(self.sentences, "S", enum=enum)
        props["undated"]["maxItems"] = b.undated if self.sentences else 0
        return schema

    @property
    def topic_count(self) -> int:
        """How many topics a grammar server's answer names: two plus one for every four view
        units, at most ``GRAMMAR_TOPICS`` and never more than there are units."""
        return min(len(self.views), GRAMMAR_TOPICS, 2 + len(self.views) // 4)

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
            ("stances", self.views),
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
        named = len(draft.topics)
        for key, stance in draft.stances.items():
            if stance is not None and not _within(stance.topic, named):
                errors.append(
                    f"stances.{key}.topic: {stance.topic!r} is not one of this answer's "
                    f"{named} topics (T1 to T{named})"
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
    _count_key_points(summary, bounds)
    return schema_fields(summary, kind, "article_summary")


def _count_key_points(summary: dict[str, Any], bounds: DraftBounds) -> None:
    points = summary["properties"]["key_points"]
    points["maxItems"] = bounds.key_points
    if bounds.min_key_points:
        points["minItems"] = min(bounds.min_key_points, bounds.key_points)


def _within(topic: str, named: int) -> bool:
    """``T3`` names one of the answer's own ``named`` topics."""
    return topic[:1] == "T" and topic[1:].isdigit() and 1 <= int(topic[1:]) <= named


def _bound_string(node: dict[str, Any], limit: int) -> None:
    """A length bound on a string field, also where it is one branch of a nullable union."""
    for branch in node.get("anyOf", [node]):
        if branch.get("type") == "string":
            branch["maxLength"] = limit


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
    props["topics"].update(minItems=0, maxItems=MAX_TOPICS)
    for field, prefix, value in (
        ("quotes", "Q", _id_schema((), "A", enum=False, extra=SCARE_QUOTE)),
        ("stances", "Q or S", {"$ref": "#/$defs/DraftStance"}),
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
