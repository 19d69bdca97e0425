"""The live engine: many articles through the core pipeline, ``concurrency`` requests in flight.

Workers are threads sharing one HTTP client (its pool sized to the concurrency) and one
``PacedTransport``, so rate limits and 429 backoff are per batch, not per worker. The core
pipeline is reused as is: a worker is ``summarize_article`` plus loading, caching and turning
any failure into an error result. Inputs are pulled lazily and at most ``2 * concurrency``
are in flight or queued, so memory does not grow with the number of articles; results are
yielded as they finish, not in input order.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx2
import openai

from ..article import Article
from ..endpoint import open_endpoint
from ..errors import InputError
from ..llm import make_client
from ..pipeline import summarize_article
from ..prompts import PromptSet, load_prompts
from ..settings import Settings
from .cache import SummaryCache, cache_key
from .inputs import Duplicate, Item
from .limits import BackoffGate, Counters, PacedTransport, RateLimiter
from .records import Result, error_result, ok_result

Work = Item | Duplicate
Worker = Callable[[Item], Result]


@dataclass
class Pace:
    """The per-batch pacing every request passes through, and what it has counted."""

    rpm: int | None = None
    tpm: int | None = None
    gate: BackoffGate = field(default_factory=BackoffGate)
    counters: Counters = field(default_factory=Counters)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.rpm, self.tpm)


class DuplicateIdError(InputError):
    """An input repeats the id of an earlier one (reported, never merged)."""


def duplicate_result(dup: Duplicate) -> Result:
    return error_result(dup.item.id, DuplicateIdError(dup.message), origin=dup.item.origin)


class ArticleWorker:
    """Summarises one item; every failure becomes an error result, so a batch never stops."""

    def __init__(
        self,
        settings: Settings,
        client: openai.OpenAI,
        prompts: PromptSet,
        cache: SummaryCache | None,
    ) -> None:
        self.settings = settings
        self.client = client
        self.prompts = prompts
        self.cache = cache

    def __call__(self, item: Item) -> Result:
        try:
            article = item.load(self.settings.max_chars)
        except Exception as exc:  # InputError, or an unreadable file: recorded, never fatal
            return error_result(item.id, exc, origin=item.origin)
        return self.summarize(item, article)

    def summarize(self, item: Item, article: Article) -> Result:
        key = cache_key(article, self.settings, self.prompts) if self.cache else ""
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return ok_result(item.id, hit, origin=item.origin, cached=True)
        model = self.settings.effective_model
        try:
            summary = summarize_article(
                article, self.settings, client=self.client, prompts=self.prompts
            )
        except Exception as exc:  # ModelError and anything unforeseen: recorded, not raised
            return error_result(item.id, exc, origin=item.origin, model=model)
        if self.cache is not None:
            self.cache.put(key, summary)
        return ok_result(item.id, summary, origin=item.origin)


def run_items(work: Iterable[Work], worker: Worker, concurrency: int) -> Iterator[Result]:
    """Results as they finish, with at most ``2 * concurrency`` items pulled ahead."""
    pool = cf.ThreadPoolExecutor(concurrency, thread_name_prefix="summarizer-batch")
    pending: set[cf.Future[Result]] = set()
    try:
        for unit in work:
            if isinstance(unit, Duplicate):
                yield duplicate_result(unit)
                continue
            if len(pending) >= 2 * concurrency:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                yield from (f.result() for f in done)
            pending.add(pool.submit(worker, unit))
        while pending:
            done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            yield from (f.result() for f in done)
    finally:
        # Normally nothing is pending here; on an interrupt, queued work is dropped (a resumed
        # run redoes it) and requests in flight are not waited for.
        pool.shutdown(wait=False, cancel_futures=True)


async def arun_items(
    work: Iterable[Work], worker: Worker, concurrency: int
) -> AsyncIterator[Result]:
    """``run_items`` for asyncio: the same workers in threads, results awaited as they finish."""
    loop = asyncio.get_running_loop()
    pool = cf.ThreadPoolExecutor(concurrency, thread_name_prefix="summarizer-batch")
    pending: set[asyncio.Future[Result]] = set()
    try:
        for unit in work:
            if isinstance(unit, Duplicate):
                yield duplicate_result(unit)
                continue
            if len(pending) >= 2 * concurrency:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for f in done:
                    yield f.result()
            pending.add(loop.run_in_executor(pool, worker, unit))
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for f in done:
                yield f.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def paced_client(settings: Settings, concurrency: int, pace: Pace) -> openai.OpenAI:
    """One client for all workers: a pool as wide as the concurrency, behind the pacing."""
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    transport = PacedTransport(
        httpx2.HTTPTransport(limits=limits),
        gate=pace.gate,
        limiter=pace.limiter,
        counters=pace.counters,
        max_output_tokens=settings.max_output_tokens,
    )
    return make_client(settings, transport=transport)


@contextmanager
def live_worker(
    settings: Settings,
    *,
    concurrency: int,
    pace: Pace | None = None,
    cache: SummaryCache | None = None,
    prompts: PromptSet | None = None,
) -> Iterator[ArticleWorker]:
    """A worker bound to a live endpoint; the local model server starts once, here."""
    if concurrency < 1:
        raise InputError("--concurrency must be at least 1")
    pace = pace or Pace()
    prompts = prompts or load_prompts()
    with open_endpoint(settings) as live:
        client = paced_client(live, concurrency, pace)
        try:
            yield ArticleWorker(live, client, prompts, cache)
        finally:
            client.close()
