"""``summarizer validate``: is this JSON still a summary we would have produced?

Three layers, each reported as ``file[:line]: $.json.path: what is wrong``:

1. the schema version, first and alone: a summary of another version is not checked further,
   because every other message would be noise caused by that one difference;
2. the shape, by the pydantic model the exported schema is generated from (strict, so ``"12"``
   is not an offset);
3. what a schema cannot say: every offset slices the article to exactly the quoted text, and
   every actor reference (holder, speaker, event actors) names a defined actor.

Layer 3 runs on the raw data even when layer 2 failed elsewhere, so one bad enum value does
not hide a tampered offset. In a batch results file an id repeated from an earlier line is a
problem too: the file holds one record per input. Prompt versions are not checked: older
prompts, same schema, fine.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import ValidationError

from ..claims import ArticleFacts
from ..index import index_article
from ..schema import SCHEMA_VERSION, ArticleSummary
from .records import Located, Problem, iter_records, json_type, parse_summary

Issue = tuple[str, str]  # (JSON path relative to the summary, message)


@dataclass
class Report:
    """What ``validate`` found across its files."""

    files: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def bad_files(self) -> int:
        return len({p.file for p in self.problems})


def validate_files(paths: Iterable[Path]) -> Report:
    report = Report()
    for path in paths:
        report.files += 1
        problems: list[Problem] = []
        first_line: dict[str, int] = {}  # id -> its first record's line: one entry per id
        for found in iter_records(path):  # streamed: memory is one record, not the file
            if isinstance(found, Problem):
                problems.append(found)
                continue
            report.records += 1
            problems += check_record(found)
            if found.line is not None:
                problems += _repeated_id(found, first_line)
        report.problems += sorted(problems, key=lambda p: p.line or 0)  # stable: file order
    return report


def _repeated_id(record: Located, first_line: dict[str, int]) -> list[Problem]:
    """A batch results file holds one record per input: a repeated id means an input was done
    twice (two runs appending to one file) and a reader keyed by id would lose one."""
    first = first_line.setdefault(record.id, record.line or 0)
    if first == record.line:
        return []
    message = f"id {record.id!r} is already the id of line {first}: "
    return [record.problem("$.id", message + "a results file holds one record per input")]


def check_record(record: Located) -> list[Problem]:
    if record.status == "error":
        return [record.problem(path, msg) for path, msg in _check_error(record.error)]
    summary = record.summary or {}
    return [record.problem(_join(record.root, path), msg) for path, msg in check_summary(summary)]


def check_summary(data: dict[str, Any]) -> list[Issue]:
    """Every problem with one summary's raw JSON data, paths relative to the summary."""
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        found = "missing" if version is None else f"{version!r}"
        return [
            (
                "$.schema_version",
                f"schema version {found} is not supported: this summarizer reads and writes "
                f"{SCHEMA_VERSION!r}",
            )
        ]
    issues = list(_shape_issues(data))
    issues += _span_issues(data)
    issues += _reference_issues(data)
    if not issues:
        issues += _claim_issues(parse_summary(data))
    return issues


