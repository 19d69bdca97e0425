"""What both views (terminal and HTML) show, worked out once so they cannot disagree.

A ``Review`` is one checked summary plus what the reviewer must be told about it beyond its own
warnings: integrity problems found on load (an offset that no longer slices the article, for
instance after ``--article`` swapped in a different text). A ``Row`` is one batch record as the
overview lists it: status, counts, warnings and problems, without needing a valid summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..schema import ArticleSummary, DateValue, Position, TimelineEvent
from ..timeline import sort_events
from .records import Located, parse_summary
from .validate import check_record, check_summary

# Past this many integrity problems a view lists the first ones and counts the rest: a wrong
# --article breaks every span, and 30 lines saying so would bury the summary's own warnings.
MAX_PROBLEMS_SHOWN = 8


@dataclass(frozen=True)
class HolderGroup:
    """The positions one actor holds, with their indices in ``summary.positions``."""

    id: str
    name: str
    role: str | None
    positions: list[tuple[int, Position]]


@dataclass(frozen=True)
class Review:
    """One summary to show, where it was read from, and its integrity problems (if any)."""

    summary: ArticleSummary
    where: str
    problems: list[str] = field(default_factory=list)

    @cached_property
    def names(self) -> dict[str, str]:
        return {a.id: a.name for a in self.summary.actors}

    def actor_name(self, actor_id: str | None) -> str | None:
        return None if actor_id is None else self.names.get(actor_id, actor_id)

    def holders(self) -> list[HolderGroup]:
        """Positions grouped by holder, holders in order of their first position."""
        roles = {a.id: a.role for a in self.summary.actors}
        groups: dict[str, list[tuple[int, Position]]] = {}
        for i, position in enumerate(self.summary.positions):
            groups.setdefault(position.holder, []).append((i, position))
        return [
            HolderGroup(holder, self.actor_name(holder) or holder, roles.get(holder), items)
            for holder, items in groups.items()
        ]

    def timeline(self) -> list[tuple[int, TimelineEvent]]:
        """Events in date order (the core's order), with their indices in ``summary.timeline``.

        Summaries are written sorted, but a file edited by hand or by another tool may not be.
        """
        events = self.summary.timeline
        index = {id(e): i for i, e in enumerate(events)}
        n = len(self.summary.article.text)
        ordered = sort_events(
            [(e.excerpt.start if e.excerpt else e.date.start if e.date else n, e) for e in events]
        )
        return [(index[id(e)], e) for e in ordered]

    def shown_problems(self) -> tuple[list[str], int]:
        """The problems a view lists, and how many more it only counts."""
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        return shown, len(self.problems) - len(shown)

    def facts(self) -> list[str]:
        """The article's identity line: what a reviewer needs to know which article this is."""
        a = self.summary.article
        facts = [f"published {a.published or 'unknown'}", f"id {a.id}"]
        if a.source:
            facts.append(f"source {a.source}")
        return [*facts, self.where]

    def provenance(self) -> str:
        p = self.summary.provenance
        return (
            f"model {p.model} · prompt {p.prompt.name} v{p.prompt.version} · schema "
            f"{p.schema_version} · {p.attempts} attempt(s) · {p.usage.total_tokens:,} tokens · "
            f"{p.created_at:%Y-%m-%d %H:%M} UTC"
        )

    @property
    def warning_count(self) -> int:
        return len(self.summary.warnings) + len(self.problems)


def date_label(date: DateValue | None) -> str:
    """The resolved value a reviewer compares with the expression as written."""
    if date is None:
        return "no date"
    if date.value is None:
        return f"unresolved ({date.reason})" if date.reason else "unresolved"
    return f"{date.value} ({date.granularity})" if date.granularity else date.value


def load_review(record: Located, *, article_text: str | None = None) -> Review:
    """Check and parse one ok record; ``article_text`` replaces the text embedded in it."""
    data = record.summary
    where = record.file if record.line is None else f"{record.file}:{record.line}"
    if data is None:
        message = record.error.get("message", "no message")
        raise InputError(f"{where}: record {record.id!r} is an error, not a summary: {message}")
    notes = []
    if article_text is not None:
        stored = _obj(data, "article").get("text")
        if stored and stored != article_text:
            notes.append("$.article.text: the --article text differs from the text stored here")
        data = {**data, "article": {**_obj(data, "article"), "text": article_text}}
    issues = check_summary(data)
    if issues and issues[0][0] == "$.schema_version":
        raise InputError(f"{where}: {issues[0][1]}")
    try:
        summary = parse_summary(data)
    except ValidationError:
        path, message = issues[0]
        raise InputError(
            f"{where}: not a valid summary: {path}: {message} ({len(issues)} problem(s) in all; "
            f"`summarizer validate {record.file}` lists them)"
        ) from None
    return Review(summary, where, notes + [f"{path}: {message}" for path, message in issues])


def select(records: list[Located], record_id: str | None) -> Located | None:
    """The record ``--id`` names (by record id or article id); the only one; or None for all."""
    if record_id is None:
        return records[0] if len(records) == 1 else None
    for record in records:
        article = _obj(record.summary or {}, "article")
        if record_id in (record.id, article.get("id")):
            return record
    shown = ", ".join(r.id for r in records[:5]) + (", …" if len(records) > 5 else "")
    raise InputError(f"no record with id {record_id!r} (ids: {shown or 'none'})")


@dataclass(frozen=True)
class Row:
    """One batch record as the overview lists it, valid or not."""

    record: Located
    title: str
    counts: dict[str, int]
    warnings: Counter[str]
    problems: int
    error: str | None

    @classmethod
    def of(cls, record: Located) -> Row:
        data = record.summary or {}
        title = _text(_obj(data, "article").get("title")) or _text(
            _obj(data, "summary").get("headline")
        )
        counts = {k: len(_list(data, k)) for k in ("positions", "timeline", "quotes")}
        codes = Counter(str(w.get("code")) for w in _list(data, "warnings") if isinstance(w, dict))
        error = None
        if record.status == "error":
            e = record.error
            error = f"{_text(e.get('type')) or 'Error'}: {_text(e.get('message'))}"
        return cls(record, title, counts, codes, len(check_record(record)), error)


def _obj(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
