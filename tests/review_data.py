"""Summaries for the review and validate tests, made by the real pipeline against the fake server.

Going through ``summarize_article`` (not hand-built JSON) means the offsets, quotations and
warnings are exactly what users get, so the views are tested on real output.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from summarizer.article import make_article
from summarizer.pipeline import summarize_article
from summarizer.review.records import Located
from summarizer.review.view import Review, load_review
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from tests.conftest import DATA, SEED
from tests.fakes import FakeOpenAI, completion

PAYLOAD = DATA / "payload_article.txt"


def summarise(text: str, draft: str, *, published: str = "2025-03-17") -> ArticleSummary:
    with FakeOpenAI() as fake:
        fake.enqueue(completion(draft))
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
        return summarize_article(make_article(text, published=published), settings)


def seed_summary() -> ArticleSummary:
    """The seed article: 9 positions, 9 events, 13 quotes and 4 warnings (a fresh copy)."""
    return _seed().model_copy(deep=True)


@functools.cache
def _seed() -> ArticleSummary:
    return summarise(
        SEED.read_text(encoding="utf-8"), (DATA / "seed_draft.json").read_text(encoding="utf-8")
    )


def review_of(summary: ArticleSummary) -> Review:
    """The review of a summary as if read from ``seed.json``."""
    return load_review(Located.bare_summary("seed.json", None, "seed", as_data(summary)))


def payload_summary() -> ArticleSummary:
    """An article and a draft full of ``<script>``, ``onerror=`` and attribute breakouts."""
    return summarise(
        PAYLOAD.read_text(encoding="utf-8"),
        (DATA / "payload_draft.json").read_text(encoding="utf-8"),
    )


def as_data(summary: ArticleSummary) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(summary.model_dump_json())
    return data


def write_json(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[dict[str, Any] | str]) -> Path:
    """Batch records, one per line; a ``str`` is written as it is (for malformed lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ok_record(record_id: str, summary: ArticleSummary) -> dict[str, Any]:
    return {"id": record_id, "status": "ok", "summary": as_data(summary)}


def error_record(record_id: str, message: str = "model output never validated") -> dict[str, Any]:
    return {
        "id": record_id,
        "status": "error",
        "error": {"type": "InvalidOutputError", "message": message, "attempts": 3},
    }
