"""The live engine: many articles through the core pipeline, ``concurrency`` requests in flight.

The pipeline's three steps (``pipeline.start``, ``call``, ``finish``) are scheduled here: the
pool's threads (as many as the concurrency) only
call the model, retries and re-asks included, through one shared HTTP client and one
``PacedTransport``, so rate limits and 429 backoff are per batch, not per worker. Everything
else, loading, the cache, the prompt before and grounding and assembly after, runs on the
thread that consumes the results. The pool threads then hold the GIL only briefly, so an
answer is turned into the next request at once instead of queueing behind another article's
grounding: with 16 threads doing all the work, requests spent a tenth of their time waiting
for the interpreter rather than the server (``bench/batch_throughput.py``).

The model call is ``pipeline.call``, as for one article: a long article's windows are
planned in its pool thread (about a second of CPU for 60,000 characters, and only for an
article that does not fit) and sent at once in the slots of ``concurrency`` that no other
article's request holds (``long.Slots``), through the same client and pacing.

Inputs are pulled lazily and at most ``2 * concurrency`` are queued or in flight, so memory
does not grow with the number of articles; results are yielded as they finish, not in input
order.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx2
import openai

from ..endpoint import open_endpoint
from ..errors import InputError
from ..extraction import Extraction
from ..llm import make_client, tls_context
from ..long import Slots
from ..pipeline import Prepared
from ..pipeline import call as call_model
from ..pipeline import finish as finish_summary
from ..pipeline import start as start_request
from ..profile import profile_for
from ..prompts import PromptSet, load_prompts
from ..settings import Settings
from .cache import SummaryCache, cache_key
from .inputs import Duplicate, Item
from .limits import BackoffGate, Counters, PacedTransport, RateLimiter
from .records import Result, duplicate_result, error_result, ok_result

Work = Item | Duplicate


@dataclass
class Pace:
    """The per-batch pacing every request passes through, and what it has counted."""

    rpm: int | None = None
    tpm: int | None = None
    gate: BackoffGate = field(default_factory=BackoffGate)
    counters: Counters = field(default_factory=Counters)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.rpm, self.tpm)


@dataclass
class Call:
    """An article on its way to or back from the model: what the pool's threads work on."""

    item: Item
    prepared: Prepared  # the request, article and endpoint profile included
    key: str  # the cache key, "" without a cache
    extraction: Extraction | None = None
    error: Exception | None = None


class ArticleWorker:
    """Summarises items; every failure becomes an error result, so a batch never stops."""

    def __init__(
        self,
        settings: Settings,
        client: openai.OpenAI,
        prompts: PromptSet,
        cache: SummaryCache | None,
        concurrency: int = 1,
    ) -> None:
        self.settings = settings
        self.profile = profile_for(settings)  # decided once for the run, carried by each request
        # Requests in flight: an article's own, and its windows' when a long one has some.
        self.slots = Slots(concurrency)
        self.client = client
        self.prompts = prompts
        self.cache = cache

    def start(self, item: Item) -> Result | Call:
        """Load, look in the cache, render the prompt: a result already, or a model call to make."""
        try:
            article = item.load(self.settings.max_chars)
        except Exception as exc:  # InputError, or an unreadable file: recorded, never fatal
            return error_result(item.id, exc, origin=item.origin)
        key = cache_key(article, self.settings, self.prompts, self.profile) if self.cache else ""
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return ok_result(item.id, hit, origin=item.origin, cached=True)
        try:
            prepared = start_request(article, self.settings, self.prompts, self.profile)
        except Exception as exc:  # a bug in our own code: still one record, not a dead batch
            return error_result(item.id, exc, origin=item.origin)
        return Call(item, prepared, key)

    def call(self, call: Call) -> Call:
        """The model call (with its retries and re-asks); never raises, the error is kept."""
        try:
            with self.slots.hold():
                call.prepared, call.extraction = call_model(
                    self.client, call.prepared, slots=self.slots
                )
        except Exception as exc:  # ModelError and anything unforeseen: recorded, not raised
            call.error = exc
        return call

    def finish(self, call: Call) -> Result:
        """Ground and assemble the answer, and remember it in the cache."""
        item, model = call.item, self.profile.model
        if call.error is not None or call.extraction is None:
            error = call.error or RuntimeError("the model call did not run")
            return error_result(item.id, error, origin=item.origin, model=model)
        try:
            summary = finish_summary(call.prepared, call.extraction)
        except Exception as exc:  # a bug in grounding or assembly: one error record
            return error_result(item.id, exc, origin=item.origin, model=model)
        if self.cache is not None:
            self.cache.put(call.key, summary)
        return ok_result(item.id, summary, origin=item.origin)

    def __call__(self, item: Item) -> Result:
        """All three steps on the calling thread."""
        started = self.start(item)
        return started if isinstance(started, Result) else self.finish(self.call(started))


def run_items(work: Iterable[Work], worker: ArticleWorker, concurrency: int) -> Iterator[Result]:
    """Results as they finish, with at most ``2 * concurrency`` items queued or in flight.

    Only ``worker.call`` runs in the pool; the other steps run here, on the consumer's thread.
    """
    pool = cf.ThreadPoolExecutor(concurrency, thread_name_prefix="summarizer-batch")
    pending: set[cf.Future[Call]] = set()
    try:
        for unit in work:
            if isinstance(unit, Duplicate):
                yield duplicate_result(unit)
                continue
            started = worker.start(unit)
            if isinstance(started, Result):
                yield started
                continue
            if len(pending) >= 2 * concurrency:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                yield from (worker.finish(f.result()) for f in done)
            pending.add(pool.submit(worker.call, started))
        while pending:
            done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            yield from (worker.finish(f.result()) for f in done)
    finally:
        # Normally nothing is pending here; on an interrupt, queued work is dropped (a resumed
        # run redoes it) and requests in flight are not waited for.
        pool.shutdown(wait=False, cancel_futures=True)


async def arun_items(
    work: Iterable[Work], worker: ArticleWorker, concurrency: int
) -> AsyncIterator[Result]:
    """``run_items`` for asyncio: whole items run in the threads, so the event loop never does
    the CPU work of grounding; results are awaited as they finish."""
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
        httpx2.HTTPTransport(limits=limits, verify=tls_context()),
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
            yield ArticleWorker(live, client, prompts, cache, concurrency=concurrency)
        finally:
            client.close()
