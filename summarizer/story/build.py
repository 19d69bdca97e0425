"""``build_timelines``: a batch's results in, one timeline per actor out (being written)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..schema import ArticleSummary
from .model import StoryTimelines


def build_timelines(
    results: Path | Iterable[ArticleSummary],
    actors: Sequence[str] | None = None,
    *,
    min_articles: int = 2,
) -> StoryTimelines:
    """The timelines of ``actors`` (names, matched to the merged story actors by any of their
    names), or of every actor named in at least ``min_articles`` articles.

    ``results`` is a results JSONL file (a batch's output; error records and foreign lines are
    counted in ``skipped``), a single summary JSON file, or summaries. Read one at a time.
    """
    raise NotImplementedError
