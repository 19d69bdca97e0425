"""The exported schema files match the models, and the draft obeys each server's dialect."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer.draft import Draft, draft_json_schema
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


@pytest.mark.parametrize(
    ("kind", "allowed"), [("openai", OPENAI_KEYWORDS), ("grammar", GRAMMAR_KEYWORDS)]
)
def test_draft_schema_is_strict(kind: str, allowed: set[str]) -> None:
    schema = draft_json_schema(kind)  # type: ignore[arg-type]
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


def test_grammar_dialect_bounds_every_free_string() -> None:
    for path, node in walk(draft_json_schema("grammar")):
        if node.get("type") == "string" and "enum" not in node:
            assert isinstance(node.get("maxLength"), int), f"{path}: unbounded string"


def test_openai_dialect_has_no_string_lengths() -> None:
    assert "maxLength" not in json.dumps(draft_json_schema("openai"))


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
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Warning codes", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", section)) == codes
    assert typing.get_args(SchemaVersion) == (SCHEMA_VERSION,)
