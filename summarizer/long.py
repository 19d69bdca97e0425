"""Articles longer than the model's context: windows, one draft each, merged, one summary.

The path every live call takes (``pipeline.summarize_article``, the batch engine, the
service): an article that fits, or whose window is not known, goes out as one request exactly
as before. When the window is known and the article's request would not fit it, or when the
server refuses the request as too long (``ContextLengthError``, which names the window), the
article is cut into windows of whole paragraphs (``windows.py``), each window's prompt shows
only its own text and its schema allows only its own ids (plus every actor), the drafts are
merged by id (``merge.py``), and a short last call writes the summary from the windows'
summaries (``prompt_files/combine.md``). The article index stays the whole article's, so
assembly (``pipeline.finish``) is the same as for a short article.

Attempts, usage and the token budget (``Settings.token_budget``) are the article's, across all
windows: every request counts, a refused one too. Windows go out one after another, or, in a
batch, as many at once as its ``--concurrency`` has free slots (``Slots``).
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import openai
from pydantic import ValidationError

from .article import Article
from .context import estimate_messages, server_tokens
from .draft import MAX_QUOTES, Draft, DraftSummary, summary_fields
from .errors import BudgetExceededError, ContextLengthError, ModelError, PromptError
from .extraction import Extraction, extract_draft
from .index import ArticleIndex
from .llm import Completion, Message, complete
from .merge import merge_drafts
from .prompts import PromptSet, Template, load_template, prompts_dir
from .request import Prepared, build_messages, draft_spec, fence
from .retry import call_with_retries
from .schema import AttemptRecord, Usage
from .settings import Settings
from .windows import Window, cut_points, plan

# Tokens kept free beyond the estimate and the output cap (the chat template's own tokens).
SAFETY_TOKENS = 64
COMBINE_PROMPT = "combine.md"
# Above the server's own count of a refused prompt, when sizing windows by it.
RATIO_MARGIN = 1.1


def request_tokens(messages: Sequence[Message], settings: Settings) -> int:
    """What a request takes of the window at most: its prompt and the output it may write."""
    return estimate_messages(messages) + settings.max_output_tokens + SAFETY_TOKENS


def extract_article(
    client: openai.OpenAI,
    settings: Settings,
    prompts: PromptSet,
    article: Article,
    prepared: Prepared,
    *,
    context_tokens: int | None,
    slots: Slots | None = None,
) -> tuple[Prepared, Extraction]:
    """The validated draft of one article, in windows when it does not fit ``context_tokens``
    (None: not known) or the server says so; returns what ``pipeline.finish`` assembles.

    ``slots``: request slots the windows may borrow to go out at once (the batch's); the
    result is the same as one after another.
    """
    long: LongArticle | None = None  # built only for an article that does not fit
    if context_tokens is not None and not fits(prepared, settings, context_tokens):
        long = LongArticle(client, settings, prompts, article, prepared, slots)
        if not long.fits_whole(context_tokens):
            return long.run(context_tokens)
    try:
        return prepared, extract_draft(client, settings, prompts, prepared)
    except ContextLengthError as exc:
        long = long or LongArticle(client, settings, prompts, article, prepared, slots)
        return long.run(long.refused(exc, prepared.messages, context_tokens))


def extract_refused(
    client: openai.OpenAI,
    settings: Settings,
    prompts: PromptSet,
    article: Article,
    prepared: Prepared,
    refused: ContextLengthError,
    *,
    context_tokens: int | None,
    slots: Slots | None = None,
) -> tuple[Prepared, Extraction]:
    """``extract_article`` for a request the server has already refused as too long (a Batch
    API answer): counted, and the article sent in windows as the refusal says."""
    long = LongArticle(client, settings, prompts, article, prepared, slots)
    return long.run(long.refused(refused, prepared.messages, context_tokens))


def fits(prepared: Prepared, settings: Settings, context_tokens: int) -> bool:
    """Whether the article's request fits ``context_tokens`` by the estimate (which errs high);
    ``LongArticle.fits_whole`` asks the server's own count when it does not."""
    return request_tokens(prepared.messages, settings) <= context_tokens


class Slots:
    """The requests a batch may have in flight (``--concurrency``), as slots: an article holds
    one for its own request, and its windows borrow free ones to go out at once.

    Borrowing never waits: an article that waited for slots held by other articles, each
    waiting in turn, could wait forever; with nothing free its windows go one at a time.
    """

    def __init__(self, total: int) -> None:
        self._free = threading.BoundedSemaphore(max(total, 1))

    @contextmanager
    def hold(self) -> Iterator[None]:
        """One slot for the caller's own requests, waiting for it if need be."""
        with self._free:
            yield

    def borrow(self, wanted: int) -> int:
        """Up to ``wanted`` more slots, as many as are free now; give them back after."""
        got = 0
        while got < wanted and self._free.acquire(blocking=False):
            got += 1
        return got

    def give_back(self, count: int) -> None:
        for _ in range(count):
            self._free.release()


class LongArticle:
    """One long article on its way through its windows; counts every request it makes."""

    def __init__(
        self,
        client: openai.OpenAI,
        settings: Settings,
        prompts: PromptSet,
        article: Article,
        prepared: Prepared,
        slots: Slots | None = None,
    ) -> None:
        self.client, self.settings, self.prompts = client, settings, prompts
        self.article, self.prepared = article, prepared
        self.index: ArticleIndex = prepared.index
        self.bounds = prepared.spec.bounds
        self.log: list[AttemptRecord] = []
        self.model: str | None = None
        self.scale = 1.0  # the server's count over our estimate, once a refusal told us
        self.ratios: list[float] = []
        self.windows: list[Window] = []
        self.slots = slots

    # -- the window -------------------------------------------------------------------------

    def request(self, span: tuple[int, int], *, schema: bool = True) -> Prepared:
        """The request of one window: its own text, quotations, sentences and dates (and the
        schema of its ids, unless only its size is wanted)."""
        lo, hi = span
        quotations = [q for q in self.index.quotations if lo <= q.start < hi]
        spec = draft_spec(self.index, quotations, self.bounds, span)
        messages = build_messages(self.prompts, self.article, self.index, quotations, spec, span)
        kind = self.prepared.profile.dialect
        return dataclasses.replace(
            self.prepared,
            quotations=quotations,
            total_quotations=len(quotations),
            spec=spec,
            messages=messages,
            schema_fields=spec.request_fields(kind) if schema else {},
        )

    def messages(self, span: tuple[int, int]) -> list[Message]:
        return self.request(span, schema=False).messages

    def tokens(self, messages: Sequence[Message]) -> int:
        return int(estimate_messages(messages) * self.scale)

    def fits_whole(self, limit: int) -> bool:
        """Whether the whole article's request fits ``limit``: by the estimate, else by the
        server's own count where it has one, which then also sizes the windows."""
        messages = self.prepared.messages
        if fits(self.prepared, self.settings, limit):
            return True
        counted = server_tokens(self.client, self.settings, messages, self.prepared.profile)
        if counted is None:
            return False
        self.learn(counted, messages)
        return counted + self.settings.max_output_tokens + SAFETY_TOKENS <= limit

    def learn(self, counted: int, messages: Sequence[Message]) -> None:
        """The server's count of ``messages`` is the truth for this text, in either direction
        (our estimate errs high on purpose); a margin stays, and the worst ratio seen wins."""
        self.ratios.append(counted / estimate_messages(messages))
        self.scale = max(self.ratios) * RATIO_MARGIN

    def plan(self, start: int, end: int, limit: int) -> list[Window]:
        """Windows of ``[start, end)`` whose requests fit ``limit`` tokens."""
        room = limit - self.settings.max_output_tokens - SAFETY_TOKENS
        bare = self.tokens(self.messages((start, start)))
        if bare >= room:
            raise self.failed(
                ContextLengthError(
                    f"a context window of {limit:,} tokens cannot hold the prompt, its actors "
                    f"(~{bare:,} tokens) and {self.settings.max_output_tokens:,} output "
                    "tokens; lower --max-output-tokens or use a model with a larger window",
                    limit=limit,
                )
            )

        def fits(lo: int, hi: int) -> bool:
            quotations = sum(1 for q in self.index.quotations if lo <= q.start < hi)
            return quotations <= MAX_QUOTES and self.tokens(self.messages((lo, hi))) <= room

        return plan(self.index, fits, start, end)

    def refused(self, exc: ContextLengthError, sent: Sequence[Message], limit: int | None) -> int:
        """Count a refused request and learn from it: the window it names, and how far our
        estimate fell short of the server's count of the prompt."""
        # A refusal of a re-ask carries its earlier attempts only as counts: one record each,
        # the first with their usage, so the article's attempts and usage still add up.
        earlier = Usage.model_validate(exc.usage) if exc.usage else Usage()
        for i in range(exc.attempts - 1):
            self.log.append(
                AttemptRecord(
                    attempt=len(self.log) + 1,
                    finish_reason=None,
                    usage=earlier if i == 0 else Usage(),
                    errors=["answered, then re-asked (details not kept)"],
                )
            )
        self.log.append(
            AttemptRecord(
                attempt=len(self.log) + 1,
                finish_reason=None,
                usage=Usage() if exc.attempts > 1 else earlier,
                errors=[exc.one_line()],
            )
        )
        if exc.prompt_tokens and exc.attempts <= 1:  # refused at once: ``sent`` was counted
            self.learn(exc.prompt_tokens, sent)
        if exc.limit is not None:
            return exc.limit
        if limit is not None:
            return limit
        # Nothing said: a window for half of the article's text; refused again, halve again.
        bare = self.tokens(self.messages((0, 0)))
        half = (self.tokens(sent) - bare) // 2
        return bare + half + self.settings.max_output_tokens + SAFETY_TOKENS

    # -- the run ----------------------------------------------------------------------------

    def run(self, limit: int) -> tuple[Prepared, Extraction]:
        """Every window's draft, merged, with the final summary."""
        pending = deque(self.plan(0, len(self.index.text), limit))
        done: list[tuple[int, Draft]] = []
        while pending:
            extra = self.slots.borrow(len(pending) - 1) if self.slots else 0
            try:
                wave = [pending.popleft() for _ in range(1 + extra)]
                requests = [self.request(w.span) for w in wave]
                outcomes = self.extract_all(requests)
            finally:
                if self.slots:
                    self.slots.give_back(extra)
            retry: list[Window] = []
            for window, request, outcome in zip(wave, requests, outcomes, strict=True):
                if isinstance(outcome, Draft):
                    done.append((window.start, outcome))
                    self.windows.append(window)
                    continue
                limit = self.refused(outcome, request.messages, limit)
                smaller = self.plan(window.start, window.end, limit)
                if len(smaller) < 2:
                    smaller = self.halve(window)
                if len(smaller) < 2:  # one sentence or quotation longer than the window
                    raise self.failed(outcome, logged=outcome.attempts) from outcome
                retry += smaller
            pending.extendleft(reversed(retry))
        drafts = [draft for _, draft in sorted(done, key=lambda d: d[0])]
        merged = merge_drafts(drafts, {d.id: d for d in self.index.dates})
        merged = merged.model_copy(update={"summary": self.summary(drafts, limit)})
        quotations = list(self.index.quotations)
        prepared = dataclasses.replace(
            self.prepared,
            quotations=quotations,
            total_quotations=len(quotations),
            spec=draft_spec(self.index, quotations, self.bounds),
        )
        extraction = Extraction(
            draft=merged, raw=merged.model_dump_json(), attempts=self.log, model=self.model
        )
        return prepared, extraction

    def halve(self, window: Window) -> list[Window]:
        """Two windows cut at the allowed sentence start nearest the middle, if there is one."""
        _, cuts = cut_points(self.index, window.start, window.end)
        if not cuts:
            return [window]
        middle = min(cuts, key=lambda c: abs(c - (window.start + window.end) // 2))
        quotations = self.index.quotations
        return [
            Window(lo, hi, tuple(q for q in quotations if lo <= q.start < hi))
            for lo, hi in ((window.start, middle), (middle, window.end))
        ]

    def used(self) -> Usage:
        return sum((a.usage for a in self.log), Usage())

    def failed(self, exc: ModelError, *, logged: int = 0) -> ModelError:
        """``exc`` counting every earlier request of this article too (``logged``: how many
        of the log's last records are ``exc``'s own attempts, already counted in it)."""
        log = self.log[: len(self.log) - logged]
        used = sum((a.usage for a in log), Usage())
        return exc.with_history(attempts=len(log), usage=used.model_dump(), last_output=None)

    def budget_left(self) -> int:
        left = self.settings.token_budget - self.used().total_tokens
        if left <= 0:
            used = self.used()
            raise BudgetExceededError(
                f"token budget of {self.settings.token_budget:,} used up after "
                f"{len(self.log)} request(s) in {len(self.windows)} window(s) "
                f"({used.total_tokens:,} tokens)",
                attempts=len(self.log),
                usage=used.model_dump(),
            )
        return left

    def extract_all(self, requests: Sequence[Prepared]) -> list[Draft | ContextLengthError]:
        """The drafts of a wave of windows, sent at once when there are several; a refused
        window's outcome is its ``ContextLengthError``. Attempts are logged in window order,
        whatever order the answers came in, so a run's record does not depend on timing.

        The budget left is shared equally among the wave's windows: none can spend what
        another may need.
        """
        share = self.budget_left() // len(requests)
        settings = dataclasses.replace(self.settings, token_budget=max(share, 1))
        if len(requests) == 1:
            outcomes = [self.extract(settings, requests[0])]
        else:
            with cf.ThreadPoolExecutor(len(requests), thread_name_prefix="window") as pool:
                outcomes = list(pool.map(lambda r: self.extract(settings, r), requests))
        out: list[Draft | ContextLengthError] = []
        failure: ModelError | None = None
        for outcome in outcomes:
            if isinstance(outcome, Extraction):
                for attempt in outcome.attempts:
                    self.log.append(attempt.model_copy(update={"attempt": len(self.log) + 1}))
                self.model = outcome.model or self.model
                out.append(outcome.draft)
            elif isinstance(outcome, ContextLengthError):
                out.append(outcome)  # counted by ``refused``, in this order
            else:
                failure = failure or outcome
        if failure is not None:
            raise self.failed(failure) from failure
        return out

    def extract(self, settings: Settings, request: Prepared) -> Extraction | ModelError:
        """One window's draft, or the error that ended it (raised by ``extract_all``)."""
        try:
            return extract_draft(self.client, settings, self.prompts, request)
        except ModelError as exc:
            return exc

    # -- the summary ------------------------------------------------------------------------

    def summary(self, drafts: Sequence[Draft], limit: int) -> DraftSummary:
        """The final call's summary of the whole article from the windows' summaries; the
        windows' own, put together, if that call would not fit ``limit`` or its answer is
        unusable."""
        if len(drafts) == 1:
            return drafts[0].summary
        if not self.bounds.model_views:
            # A model too small to write views wrote a worse summary of the summaries than its
            # first window's own: the windows' key points, in article order, instead.
            return joined_summary(drafts, self.bounds.key_points)
        template = combine_template(self.prompts)
        parts = [
            "\n".join([f"[{i}] {s.headline}", s.abstract, *(f"- {k}" for k in s.key_points)])
            for i, s in enumerate((d.summary for d in drafts), 1)
        ]
        title = " ".join(self.article.title.split()) if self.article.title else "(none)"
        published = self.article.published
        content = template.render(
            window_count=len(drafts),
            title=title,
            published=published.isoformat() if published else "(unknown)",
            summaries=fence("\n\n".join(parts)),
        )
        messages: list[Message] = [{"role": "user", "content": content}]
        profile = self.prepared.profile
        fields = summary_fields(self.bounds, profile.dialect)
        too_long = self.tokens(messages) + self.settings.max_output_tokens > limit
        if too_long or self.used().total_tokens >= self.settings.token_budget:
            return joined_summary(drafts, self.bounds.key_points)  # no room for one more call

        def send() -> Completion:
            return complete(self.client, self.settings, messages, fields, profile)

        try:
            completion, _ = call_with_retries(send, self.settings, profile)
        except ContextLengthError as exc:  # our estimate fell short: the windows' own, joined
            self.refused(exc, messages, limit)
            return joined_summary(drafts, self.bounds.key_points)
        except ModelError as exc:
            raise self.failed(exc) from exc
        self.model = completion.model or self.model
        found, errors = _summary_of(completion)
        self.log.append(
            AttemptRecord(
                attempt=len(self.log) + 1,
                finish_reason=completion.finish_reason,
                usage=completion.usage,
                errors=errors,
            )
        )
        return found if found is not None else joined_summary(drafts, self.bounds.key_points)


def combine_template(prompts: PromptSet) -> Template:
    """The final call's prompt, of the same version as the rest of the set."""
    template = load_template(prompts_dir() / COMBINE_PROMPT)
    if template.version != prompts.version:
        raise PromptError(
            f"prompt {COMBINE_PROMPT} is version {template.version}, the set {prompts.version}"
        )
    return template


def joined_summary(drafts: Sequence[Draft], key_points: int) -> DraftSummary:
    """The first window's headline and abstract; key points taken in turn from each window
    (so every window is heard within ``key_points``), then put back in article order."""
    first = drafts[0].summary
    chosen: list[tuple[int, int]] = []  # (window, point) in the order taken
    rounds = max(len(d.summary.key_points) for d in drafts)
    for i in range(rounds):
        chosen += [(w, i) for w, d in enumerate(drafts) if i < len(d.summary.key_points)]
    points = [drafts[w].summary.key_points[i] for w, i in sorted(chosen[:key_points])]
    return DraftSummary(headline=first.headline, abstract=first.abstract, key_points=points)


def _summary_of(completion: Completion) -> tuple[DraftSummary | None, list[str]]:
    if completion.finish_reason == "length" or not (completion.content or "").strip():
        return None, [f"unusable summary answer (finish_reason={completion.finish_reason})"]
    try:
        return DraftSummary.model_validate_json(completion.content or ""), []
    except ValidationError as exc:
        return None, [f"summary answer does not validate: {exc.error_count()} error(s)"]