def _shape_issues(data: dict[str, Any]) -> Iterator[Issue]:
    try:
        parse_summary(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            message = err["msg"]
            if err["type"] not in ("missing", "extra_forbidden"):
                message += f", found {_json(err['input'])}"
            yield _path(err["loc"]), message
        return
    provenance = data.get("provenance") or {}
    if provenance.get("schema_version") != SCHEMA_VERSION:
        yield (
            "$.provenance.schema_version",
            f"{provenance.get('schema_version')!r} disagrees with schema_version "
            f"{SCHEMA_VERSION!r}",
        )


def spans_of(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(path, span-like object) for every stretch of the article the summary points at."""
    for i, quote in enumerate(_items(data, "quotes")):
        yield f"$.quotes[{i}]", quote
    summary = data.get("summary")
    points = summary.get("key_points") if isinstance(summary, dict) else None
    for i, point in enumerate(points if isinstance(points, list) else []):
        evidence = point.get("evidence") if isinstance(point, dict) else None
        for j, span in enumerate(evidence if isinstance(evidence, list) else []):
            yield f"$.summary.key_points[{i}].evidence[{j}]", span
    for i, position in enumerate(_items(data, "positions")):
        evidence = position.get("evidence") if isinstance(position, dict) else None
        for j, span in enumerate(evidence if isinstance(evidence, list) else []):
            yield f"$.positions[{i}].evidence[{j}]", span
    for i, event in enumerate(_items(data, "timeline")):
        if isinstance(event, dict):
            for key in ("excerpt", "date"):
                if event.get(key) is not None:
                    yield f"$.timeline[{i}].{key}", event[key]


def _span_issues(data: dict[str, Any]) -> Iterator[Issue]:
    article = data.get("article")
    text = article.get("text") if isinstance(article, dict) else None
    if not isinstance(text, str):
        return  # the shape check already said so
    for path, span in spans_of(data):
        if not isinstance(span, dict):
            continue
        start, end, quoted = span.get("start"), span.get("end"), span.get("text")
        if not (_is_int(start) and _is_int(end) and isinstance(quoted, str)):
            continue  # the shape check already said so
        if start < 0 or end < start:
            yield path, f"offsets {start}:{end} are not a range"
        elif end > len(text):
            yield path, f"end {end} is past the end of the article ({len(text)} characters)"
        elif text[start:end] != quoted:
            yield (
                path,
                f"offsets {start}:{end} slice the article to {_json(text[start:end])} "
                f"but the text is {_json(quoted)}",
            )


def _reference_issues(data: dict[str, Any]) -> Iterator[Issue]:
    ids: set[str] = set()
    for i, actor in enumerate(_items(data, "actors")):
        actor_id = actor.get("id") if isinstance(actor, dict) else None
        if isinstance(actor_id, str):
            if actor_id in ids:
                yield f"$.actors[{i}].id", f"actor id {actor_id!r} is defined twice"
            ids.add(actor_id)
    known = ", ".join(sorted(ids)) or "none"

    def unknown(ref: Any) -> bool:
        return isinstance(ref, str) and ref not in ids

    topics = {t.get("id") for t in _items(data, "topics") if isinstance(t, dict)}
    for i, position in enumerate(_items(data, "positions")):
        if isinstance(position, dict) and unknown(position.get("holder")):
            ref = position["holder"]
            yield f"$.positions[{i}].holder", f"holder {ref!r} is not an actor id (known: {known})"
        topic = position.get("topic_id") if isinstance(position, dict) else None
        if isinstance(topic, str) and topic not in topics:
            yield f"$.positions[{i}].topic_id", f"topic {topic!r} is not one of the topics"
    for i, quote in enumerate(_items(data, "quotes")):
        for key in ("speaker", "rule_speaker", "model_speaker"):  # the last two: schema 1.1
            if isinstance(quote, dict) and unknown(quote.get(key)):
                ref = quote[key]
                yield f"$.quotes[{i}].{key}", f"{key} {ref!r} is not an actor id (known: {known})"
    for i, event in enumerate(_items(data, "timeline")):
        actors = event.get("actors") if isinstance(event, dict) else None
        for j, ref in enumerate(actors if isinstance(actors, list) else []):
            if unknown(ref):
                yield (
                    f"$.timeline[{i}].actors[{j}]",
                    f"actor {ref!r} is not an actor id (known: {known})",
                )


def _claim_issues(summary: ArticleSummary) -> Iterator[Issue]:
    """Model-written text naming a name, number or date its article does not hold: what the
    pipeline drops as it assembles, checked again in a file that may not come from it."""
    article = summary.article
    facts = ArticleFacts(index_article(article.text, published=article.published))
    texts = [("$.summary.headline", summary.summary.headline or "")]
    texts += [("$.summary.abstract", summary.summary.abstract)]
    texts += [
        (f"$.summary.key_points[{i}].text", k.text)
        for i, k in enumerate(summary.summary.key_points)
    ]
    texts += [(f"$.topics[{i}].label", t.label) for i, t in enumerate(summary.topics)]
    texts += [
        (f"$.positions[{i}].stance", p.stance)
        for i, p in enumerate(summary.positions)
        if p.view_from == "model"
    ]
    for path, text in texts:
        bad = facts.unsupported(text) if text else []
        if bad:
            yield path, f"names what the article does not hold: {', '.join(bad)}"


def _check_error(error: dict[str, Any]) -> Iterator[Issue]:
    for key in ("type", "message"):
        if not isinstance(error.get(key), str):
            yield f"$.error.{key}", f"expected a string, found {json_type(error.get(key))}"
    attempts = error.get("attempts")
    if attempts is not None and not (_is_int(attempts) and attempts >= 0):
        yield "$.error.attempts", f"expected a count, found {_json(attempts)}"


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _path(loc: tuple[int | str, ...]) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def _join(root: str, path: str) -> str:
    return root + path[1:]


def _json(value: Any, limit: int = 50) -> str:
    """A value as JSON (so strings show their quotes and escapes), clipped for one line."""
    if isinstance(value, str) and len(value) > limit:
        value = value[: limit - 1] + "…"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit + 10 else text[: limit - 1] + "…"
