"""Many articles at once: ``summarize_many`` / ``asummarize_many`` and the ``batch`` command.

An edge of the package (the core never imports it). Results come back as they finish, one
per input, keyed by the input's id; one bad article becomes an error result and never stops
the others. See ``runner.py`` for what a command-line run adds: a crash-safe results file,
``--resume``, the run summary with tokens and cost, and the OpenAI Batch API engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Unpack

from ..article import Article, article_id, make_article, parse_published, refuse_file_name
from ..settings import SettingOverrides, Settings
from .cache import SummaryCache, default_cache_path
from .cost import PriceTable
from .engine import Pace, arun_items, live_worker, run_items
from .inputs import Item, Selection, dated, file_item, iter_items
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

ArticleLike = Article | Item | Path | str


def summarize_many(
    articles: Iterable[ArticleLike],
    settings: Settings | None = None,
    *,
    published: dt.date | str | None = None,
    concurrency: int = 8,
    rpm: int | None = None,
    tpm: int | None = None,
    cache: SummaryCache | str | Path | None = None,
    **overrides: Unpack[SettingOverrides],
) -> Iterator[Result]:
    """Summarise ``articles`` (texts, ``Path``s of files, ``Article``s or ``Item``s), yielding
    results as they finish; one bad input is an error result, never the end of the run.

    ``published`` dates the articles that carry no date of their own. The setting keywords
    (``model=``, ``base_url=``, ...) are those of ``summarize``; ``settings`` replaces them.

    A result's ``id`` names its input, as a ``batch`` record's does: the name the input brings
    (an ``Item``'s id, a ``Path`` as given, like the ``batch`` command's file inputs), else,
    for a text or an ``Article``, its content hash (``Article.id``). The summary's
    ``article.id`` is always the content hash. An input that repeats an earlier id yields a
    ``DuplicateIdError`` result instead of a second summary.
    """
    settings = settings or Settings.resolve(**overrides)
    items = _items(articles, parse_published(published, what="published"))
    own_cache, cache_obj = _open_cache(cache)
    try:
        with live_worker(
            settings, concurrency=concurrency, pace=Pace(rpm, tpm), cache=cache_obj
        ) as worker:
            yield from run_items(Selection(items), worker, concurrency)
    finally:
        if own_cache and cache_obj is not None:
            cache_obj.close()


async def asummarize_many(
    articles: Iterable[ArticleLike],
    settings: Settings | None = None,
    *,
    published: dt.date | str | None = None,
    concurrency: int = 8,
    rpm: int | None = None,
    tpm: int | None = None,
    cache: SummaryCache | str | Path | None = None,
    **overrides: Unpack[SettingOverrides],
) -> AsyncIterator[Result]:
    """``summarize_many`` for asyncio: ``async for result in asummarize_many(...)``."""
    settings = settings or Settings.resolve(**overrides)
    items = _items(articles, parse_published(published, what="published"))
    own_cache, cache_obj = _open_cache(cache)
    try:
        with live_worker(
            settings, concurrency=concurrency, pace=Pace(rpm, tpm), cache=cache_obj
        ) as worker:
            async for result in arun_items(Selection(items), worker, concurrency):
                yield result
    finally:
        if own_cache and cache_obj is not None:
            cache_obj.close()


def _items(articles: Iterable[ArticleLike], published: dt.date | None) -> Iterator[Item]:
    for n, a in enumerate(articles, start=1):
        if isinstance(a, Item):
            item = a
        elif isinstance(a, Article):
            item = _article_item(a, n)
        elif isinstance(a, Path):
            item = file_item(a)
        else:
            item = _text_item(a, n)
        yield item if published is None else dated(item, published)


def _article_item(article: Article, n: int) -> Item:
    def load(max_chars: int) -> Article:
        return article

    return Item(id=article.id, origin=f"article {n}", load=load)


def _text_item(text: str, n: int) -> Item:
    def load(max_chars: int) -> Article:
        refuse_file_name(text)
        return make_article(text, max_chars=max_chars)

    return Item(id=article_id(text), origin=f"text {n}", load=load)


def _open_cache(cache: SummaryCache | str | Path | None) -> tuple[bool, SummaryCache | None]:
    if cache is None or isinstance(cache, SummaryCache):
        return False, cache
    return True, SummaryCache(Path(cache))
