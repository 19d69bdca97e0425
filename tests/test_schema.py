"""The exported schema files match the models, and the draft obeys each server's dialect."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from summarizer.draft import (
    HEADLINE_LENGTH,
    KEY_POINT_LENGTH,
    LARGE,
    SMALL,
    Draft,
    DraftSpec,
    draft_json_schema,
    summary_fields,
)
from summarizer.schema import ArticleSummary, exported_schemas, render_schema
from tests.conftest import ROOT

# Keywords OpenAI's strict structured outputs documents as supported (no string lengths).
OPENAI_KEYWORDS = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "anyOf",
    "$ref",
    "$defs",
    "description",
    "minItems",
    "maxItems",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
}
GRAMMAR_KEYWORDS = OPENAI_KEYWORDS | {"maxLength", "minLength"}


@pytest.mark.parametrize("name", sorted(exported_schemas()))
def test_exported_files_match_models(name: str) -> None:
    path = ROOT / "schemas" / name
    assert path.exists(), f"schemas/{name} missing: run `python -m summarizer.schema_export`"
    assert path.read_text(encoding="utf-8") == render_schema(exported_schemas()[name]), (
        f"schemas/{name} is out of date: run `python -m summarizer.schema_export`"
    )


def walk(node: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    found += walk(sub, f"{path}.{key}.{name}")
            elif key == "enum":
                continue
            else:
                found += walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += walk(item, f"{path}[{i}]")
    return found


# An article's units, as ``request.draft_spec`` would list them.
SPEC = DraftSpec(
    actors=("A1", "A2", "A3"),
    quotations=("Q1", "Q2"),
    views=("S1 Ana Ruiz", "Q1 Ana Ruiz", "Q2 transport union"),
    sentences=("S1", "S2", "S3", "S4"),
    dates=("D1", "D3"),
    bounds=LARGE,
)


@pytest.mark.parametrize(
    ("kind", "allowed"), [("openai", OPENAI_KEYWORDS), ("grammar", GRAMMAR_KEYWORDS)]
)
def test_draft_schema_is_strict(kind: str, allowed: set[str]) -> None:
    schema = SPEC.json_schema(kind)  # type: ignore[arg-type]
    for path, node in walk(schema):
        unknown = set(node) - allowed
        assert not unknown, f"{path}: keywords {unknown} not accepted by {kind} servers"
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, path
            assert sorted(node["required"]) == sorted(node["properties"]), path
        if node.get("type") == "array":
            assert isinstance(node.get("maxItems"), int), f"{path}: unbounded array"
        if "$ref" in node:
            assert set(node) == {"$ref"}, f"{path}: $ref with siblings"


def test_each_unit_is_one_required_key() -> None:
    props = SPEC.json_schema("grammar")["properties"]
    assert list(props["quotes"]["properties"]) == ["Q1", "Q2"]
    assert list(props["stances"]["properties"]) == [
        "S1 Ana Ruiz",
        "Q1 Ana Ruiz",
        "Q2 transport union",
    ]
    assert list(props["events"]["properties"]) == ["D1", "D3"]
    for field in ("quotes", "stances", "events"):
        assert props[field]["required"] == list(props[field]["properties"])


def test_grammar_dialect_enumerates_this_articles_ids() -> None:
    schema = SPEC.json_schema("grammar")
    speaker = schema["properties"]["quotes"]["properties"]["Q1"]["anyOf"][0]
    assert speaker == {"type": "string", "enum": ["A1", "A2", "A3", "scare_quote"]}
    unit = schema["$defs"]["DraftUndated"]["properties"]["unit"]
    assert unit == {"type": "string", "enum": ["S1", "S2", "S3", "S4"]}
    assert schema["properties"]["undated"]["maxItems"] == LARGE.undated
    # A stance cites one of the topics the answer names; a grammar names exactly as many.
    stance = schema["$defs"]["DraftStance"]["properties"]
    assert stance["topic"] == {"type": "string", "enum": ["T1", "T2"]}
    assert stance["kind"]["enum"] == ["for", "against", "conditional", "undecided", "describes"]
    topics = schema["properties"]["topics"]
    assert topics["minItems"] == topics["maxItems"] == SPEC.topic_count == 2


def test_a_small_model_labels_no_stances_and_writes_no_views() -> None:
    schema = replace(SPEC, bounds=SMALL).json_schema("grammar")
    assert schema["properties"]["stances"]["properties"] == {}
    assert "view" not in schema["$defs"]["DraftStance"]["properties"]
    assert schema["properties"]["topics"]["maxItems"] == 2  # the topics are still the model's


def test_a_small_model_writes_at_least_three_key_points_it_can_finish() -> None:
    small = replace(SPEC, bounds=SMALL).json_schema("grammar")["$defs"]["DraftSummary"]
    points = small["properties"]["key_points"]
    assert (points["minItems"], points["maxItems"]) == (3, SMALL.key_points)
    assert points["items"]["maxLength"] == KEY_POINT_LENGTH >= 150
    assert small["properties"]["headline"]["maxLength"] == HEADLINE_LENGTH >= 150
    # The long article's final call asks for the same.
    final = summary_fields(SMALL, "llguidance")["grammar"].split("%json ", 1)[1]
    assert json.loads(final)["properties"]["key_points"]["minItems"] == 3
    # A frontier model is not made to pad a short article's points.
    large = SPEC.json_schema("grammar")["$defs"]["DraftSummary"]["properties"]["key_points"]
    assert "minItems" not in large


def test_openai_dialect_names_topics_by_pattern_and_checks_them() -> None:
    schema = SPEC.json_schema("openai")
    assert schema["$defs"]["DraftStance"]["properties"]["topic"]["pattern"] == "^(T[0-9]{1,4})$"
    assert schema["properties"]["topics"]["maxItems"] == 8


def test_openai_dialect_uses_patterns_and_no_string_lengths() -> None:
    schema = SPEC.json_schema("openai")
    speaker = schema["properties"]["quotes"]["properties"]["Q1"]["anyOf"][0]
    assert speaker == {"type": "string", "pattern": "^(A[0-9]{1,4}|scare_quote)$"}
    assert "enum" not in json.dumps(schema["properties"]["quotes"])
    assert "maxLength" not in json.dumps(schema)


def test_llguidance_sends_a_compact_grammar_instead_of_response_format() -> None:
    fields = SPEC.request_fields("llguidance")
    assert set(fields) == {"grammar"}
    head, _, body = fields["grammar"].partition("\nstart: %json ")
    assert head == "%llguidance {}"
    schema = json.loads(body)
    assert schema["x-guidance"] == {
        "whitespace_flexible": False,
        "key_separator": ":",
        "item_separator": ",",
    }
    assert schema["properties"]["quotes"] == SPEC.json_schema("grammar")["properties"]["quotes"]
    assert set(SPEC.request_fields("grammar")) == {"response_format"}


def test_grammar_dialect_bounds_every_free_string() -> None:
    for path, node in walk(SPEC.json_schema("grammar")):
        if node.get("type") == "string" and "enum" not in node and "pattern" not in node:
            assert isinstance(node.get("maxLength"), int), f"{path}: unbounded string"


def test_small_models_get_shorter_strings_than_large_ones() -> None:
    small = replace(SPEC, bounds=SMALL).json_schema("grammar")["$defs"]["DraftEvent"]
    large = SPEC.json_schema("grammar")["$defs"]["DraftEvent"]
    assert small["properties"]["event"]["maxLength"] == SMALL.text
    assert SMALL.text < large["properties"]["event"]["maxLength"]


def test_the_generic_draft_schema_describes_keys_by_pattern() -> None:
    props = draft_json_schema("openai")["properties"]
    assert props["quotes"]["type"] == "object"
    assert "additionalProperties" in props["stances"]


def test_draft_never_asks_for_offsets_or_resolved_dates() -> None:
    text = json.dumps(Draft.model_json_schema())
    for forbidden in ('"start"', '"end"', '"value"', '"granularity"'):
        assert forbidden not in text


def test_final_schema_carries_offsets_and_provenance() -> None:
    props = ArticleSummary.model_json_schema()["properties"]
    assert {"provenance", "warnings", "quotes", "timeline", "positions", "actors"} <= set(props)


def test_every_warning_code_is_emitted_and_documented() -> None:
    import ast
    import re
    import typing

    from summarizer.schema import SCHEMA_VERSION, SchemaVersion, WarningCode

    codes = set(typing.get_args(WarningCode))
    emitted: set[str] = set()
    for path in (ROOT / "summarizer").rglob("*.py"):
        if path.name == "schema.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                emitted.add(node.value)
    assert codes - emitted == set()  # no code that nothing reports
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    section = usage.split("Warning codes", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", section)) == codes
    assert typing.get_args(SchemaVersion) == (SCHEMA_VERSION,)


def test_grammar_dialect_offers_each_quotation_its_own_speakers() -> None:
    spec = replace(SPEC, speaker_choices=(("A2",), ()))
    quotes = spec.json_schema("grammar")["properties"]["quotes"]["properties"]
    assert quotes["Q1"]["anyOf"][0] == {"type": "string", "enum": ["A2", "scare_quote"]}
    # No actor named near it: any actor of the article.
    assert quotes["Q2"]["anyOf"][0]["enum"] == ["A1", "A2", "A3", "scare_quote"]
    # OpenAI strict mode has no per-article enums: the pattern and the reference check stay.
    openai = spec.json_schema("openai")["properties"]["quotes"]["properties"]
    assert openai["Q1"]["anyOf"][0]["pattern"] == "^(A[0-9]{1,4}|scare_quote)$"


def test_a_quotations_speakers_are_the_actors_named_near_it() -> None:
    from summarizer.index import index_article
    from summarizer.index.quotations import find_quotations
    from summarizer.request import speaker_choices

    text = (
        "Prime Minister Ana Ruiz opened the session on Monday.\n\n"
        "The opposition leader, Carlos Vega, said the budget was late.\n\n"
        '"We will not wait," one protester shouted outside, next to Maria Lopez.\n\n'
        '"The plan is ready," said Health Minister Tomas Garcia. "It is funded."'
    )
    index = index_article(text)
    names = {a.id: a.name for a in index.actors}
    quotes = find_quotations(text)
    chosen = [{names[a] for a in c} for c in speaker_choices(index, quotes)]
    # Paragraph 3's quotation: its own paragraph and the one before, never paragraph 1.
    assert "Carlos Vega" in chosen[0] and "Ana Ruiz" not in chosen[0]
    # Paragraph 4: the rule's speaker and the names of paragraph 3, not those of 2.
    assert "Tomas Garcia" in chosen[1] and "Carlos Vega" not in chosen[1]
    assert chosen[1] == chosen[2]


def test_an_unattributed_quotation_does_not_offer_the_actors_it_names_itself() -> None:
    from summarizer.index import index_article
    from summarizer.request import speaker_choices

    text = (
        "The selectors met in Wellington on Friday under coach John Bracewell.\n\n"
        '"Craig McMillan\'s selection gives us someone who is battle hardened."\n\n'
        '"I am ready," said Craig McMillan after the announcement.'
    )
    index = index_article(text)
    names = {a.id: a.name for a in index.actors}
    assert "Q1" not in {c.target for c in index.speakers}
    chosen = [{names[a] for a in c} for c in speaker_choices(index, index.quotations)]
    # McMillan is named only inside the words: the coach named before them may have said them.
    assert "John Bracewell" in chosen[0] and "Craig McMillan" not in chosen[0]
    # A cued quotation keeps its speaker, named wherever.
    assert "Craig McMillan" in chosen[1]
