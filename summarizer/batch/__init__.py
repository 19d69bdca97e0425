"""Many articles at once: ``summarize_many`` / ``asummarize_many`` and the ``batch`` command.

An edge of the package (the core never imports it). Results come back as they finish, one
per input, keyed by the input's id; one bad article becomes an error result and never stops
the others. See ``runner.py`` for what a command-line run adds: a crash-safe results file,
``--resume``, the run summary with tokens and cost, and the OpenAI Batch API engine.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path

from ..article import Article, article_id, make_article
from ..settings import Settings
from .cache import SummaryCache, default_cache_path
from .cost import PriceTable
from .engine import Pace, arun_items, live_worker, run_items
from .inputs import Item, Selection, iter_items
from .records import DuplicateIdError, Result
from .runner import BatchOptions, RunReport, run_batch

__all__ = [
    "BatchOptions",
    "DuplicateIdError",
    "Item",
    "PriceTable",
    "Result",
    "RunReport",
    "SummaryCache",
    "asummarize_many",
    "default_cache_path",
    "iter_items",
    "run_batch",
    "summarize_many",
]

ArticleLike = Article | Item | str


def summarize_many(
    articles: Iterable[ArticleLike],
    settings: Settings | None = None,
    *,
    concurrency: int = 8,
    rpm: int | None = None,
    tpm: int | None = None,
    cache: SummaryCache | str | Path | None = None,
) -> Iterator[Result]:
    """Summarise ``articles`` (``Article``s, texts or ``Item``s), yielding results as they finish.

    One result per input, keyed by its id (``Article.id`` for articles and texts); an input
    that repeats an earlier id yields a ``DuplicateIdError`` result instead of a second summary.
    """
    settings = settings or Settings.resolve()
    own_cache, cache_obj = _open_cache(cache)
    try:
        with live_worker(
            settings, concurrency=concurrency, pace=Pace(rpm, tpm), cache=cache_obj
        ) as worker:
            yield from run_items(Selection(_items(articles)), worker, concurrency)
    finally:
        if own_cache and cache_obj is not None:
            cache_obj.close()


async def asummarize_many(
    articles: Iterable[ArticleLike],
    settings: Settings | None = None,
    *,
    concurrency: int = 8,
    rpm: int | None = None,
    tpm: int | None = None,
    cache: SummaryCache | str | Path | None = None,
) -> AsyncIterator[Result]:
    """``summarize_many`` for asyncio: ``async for result in asummarize_many(...)``."""
    settings = settings or Settings.resolve()
    own_cache, cache_obj = _open_cache(cache)
    try:
        with live_worker(
            settings, concurrency=concurrency, pace=Pace(rpm, tpm), cache=cache_obj
        ) as worker:
            async for result in arun_items(Selection(_items(articles)), worker, concurrency):
                yield result
    finally:
        if own_cache and cache_obj is not None:
            cache_obj.close()


def _items(articles: Iterable[ArticleLike]) -> Iterator[Item]:
    for n, a in enumerate(articles, start=1):
        if isinstance(a, Item):
            yield a
        elif isinstance(a, Article):
            yield _article_item(a, n)
        else:
            yield _text_item(a, n)


def _article_item(article: Article, n: int) -> Item:
    def load(max_chars: int) -> Article:
        return article

    return Item(id=article.id, origin=f"article {n}", load=load)


def _text_item(text: str, n: int) -> Item:
    return Item(
        id=article_id(text),
        origin=f"text {n}",
        load=lambda max_chars: make_article(text, max_chars=max_chars),
    )


def _open_cache(cache: SummaryCache | str | Path | None) -> tuple[bool, SummaryCache | None]:
    if cache is None or isinstance(cache, SummaryCache):
        return False, cache
    return True, SummaryCache(Path(cache))
